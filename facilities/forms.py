"""Forms of the booking pages. They only parse input; the services decide."""

from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation

from .availability import local_datetime
from .models import Weekday


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class BookingForm(forms.Form):
    """One booking, or a weekly series when ``repeat`` is ticked."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    date = forms.DateField(label=_("Date"), widget=DateInput(), input_formats=["%Y-%m-%d"])
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends at"), widget=TimeInput())
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=200,
        help_text=_(
            "At most 200 characters. For example: board meeting, choir rehearsal, "
            "open café evening."
        ),
    )
    attendees = forms.IntegerField(label=_("Expected attendees"), min_value=1, max_value=10000)
    requests = forms.CharField(
        label=_("Requests"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Furniture, equipment or catering wishes. Optional."),
    )
    repeat = forms.BooleanField(label=_("Repeat weekly"), required=False)
    weekdays = forms.TypedMultipleChoiceField(
        label=_("On these weekdays"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    until = forms.DateField(
        label=_("Repeat until"),
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d"],
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        # A browser cuts pasted text at `maxlength` without a word: a longer purpose
        # is sent whole and answered with the limit and its length instead.
        self.fields["purpose"].widget.attrs.pop("maxlength", None)

    def clean(self):
        data = super().clean()
        if data.get("repeat"):
            if not data.get("weekdays"):
                self.add_error("weekdays", _("Choose at least one weekday."))
            if not data.get("until"):
                self.add_error("until", _("Give the last date of the series."))
        return data

    @property
    def start(self):
        return local_datetime(self.cleaned_data["date"], self.cleaned_data["start_time"])

    @property
    def end(self):
        end = local_datetime(self.cleaned_data["date"], self.cleaned_data["end_time"])
        # 00:00 as an end time means midnight at the end of the day.
        if self.cleaned_data["end_time"].hour == 0 and self.cleaned_data["end_time"].minute == 0:
            end = local_datetime(
                self.cleaned_data["date"] + timedelta(days=1), self.cleaned_data["end_time"]
            )
        return end


# Service error fields → form fields.
BOOKING_FIELD_MAP = {"start": "start_time", "end": "end_time", "room": None, "first_date": "date"}


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown to the organisation."),
    )


class MeetingScheduleForm(forms.Form):
    """A meeting of a cooperation group, in a room of the centre or elsewhere."""

    title = forms.CharField(label=_("Title of the meeting"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DateInput(), input_formats=["%Y-%m-%d"])
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends at"), widget=TimeInput())
    room = forms.ModelChoiceField(
        label=_("Room of the centre"),
        queryset=None,
        required=False,
        empty_label=_("— No room: the place is given below —"),
        help_text=_("The room is booked in the name of the group's convening organisation."),
    )
    place = forms.CharField(
        label=_("Other place"),
        max_length=300,
        required=False,
        help_text=_("An address or a video link, when the meeting is not in a room of the centre."),
    )
    attendees = forms.IntegerField(
        label=_("Expected attendees"), min_value=1, max_value=10000, initial=10
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    agenda_file = forms.FileField(
        label=_("Agenda as a file"),
        required=False,
        help_text=_("PDF, ODT, DOCX, ODS, XLSX, PNG, JPEG or plain text."),
    )

    def __init__(self, *args, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = rooms

    @property
    def start(self):
        return local_datetime(self.cleaned_data["date"], self.cleaned_data["start_time"])

    @property
    def end(self):
        return local_datetime(self.cleaned_data["date"], self.cleaned_data["end_time"])


# Service error fields → meeting form fields.
MEETING_FIELD_MAP = {
    "start": "start_time",
    "end": "end_time",
    "purpose": "title",
    "file": "agenda_file",
    "organisation": "room",
}

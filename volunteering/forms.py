"""Forms of the volunteering pages. They only parse input; the services decide."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from facilities.forms import DateInput, TimeInput
from facilities.models import Room
from organisations.models import Municipality

from .models import DayPart, ExperienceArea, Language, Request, Role, Skill, Weekday

CONSENT_VERSION = "2026-1"
Checkboxes = forms.CheckboxSelectMultiple


class ProfileForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    roles = forms.MultipleChoiceField(label=_("Roles"), choices=Role.choices, widget=Checkboxes)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=Language.choices, widget=Checkboxes
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities where I can act"),
        queryset=Municipality.objects.order_by("name"),
        help_text=_("Hold Ctrl (or ⌘) to choose several."),
    )
    skills = forms.ModelMultipleChoiceField(
        label=_("Skills"), queryset=Skill.objects.all(), required=False, widget=Checkboxes
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays I am available"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=Checkboxes,
    )
    day_parts = forms.MultipleChoiceField(
        label=_("Times of day I am available"),
        choices=DayPart.choices,
        required=False,
        widget=Checkboxes,
    )
    introduction = forms.CharField(
        label=_("Introduction"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few words about yourself for the coordinators."),
    )
    may_contact = forms.BooleanField(
        label=_("The centre may contact me about tasks"), required=False, initial=True
    )


class ExperienceForm(forms.Form):
    areas = forms.ModelMultipleChoiceField(
        label=_("My experience areas"),
        queryset=ExperienceArea.objects.all(),
        widget=Checkboxes,
        required=False,
    )
    consent = forms.BooleanField(
        label=_(
            "I consent to the centre keeping my experience areas to find me suitable tasks. "
            "They are health data: only I and the centre's coordinators see them, never "
            "the organisations that ask for people. I can withdraw my consent at any time, "
            "and the areas are then removed."
        ),
        required=False,
    )


class RequestForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    day = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Starts"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends"), widget=TimeInput())
    weekly_until = forms.DateField(
        label=_("Repeat weekly until"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for a one-off task."),
    )
    place = forms.ChoiceField(label=_("Place"), choices=Request.Place.choices)
    room = forms.ModelChoiceField(
        label=_("Room"), queryset=Room.objects.filter(is_bookable=True), required=False
    )
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.order_by("name"), required=False
    )
    people_needed = forms.IntegerField(label=_("People needed"), min_value=1, initial=1)
    roles = forms.MultipleChoiceField(label=_("Roles"), choices=Role.choices, widget=Checkboxes)
    skills = forms.ModelMultipleChoiceField(
        label=_("Skills"), queryset=Skill.objects.all(), required=False, widget=Checkboxes
    )
    experience_areas = forms.ModelMultipleChoiceField(
        label=_("Experience areas"),
        queryset=ExperienceArea.objects.all(),
        required=False,
        widget=Checkboxes,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=Language.choices, required=False, widget=Checkboxes
    )
    fee_paid = forms.BooleanField(label=_("A fee is paid"), required=False)
    answer_by = forms.DateField(label=_("Answers needed by"), widget=DateInput())
    is_public = forms.BooleanField(
        label=_("Show the task to volunteers"), required=False, initial=True
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def dates(self):
        data = self.cleaned_data
        zone = timezone.get_default_timezone()
        start = timezone.make_aware(datetime.combine(data["day"], data["start_time"]), zone)
        end = timezone.make_aware(datetime.combine(data["day"], data["end_time"]), zone)
        return [(start, end)]


class OfferForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    respond_by = forms.DateTimeField(
        label=_("Answer by"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class HoursForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    hours = forms.DecimalField(label=_("Hours"), max_digits=5, decimal_places=2)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))]
    )
    reason = forms.CharField(label=_("Reason for rejecting"), max_length=500, required=False)


class FeeTierForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    hourly_rate = forms.DecimalField(
        label=_("Hourly fee (€)"), max_digits=8, decimal_places=2, required=False
    )
    for_trained = forms.BooleanField(
        label=_("For those with experience-expert training"), required=False
    )


class TravelRuleForm(forms.Form):
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput())
    per_date = forms.DecimalField(
        label=_("Compensation per date (€)"), max_digits=8, decimal_places=2
    )


class TrainingRecordForm(forms.Form):
    completed_on = forms.DateField(label=_("Completed on"), widget=DateInput())
    trained_by = forms.CharField(label=_("Trained by"), max_length=200)


class MonthForm(forms.Form):
    month = forms.CharField(
        label=_("Month"), widget=forms.TextInput(attrs={"type": "month"}), max_length=7
    )

    def clean_month(self):
        from facilities.reports import parse_month

        try:
            return parse_month(self.cleaned_data["month"])
        except ValueError:
            raise forms.ValidationError(_("Give the month as YYYY-MM.")) from None


class StatementForm(MonthForm):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

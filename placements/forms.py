"""The forms of the staff and supervisor pages. They parse; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import Representative

from .models import (
    WEEKDAY_CHOICES,
    Attendance,
    Authority,
    Feedback,
    Host,
    Participant,
    Placement,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ParticipantForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    email = forms.EmailField(label=_("email"), required=False)
    phone = forms.CharField(label=_("phone"), max_length=40, required=False)


class PlacementForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Placement.Kind.choices)
    participant = forms.ModelChoiceField(label=_("participant"), queryset=Participant.objects)
    host = forms.ModelChoiceField(
        label=_("host"), queryset=Host.objects.select_related("organisation")
    )
    supervisor = forms.ModelChoiceField(
        label=_("supervisor"),
        queryset=Representative.objects.filter(status=Representative.Status.APPROVED)
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__last_name"),
    )
    authority = forms.ModelChoiceField(label=_("referring authority"), queryset=Authority.objects)
    referrer_reference = forms.CharField(
        label=_("referrer's reference"), max_length=60, required=False
    )
    start_date = forms.DateField(label=_("start"), widget=DateInput())
    end_date = forms.DateField(label=_("end"), widget=DateInput())
    days_per_week = forms.IntegerField(label=_("days per week"), min_value=0, max_value=7)
    hours_per_day = forms.DecimalField(
        label=_("hours per day"), min_value=0, max_value=24, decimal_places=2
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("weekdays"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    goals = forms.CharField(label=_("goals"), widget=forms.Textarea(attrs={"rows": 3}))
    tasks = forms.CharField(label=_("tasks"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].label_from_instance = lambda r: (
            f"{r.user.get_full_name() or r.user.username} ({r.organisation})"
        )


class AttendanceForm(forms.Form):
    day = forms.DateField(label=_("day"), widget=DateInput())
    status = forms.ChoiceField(
        label=_("attendance"), choices=Attendance.Status.choices, widget=forms.RadioSelect
    )
    hours = forms.DecimalField(
        label=_("hours"), required=False, min_value=0, max_value=24, decimal_places=2
    )


class ReportForm(forms.Form):
    authority = forms.ModelChoiceField(label=_("referring authority"), queryset=Authority.objects)
    month = forms.DateField(
        label=_("month"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )


class EndForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How the placement ended"),
        choices=[
            (Placement.Status.COMPLETED, _("Completed")),
            (Placement.Status.INTERRUPTED, _("Ended early")),
        ],
        widget=forms.RadioSelect,
    )
    last_day = forms.DateField(label=_("Last day"), widget=DateInput())
    reason = forms.CharField(
        label=_("reason for ending"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the placement ends early."),
    )


class FeedbackForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("stage"), choices=Feedback.Stage.choices, widget=forms.RadioSelect
    )
    goals_met = forms.TypedChoiceField(
        label=_("How well have the goals been met?"),
        choices=Feedback.Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    tasks_suited = forms.TypedChoiceField(
        label=_("How well have the tasks suited?"),
        choices=Feedback.Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    guidance = forms.TypedChoiceField(
        label=_("How well have guidance and support worked?"),
        choices=Feedback.Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("free-form feedback"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, stages=None, **kwargs):
        super().__init__(*args, **kwargs)
        if stages is not None:
            self.fields["stage"].choices = [
                (value, label) for value, label in Feedback.Stage.choices if value in stages
            ]

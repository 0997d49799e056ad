"""Rehabilitative work activity and work trials hosted by associations: the referring
authorities, the host places, the participants, the placements (agreements) and the
attendance the supervisor marks.

Participants' data is sensitive: a placement keeps only what the agreement needs (name,
contact, the referrer's reference); nothing about health or benefits."""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateRangeField, RangeOperators
from django.db import models
from django.db.models import F, Func, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import OutboxMessage, ReportJob
from organisations.models import Organisation, Representative

from . import limits


class DateRange(Func):
    function = "daterange"
    output_field = DateRangeField()


class Authority(models.Model):
    """The referring authority, which receives the monthly attendance reports."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        EMPLOYMENT_AREA = "employment_area", _("Employment area")
        WELLBEING_COUNTY = "wellbeing_county", _("Wellbeing services county")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    contact_email = models.EmailField(_("contact for reports"))
    daily_compensation = models.DecimalField(
        _("expense compensation per attended day (€)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("9.00"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("referring authority")
        verbose_name_plural = _("referring authorities")
        constraints = [
            models.CheckConstraint(
                condition=Q(daily_compensation__gte=0), name="authority_compensation"
            ),
        ]

    def __str__(self):
        return self.name


class Host(models.Model):
    """An organisation of the register offering placements."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="placement_host",
        verbose_name=_("organisation"),
    )
    tasks = models.TextField(_("tasks"), max_length=3000)
    capacity = models.PositiveSmallIntegerField(_("participants at once"))
    place = models.CharField(_("place"), max_length=300)
    accessibility = models.TextField(_("accessibility"), blank=True, max_length=2000)
    is_public = models.BooleanField(_("shown in the public list"), default=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("host place")
        verbose_name_plural = _("host places")
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="host_capacity"),
        ]

    def __str__(self):
        return str(self.organisation)


class Participant(models.Model):
    """A person in a placement: only what the agreement needs."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placement_participations",
        verbose_name=_("user account"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self):
        return self.name


WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class Placement(models.Model):
    """An agreement: a participant placed with a host for a period."""

    class Kind(models.TextChoices):
        REHABILITATIVE = limits.RWA, _("Rehabilitative work activity")
        WORK_TRIAL = limits.TRIAL, _("Work trial")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        INTERRUPTED = "interrupted", _("Interrupted")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("participant"),
    )
    host = models.ForeignKey(
        Host, on_delete=models.PROTECT, related_name="placements", verbose_name=_("host")
    )
    supervisor = models.ForeignKey(
        Representative,
        on_delete=models.PROTECT,
        related_name="supervised_placements",
        verbose_name=_("supervisor"),
    )
    authority = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("referring authority"),
    )
    referrer_reference = models.CharField(_("referrer's reference"), max_length=60, blank=True)
    goals = models.TextField(_("goals"), max_length=3000)
    tasks = models.TextField(_("tasks"), max_length=3000)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    days_per_week = models.PositiveSmallIntegerField(_("days per week"))
    hours_per_day = models.DecimalField(_("hours per day"), max_digits=4, decimal_places=2)
    weekdays = ArrayField(
        models.PositiveSmallIntegerField(choices=WEEKDAY_CHOICES), verbose_name=_("weekdays")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when staff complete the placement or end it early (services.placement_end); an
    # early end moves end_date to the last day, so the host's place is free after it.
    agreed_end_date = models.DateField(_("agreed end"), null=True, blank=True)
    end_reason = models.TextField(_("reason for ending"), blank=True, max_length=2000)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-start_date", "pk"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="placement_dates"
            ),
            models.CheckConstraint(
                condition=Q(days_per_week__gte=1, days_per_week__lte=7),
                name="placement_days_per_week",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_day__gt=0, hours_per_day__lte=24),
                name="placement_hours_per_day",
            ),
            # A participant is never in two placements at once.
            ExclusionConstraint(
                name="placement_participant_no_overlap",
                expressions=[
                    ("participant", RangeOperators.EQUAL),
                    (
                        DateRange("start_date", "end_date", models.Value("[]")),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                violation_error_message=_("The participant already has a placement then."),
            ),
        ]

    def __str__(self):
        return f"{self.participant} – {self.host} ({self.start_date:%d.%m.%Y})"

    @property
    def weekday_labels(self) -> list[str]:
        names = dict(WEEKDAY_CHOICES)
        return [names[d] for d in sorted(self.weekdays)]

    @property
    def length_days(self) -> int:
        return (self.end_date - self.start_date).days + 1


class Attendance(models.Model):
    """One day of a placement as the supervisor marked it."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ILL = "ill", _("Absent: ill")
        OTHER = "other", _("Absent: other reason")

    placement = models.ForeignKey(
        Placement,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("placement"),
    )
    day = models.DateField(_("day"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2, null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["day"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["placement", "day"], name="attendance_one_per_day"),
            models.CheckConstraint(
                condition=(Q(status="present", hours__gt=0, hours__lte=24))
                | (~Q(status="present") & Q(hours__isnull=True)),
                name="attendance_hours",
            ),
        ]

    def __str__(self):
        return f"{self.placement_id} {self.day}"


class AttendanceReport(ReportJob):
    """The monthly attendance report to a referring authority: each participant's days
    and expense compensation in a month (PDF; the same figures as CSV)."""

    files_folder = "placements"

    authority = models.ForeignKey(
        Authority,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("referring authority"),
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))

    class Meta(ReportJob.Meta):
        verbose_name = _("monthly attendance report")
        verbose_name_plural = _("monthly attendance reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(month__day=1), name="attendance_report_first_of_month"
            ),
        ]

    def __str__(self):
        return f"{self.authority} {self.month:%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("placements:report_detail", args=[self.pk])

    def get_download_url(self) -> str:
        return reverse("placements:report_download", args=[self.pk])

    def download_name(self) -> str:
        return f"attendance-{self.authority_id}-{self.month:%Y-%m}.pdf"

    def render_pdf(self) -> bytes:
        from .reports import render_report_pdf  # that module imports this one

        return render_report_pdf(self)


class ReportDispatch(OutboxMessage):
    """The outbox of monthly attendance reports: one row per referring authority and
    month, so a month is sent once however often the task runs or staff press the
    button. The PDF (and the CSV of the same figures) is built when the row is sent."""

    authority = models.ForeignKey(
        Authority,
        on_delete=models.CASCADE,
        related_name="dispatches",
        verbose_name=_("referring authority"),
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    language = models.CharField(_("language"), max_length=5, default="fi")
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta(OutboxMessage.Meta):
        verbose_name = _("sent monthly attendance report")
        verbose_name_plural = _("sent monthly attendance reports")
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "month"], name="report_dispatch_once_per_month"
            ),
            models.CheckConstraint(
                condition=Q(month__day=1), name="report_dispatch_first_of_month"
            ),
        ]

    def __str__(self):
        return f"{self.authority} {self.month:%m/%Y}"


class Feedback(models.Model):
    """The participant's or the supervisor's feedback at the middle or the end of a
    placement: a few structured questions and free text (plain text, shown escaped).
    One per placement, author and stage; giving it again corrects it."""

    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        SUPERVISOR = "supervisor", _("Supervisor")

    class Stage(models.TextChoices):
        MIDTERM = "midterm", _("Mid-term feedback")
        FINAL = "final", _("Final feedback")

    class Rating(models.IntegerChoices):
        POOR = 1, _("Poorly")
        FAIR = 2, _("Fairly")
        GOOD = 3, _("Well")
        VERY_GOOD = 4, _("Very well")

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("placement")
    )
    role = models.CharField(_("given by"), max_length=12, choices=Role.choices)
    stage = models.CharField(_("stage"), max_length=8, choices=Stage.choices)
    goals_met = models.PositiveSmallIntegerField(
        _("How well have the goals been met?"), choices=Rating.choices
    )
    tasks_suited = models.PositiveSmallIntegerField(
        _("How well have the tasks suited?"), choices=Rating.choices
    )
    guidance = models.PositiveSmallIntegerField(
        _("How well have guidance and support worked?"), choices=Rating.choices
    )
    text = models.TextField(_("free-form feedback"), max_length=3000, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["placement", "stage", "role"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "role", "stage"], name="placement_feedback_once"
            ),
            models.CheckConstraint(
                condition=Q(goals_met__range=(1, 4), tasks_suited__range=(1, 4))
                & Q(guidance__range=(1, 4)),
                name="placement_feedback_ratings",
            ),
        ]

    def __str__(self):
        return f"{self.placement_id} {self.stage} {self.role}"

"""Service pilots and mini-pilots: what they try out and why, who runs them, their goals,
indicators and measurements, the evaluation, the reminders to the responsible staff
member and the stored PDF reports."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import OutboxMessage, ReportJob
from organisations.models import Municipality, Organisation

from .progress import progress_percent
from .querysets import PilotQuerySet


class Theme(models.TextChoices):
    EDUCATION = "education", _("Education")
    WORK = "work", _("Work")
    LEISURE = "leisure", _("Leisure")
    WELLBEING = "wellbeing", _("Wellbeing")


class PilotStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    PLANNING = "planning", _("Planning")
    RUNNING = "running", _("Running")
    EVALUATING = "evaluating", _("Evaluating")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


class Pilot(models.Model):
    class Kind(models.TextChoices):
        PILOT = "pilot", _("Pilot")
        MINI = "mini", _("Mini-pilot")

    # name and description are translated (fi required, sv/en optional): see translation.py
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PILOT)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PilotStatus.choices,
        default=PilotStatus.IDEA,
        help_text=_("Changed through a status change, which is recorded with its date."),
    )
    need = models.TextField(_("the need"), blank=True, max_length=5000)
    knowledge_base = models.TextField(
        _("the knowledge that led to the pilot"), blank=True, max_length=5000
    )
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    municipalities = models.ManyToManyField(
        Municipality, related_name="pilots", blank=True, verbose_name=_("municipalities")
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="led_pilots",
        verbose_name=_("lead organisation"),
    )
    partners = models.ManyToManyField(
        Organisation,
        through="PilotPartner",
        related_name="partner_pilots",
        blank=True,
        verbose_name=_("partner organisations"),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget (€)"), max_digits=11, decimal_places=2, null=True, blank=True
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_pilots",
        limit_choices_to={"is_staff": True},
        verbose_name=_("responsible staff member"),
    )
    reminder_language = models.CharField(
        _("language of reminders"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="fi",
        help_text=_("The responsible staff member gets reminders in this language."),
    )
    is_public = models.BooleanField(_("shown on the public pages"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PilotQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "name_fi"]
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="pilot_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="pilot_budget_not_negative",
            ),
        ]

    def __str__(self):
        return self.name


class PilotPartner(models.Model):
    """A partner organisation of a pilot and what it does in it."""

    class Role(models.TextChoices):
        IMPLEMENTER = "implementer", _("Implementer")
        FUNDER = "funder", _("Funder")
        EXPERT = "expert", _("Expert")
        VENUE = "venue", _("Venue")
        OTHER = "other", _("Other")

    pilot = models.ForeignKey(
        Pilot, on_delete=models.CASCADE, related_name="partnerships", verbose_name=_("pilot")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="pilot_partnerships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OTHER)
    role_description = models.CharField(_("role in more detail"), max_length=300, blank=True)

    class Meta:
        ordering = ["organisation__name_fi"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["pilot", "organisation"], name="pilot_partner_once_per_pilot"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class Goal(models.Model):
    pilot = models.ForeignKey(
        Pilot, on_delete=models.CASCADE, related_name="goals", verbose_name=_("pilot")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # text is translated: see translation.py
    text = models.CharField(_("goal"), max_length=500)

    class Meta:
        ordering = ["pilot", "order", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self):
        return self.text


class StatusChange(models.Model):
    """The log of a pilot's status: one row per change, with its date."""

    pilot = models.ForeignKey(
        Pilot, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("pilot")
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=PilotStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=PilotStatus.choices)
    changed_on = models.DateField(_("date"))
    changed_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)

    class Meta:
        ordering = ["pilot", "changed_on", "changed_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_status=F("to_status")), name="status_change_changes"
            ),
        ]

    def __str__(self):
        return f"{self.pilot}: {self.from_status or '–'} → {self.to_status} ({self.changed_on})"


class Indicator(models.Model):
    class Direction(models.TextChoices):
        INCREASE = "increase", _("Increase")
        DECREASE = "decrease", _("Decrease")

    class Interval(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        YEARLY = "yearly", _("Yearly")

    pilot = models.ForeignKey(
        Pilot, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("pilot")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # name is translated: see translation.py
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(
        _("unit"), max_length=40, help_text=_("For example people, per cent or euros.")
    )
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    interval = models.CharField(
        _("measured"), max_length=10, choices=Interval.choices, default=Interval.MONTHLY
    )

    class Meta:
        ordering = ["pilot", "order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            # The target lies in the indicator's direction from the baseline.
            models.CheckConstraint(
                condition=Q(direction="increase", target__gte=F("baseline"))
                | Q(direction="decrease", target__lte=F("baseline")),
                name="indicator_target_in_direction",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def sorted_measurements(self) -> list["Measurement"]:
        """Oldest first. Pages and the PDF prefetch them (pilots.selectors.with_details);
        without that, each use is a query."""
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "measurements" in cache:
            return sorted(cache["measurements"], key=lambda m: (m.measured_on, m.pk))
        return list(self.measurements.order_by("measured_on", "pk"))

    @property
    def latest(self) -> "Measurement | None":
        measurements = self.sorted_measurements
        return measurements[-1] if measurements else None

    @property
    def latest_value(self) -> Decimal | None:
        latest = self.latest
        return latest.value if latest else None

    @property
    def progress(self) -> Decimal | None:
        """Per cent of the way from the baseline to the target by the latest
        measurement, 0–100; None before the first measurement."""
        return progress_percent(
            baseline=self.baseline,
            target=self.target,
            value=self.latest_value,
            direction=self.direction,
        )

    @property
    def rows(self) -> list[dict]:
        """Each measurement with the progress it stood for, oldest first."""
        return [
            {
                "measurement": m,
                "progress": progress_percent(
                    baseline=self.baseline,
                    target=self.target,
                    value=m.value,
                    direction=self.direction,
                ),
            }
            for m in self.sorted_measurements
        ]


class Measurement(models.Model):
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="measurements",
        verbose_name=_("indicator"),
    )
    measured_on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        ordering = ["indicator", "measured_on", "pk"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on"], name="measurement_once_per_day"
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.measured_on})"


class Evaluation(models.Model):
    class Recommendation(models.TextChoices):
        SCALE_UP = "scale_up", _("Scale up")
        CONTINUE = "continue", _("Continue")
        CHANGE = "change", _("Change")
        STOP = "stop", _("Stop")

    pilot = models.OneToOneField(
        Pilot, on_delete=models.CASCADE, related_name="evaluation", verbose_name=_("pilot")
    )
    results = models.TextField(_("results"), max_length=10000)
    impact = models.TextField(_("impact"), max_length=10000)
    lessons = models.TextField(_("lessons learnt"), max_length=10000)
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices
    )
    evaluator = models.CharField(
        _("evaluator"), max_length=200, help_text=_("The person or body that evaluated it.")
    )
    evaluated_on = models.DateField(_("date of the evaluation"))

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(results="") & ~Q(evaluator=""), name="evaluation_has_results"
            ),
        ]

    def __str__(self):
        return f"{self.pilot}: {self.get_recommendation_display()}"


class PilotReminder(OutboxMessage):
    """The outbox of reminders: one row per indicator and missed period, so a period is
    reminded of once however often the task runs."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("indicator")
    )
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))

    class Meta(OutboxMessage.Meta):
        verbose_name = _("measurement reminder")
        verbose_name_plural = _("measurement reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start"], name="pilot_reminder_once_per_period"
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.period_start}–{self.period_end}"


class PilotReport(ReportJob):
    """A pilot's PDF report: description, goals, indicators and evaluation."""

    files_folder = "pilots"

    pilot = models.ForeignKey(
        Pilot, on_delete=models.CASCADE, related_name="reports", verbose_name=_("pilot")
    )

    class Meta(ReportJob.Meta):
        verbose_name = _("pilot report")
        verbose_name_plural = _("pilot reports")

    def __str__(self):
        return f"{self.pilot} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("pilots:report_detail", args=[self.pk])

    def get_download_url(self) -> str:
        return reverse("pilots:report_download", args=[self.pk])

    def render_pdf(self) -> bytes:
        from .reports import render_report_pdf  # that module imports this one

        return render_report_pdf(self)

    def download_name(self) -> str:
        return f"pilot-{self.pilot_id}-{self.created_at:%Y-%m-%d}.pdf"

"""The participation model (osallisuusmalli): strategy items that group themes of the
consultations into what the region will do, goals with measurable indicators, and the
measurements that show their progress.

The trace a reader follows is comment → theme → strategy item → goal → indicator →
measurement. Staff link a goal to the themes and strategy items it answers, and may link
single comments to it as well; a goal's comments are those linked to it directly or
through its themes.

Actions (toimenpiteet) are what the region does to reach its goals: one action may answer
several goals. A goal's progress comes from its indicators (the mean of the measured
ones) or, when staff choose so, from its actions (their own progress weighted by their
weights, cancelled actions left out)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation

from .consultations import Comment, Theme


class StrategyItem(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="strategy_items", verbose_name=_("themes")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("strategy item")
        verbose_name_plural = _("strategy items")

    def __str__(self):
        return self.title


class Goal(models.Model):
    class ProgressSource(models.TextChoices):
        INDICATORS = "indicators", _("The mean progress of its measured indicators")
        ACTIONS = "actions", _("The weighted progress of its actions")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("period starts"))
    ends_on = models.DateField(_("period ends"))
    strategy_items = models.ManyToManyField(
        StrategyItem, blank=True, related_name="goals", verbose_name=_("strategy items")
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="goals", verbose_name=_("themes")
    )
    comments = models.ManyToManyField(
        Comment, blank=True, related_name="goals", verbose_name=_("comments")
    )
    progress_source = models.CharField(
        _("progress is computed from"),
        max_length=10,
        choices=ProgressSource.choices,
        default=ProgressSource.INDICATORS,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")), name="goal_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=Q(progress_source__in=["indicators", "actions"]),
                name="goal_progress_source_known",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def from_actions(self) -> bool:
        return self.progress_source == self.ProgressSource.ACTIONS

    @property
    def progress(self) -> float | None:
        """The goal's progress (0…1) from its chosen source, or None while there is
        nothing to compute it from."""
        return self.actions_progress if self.from_actions else self.indicators_progress

    @property
    def indicators_progress(self) -> float | None:
        """The mean progress of the indicators that have been measured (0…1), or None.
        Reads ``indicators.all()``: prefetch them with their measurements."""
        values = [i.progress for i in self.indicators.all() if i.progress is not None]
        if not values:
            return None
        return sum(values) / len(values)

    @property
    def actions_progress(self) -> float | None:
        """The weighted mean of the progress of the actions that are not cancelled
        (0…1): Σ weight × progress / Σ weight, or None when there are none. Reads
        ``actions.all()``: prefetch them."""
        counted = [a for a in self.actions.all() if a.status != Action.Status.CANCELLED]
        weights = sum((a.weight for a in counted), Decimal(0))
        if not counted or weights <= 0:
            return None
        weighted = sum((a.weight * a.progress for a in counted), Decimal(0))
        return float(weighted / weights / 100)

    @property
    def progress_percent(self) -> int | None:
        progress = self.progress
        return None if progress is None else round(progress * 100)


class Indicator(models.Model):
    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        YEARLY = "yearly", _("Yearly")

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("goal")
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    frequency = models.CharField(
        _("measured"), max_length=10, choices=Frequency.choices, default=Frequency.YEARLY
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["goal", "order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=~Q(target=F("baseline")), name="indicator_target_differs_from_baseline"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def increases(self) -> bool:
        """Whether the goal is to raise the value (else to lower it)."""
        return self.target > self.baseline

    @property
    def latest(self):
        """The newest measurement. Reads ``measurements.all()`` (ordered oldest first)."""
        measurements = list(self.measurements.all())
        return measurements[-1] if measurements else None

    @property
    def progress(self) -> float | None:
        """How far the newest value has come from the baseline to the target, 0…1."""
        latest = self.latest
        if latest is None:
            return None
        share = (latest.value - self.baseline) / (self.target - self.baseline)
        return float(min(max(share, Decimal(0)), Decimal(1)))

    @property
    def progress_percent(self) -> int | None:
        progress = self.progress
        return None if progress is None else round(progress * 100)


class Measurement(models.Model):
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="measurements",
        verbose_name=_("indicator"),
    )
    measured_on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["indicator", "measured_on", "pk"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on"], name="measurement_once_a_day"
            )
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.measured_on})"


PROGRESS_RANGE = _("The progress is a percentage from 0 to 100.")


class Action(models.Model):
    """Something the region does towards one or more goals, with its own progress
    (0–100 %) and a weight in the progress of the goals it answers."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    goals = models.ManyToManyField(Goal, related_name="actions", verbose_name=_("goals"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    responsible = models.CharField(_("responsible person or unit"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_actions",
        verbose_name=_("responsible organisation"),
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        default=0,
        validators=[
            MinValueValidator(0, message=PROGRESS_RANGE),
            MaxValueValidator(100, message=PROGRESS_RANGE),
        ],
    )
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=1)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "starts_on", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="action_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="action_progress_0_100"
            ),
            models.CheckConstraint(condition=Q(weight__gt=0), name="action_weight_positive"),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(progress=100), name="action_done_is_complete"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def responsible_display(self) -> str:
        """Who answers for the action: the person or unit, and the organisation."""
        names = [self.responsible, self.organisation.name if self.organisation else ""]
        return ", ".join(name for name in names if name)

    @property
    def progress_percent(self) -> int:
        return self.progress

"""Use cases of the participation model that write: strategy items, goals, indicators
and actions (created and changed on the staff pages), a measurement of an indicator, and
the links that make the trace from residents' comments to a goal (themes and strategy
items; single comments are linked where they are coded, ``services.comment_code``).

Each saves all or nothing and turns bad input into a ParticipationError on its field: a
goal's period that ends before it starts (or leaves its measurements outside it), an
indicator whose target is its baseline or lies the wrong way for the direction chosen,
an action without a goal or someone responsible, with a weight of zero or less or a
progress outside 0–100 %. A done action's progress is 100 %."""

from django.db import IntegrityError, transaction
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .authoring import _clean, _set
from .errors import ParticipationError
from .models import Action, Goal, Indicator, Measurement, StrategyItem
from .services import _is_violation, _require_staff, plain_text

STRATEGY_ITEM_FIELDS = (
    "title_fi",
    "title_sv",
    "title_en",
    "description_fi",
    "description_sv",
    "description_en",
    "order",
)
GOAL_FIELDS = (
    "title_fi",
    "title_sv",
    "title_en",
    "description_fi",
    "description_sv",
    "description_en",
    "starts_on",
    "ends_on",
    "progress_source",
    "order",
)
INDICATOR_FIELDS = (
    "name_fi",
    "name_sv",
    "name_en",
    "unit",
    "baseline",
    "target",
    "frequency",
    "order",
)
ACTION_FIELDS = (
    "title_fi",
    "title_sv",
    "title_en",
    "description_fi",
    "description_sv",
    "description_en",
    "responsible",
    "organisation",
    "starts_on",
    "ends_on",
    "status",
    "progress",
    "weight",
    "order",
)
INCREASE, DECREASE = "increase", "decrease"

NOTE_MAX_LENGTH = 300


@transaction.atomic
def measurement_add(*, actor, indicator: Indicator, measured_on, value, note: str = ""):
    """Record a value of the indicator on a day of its goal's period."""
    _require_staff(actor)
    indicator = Indicator.objects.select_related("goal").get(pk=indicator.pk)
    goal = indicator.goal
    if measured_on is None:
        raise ParticipationError(_("Give the date of the measurement."), field="measured_on")
    if value is None:
        raise ParticipationError(_("Give the measured value."), field="value")
    if not goal.starts_on <= measured_on <= goal.ends_on:
        raise ParticipationError(
            _("The date must be within the goal's period, %(starts)s–%(ends)s."),
            field="measured_on",
            params={
                "starts": formats.date_format(goal.starts_on, "SHORT_DATE_FORMAT"),
                "ends": formats.date_format(goal.ends_on, "SHORT_DATE_FORMAT"),
            },
        )
    note = plain_text(note)
    if len(note) > NOTE_MAX_LENGTH:
        raise ParticipationError(
            _("The note can be at most %(max)d characters long."),
            field="note",
            params={"max": NOTE_MAX_LENGTH},
        )
    try:
        with transaction.atomic():
            return Measurement.objects.create(
                indicator=indicator, measured_on=measured_on, value=value, note=note
            )
    except IntegrityError as error:
        if _is_violation(error, "measurement_once_a_day"):
            raise ParticipationError(
                _("The indicator already has a measurement on that day."), field="measured_on"
            ) from None
        raise


@transaction.atomic
def goal_link(*, actor, goal: Goal, themes, strategy_items) -> Goal:
    """Say which themes and strategy items the goal answers (replacing earlier links)."""
    _require_staff(actor)
    goal.themes.set(list(themes))
    goal.strategy_items.set(list(strategy_items))
    return goal


def _short(day) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


@transaction.atomic
def strategy_item_save(*, actor, item: StrategyItem | None = None, themes=(), **fields):
    """Create a strategy item or change one, with the themes it groups."""
    _require_staff(actor)
    item = (
        StrategyItem() if item is None else StrategyItem.objects.select_for_update().get(pk=item.pk)
    )
    _set(item, fields, STRATEGY_ITEM_FIELDS)
    _clean(item)
    item.save()
    item.themes.set(list(themes))
    return item


@transaction.atomic
def goal_save(*, actor, goal: Goal | None = None, themes=(), strategy_items=(), **fields) -> Goal:
    """Create a goal or change one: its texts, period, progress source, and the themes
    and strategy items it answers. A changed period must still hold every measurement
    of the goal's indicators."""
    _require_staff(actor)
    goal = Goal() if goal is None else Goal.objects.select_for_update().get(pk=goal.pk)
    _set(goal, fields, GOAL_FIELDS)
    if goal.starts_on and goal.ends_on and goal.ends_on <= goal.starts_on:
        raise ParticipationError(_("The goal's period must end after it starts."), field="ends_on")
    if goal.pk and goal.starts_on and goal.ends_on:
        outside = (
            Measurement.objects.filter(indicator__goal=goal)
            .exclude(measured_on__range=(goal.starts_on, goal.ends_on))
            .order_by("measured_on")
            .first()
        )
        if outside is not None:
            raise ParticipationError(
                _(
                    "The goal has a measurement on %(date)s, outside the new period. "
                    "Choose a period that holds every measurement."
                ),
                field="starts_on" if outside.measured_on < goal.starts_on else "ends_on",
                params={"date": _short(outside.measured_on)},
            )
    _clean(goal)
    goal.save()
    goal.themes.set(list(themes))
    goal.strategy_items.set(list(strategy_items))
    return goal


@transaction.atomic
def indicator_save(
    *, actor, goal: Goal, indicator: Indicator | None = None, direction: str = "", **fields
) -> Indicator:
    """Add an indicator to the goal or change one of its indicators. The target must
    differ from the baseline; with a direction given (the value should increase or
    decrease), the target must lie that way from the baseline."""
    _require_staff(actor)
    if indicator is None:
        indicator = Indicator(goal=goal)
    else:
        indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
        if indicator.goal_id != goal.pk:
            raise ParticipationError(_("The indicator belongs to another goal."))
    _set(indicator, fields, INDICATOR_FIELDS)
    baseline, target = indicator.baseline, indicator.target
    if baseline is not None and target is not None:
        if target == baseline:
            raise ParticipationError(
                _("The target must differ from the baseline: progress is measured between them."),
                field="target",
            )
        if direction == INCREASE and target < baseline:
            raise ParticipationError(
                _("The value should increase, so the target must be above the baseline."),
                field="target",
            )
        if direction == DECREASE and target > baseline:
            raise ParticipationError(
                _("The value should decrease, so the target must be below the baseline."),
                field="target",
            )
    _clean(indicator)
    indicator.save()
    return indicator


@transaction.atomic
def action_save(*, actor, action: Action | None = None, goals=(), **fields) -> Action:
    """Create an action or change one, with the goals it answers."""
    _require_staff(actor)
    goals = list(goals)
    action = Action() if action is None else Action.objects.select_for_update().get(pk=action.pk)
    _set(action, fields, ACTION_FIELDS)
    if not goals:
        raise ParticipationError(_("Choose at least one goal the action answers."), field="goals")
    action.responsible = plain_text(action.responsible)
    if not action.responsible and action.organisation is None:
        raise ParticipationError(
            _("Say who is responsible: a person or unit, or an organisation."),
            field="responsible",
        )
    if action.starts_on and action.ends_on and action.ends_on < action.starts_on:
        raise ParticipationError(_("The action cannot end before it starts."), field="ends_on")
    if action.weight is not None and action.weight <= 0:
        raise ParticipationError(_("The weight must be greater than zero."), field="weight")
    if action.progress is not None and not 0 <= action.progress <= 100:
        raise ParticipationError(_("The progress is a percentage from 0 to 100."), field="progress")
    if action.status == Action.Status.DONE:
        action.progress = 100
    _clean(action)
    action.save()
    action.goals.set(goals)
    return action

"""Use cases of the participation model that write: a measurement of an indicator, and
the links that make the trace from residents' comments to a goal (themes and strategy
items; single comments are linked where they are coded, ``services.comment_code``). Goals, strategy items and indicators themselves are kept
in the admin."""

from django.db import IntegrityError, transaction
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .errors import ParticipationError
from .models import Goal, Indicator, Measurement
from .services import _is_violation, _require_staff, plain_text

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

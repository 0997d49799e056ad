"""Use cases of the pilots that write: status changes, measurements and the evaluation.
Views, the admin, the demo loader and tasks all go through these."""

import logging
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from core import clock
from core.access import is_staff

from .errors import PilotError
from .models import Evaluation, Indicator, Measurement, Pilot, PilotStatus, StatusChange
from .selectors import may_enter_measurements

logger = logging.getLogger(__name__)

S = PilotStatus
# The statuses a pilot may move to from each status. Completed is the end of the road;
# a stopped pilot may be taken up again from the planning stage.
TRANSITIONS: dict[str, set[str]] = {
    S.IDEA: {S.PLANNING, S.STOPPED},
    S.PLANNING: {S.IDEA, S.RUNNING, S.STOPPED},
    S.RUNNING: {S.EVALUATING, S.STOPPED},
    S.EVALUATING: {S.RUNNING, S.COMPLETED, S.STOPPED},
    S.COMPLETED: set(),
    S.STOPPED: {S.PLANNING},
}
# Measurements are entered while the pilot runs and while its data are being evaluated.
MEASURABLE = {S.RUNNING, S.EVALUATING}


def allowed_transitions(pilot: Pilot) -> list[str]:
    """The statuses the pilot may move to now, in the order of the life cycle."""
    allowed = TRANSITIONS[pilot.status]
    return [value for value in S.values if value in allowed]


def _require_staff(actor):
    if not is_staff(actor):
        raise PermissionDenied


@transaction.atomic
def pilot_transition(
    *, actor, pilot: Pilot, to_status: str, on: date | None = None, note: str = ""
) -> StatusChange:
    """Move the pilot to another status and log the change with its date (today unless
    ``on`` is given; never in the future, never before the previous change)."""
    _require_staff(actor)
    pilot = Pilot.objects.select_for_update().get(pk=pilot.pk)
    if to_status not in S.values:
        raise PilotError(_("Choose a status."), field="to_status")
    if to_status not in TRANSITIONS[pilot.status]:
        raise PilotError(
            _("A pilot cannot move from “%(current)s” to “%(new)s”."),
            field="to_status",
            params={"current": S(pilot.status).label, "new": S(to_status).label},
        )
    today = clock.today()
    on = on or today
    if on > today:
        raise PilotError(_("The date of a status change cannot be in the future."), field="on")
    previous = pilot.status_changes.order_by("-changed_on").first()
    if previous and on < previous.changed_on:
        raise PilotError(
            _("The date cannot be before the previous status change (%(date)s)."),
            field="on",
            params={"date": formats.date_format(previous.changed_on, "SHORT_DATE_FORMAT")},
        )
    if to_status == S.COMPLETED and not Evaluation.objects.filter(pilot=pilot).exists():
        raise PilotError(
            _("A pilot cannot be completed without an evaluation. Write the evaluation first."),
            field="to_status",
        )
    change = StatusChange.objects.create(
        pilot=pilot,
        from_status=pilot.status,
        to_status=to_status,
        changed_on=on,
        changed_by=actor,
        note=note,
    )
    pilot.status = to_status
    pilot.save(update_fields=["status", "updated_at"])
    logger.info("pilot %s: %s → %s by user %s", pilot.pk, change.from_status, to_status, actor.pk)
    return change


@transaction.atomic
def measurement_create(
    *, actor, indicator: Indicator, measured_on: date, value: Decimal, note: str = ""
) -> Measurement:
    """Record a value of an indicator. Staff, or an approved representative of the lead
    or a partner organisation of the pilot (anyone else: PermissionDenied)."""
    pilot = indicator.pilot
    if not may_enter_measurements(actor, pilot):
        raise PermissionDenied
    if pilot.status not in MEASURABLE:
        raise PilotError(
            _("Measurements are entered while the pilot is running or being evaluated."),
        )
    if measured_on > clock.today():
        raise PilotError(
            _("The date of a measurement cannot be in the future."), field="measured_on"
        )
    if measured_on < pilot.start_date:
        raise PilotError(
            _("The date cannot be before the pilot started (%(date)s)."),
            field="measured_on",
            params={"date": formats.date_format(pilot.start_date, "SHORT_DATE_FORMAT")},
        )
    try:
        with transaction.atomic():
            measurement = Measurement.objects.create(
                indicator=indicator,
                measured_on=measured_on,
                value=value,
                note=note,
                entered_by=actor,
            )
    except IntegrityError:
        raise PilotError(
            _("This indicator already has a measurement on that date."), field="measured_on"
        ) from None
    logger.info("measurement of indicator %s entered by user %s", indicator.pk, actor.pk)
    return measurement


@transaction.atomic
def evaluation_save(
    *,
    actor,
    pilot: Pilot,
    results: str,
    impact: str,
    lessons: str,
    recommendation: str,
    evaluator: str,
    evaluated_on: date,
) -> Evaluation:
    """Write or rewrite the pilot's evaluation."""
    _require_staff(actor)
    if recommendation not in Evaluation.Recommendation.values:
        raise PilotError(_("Choose a recommendation."), field="recommendation")
    if evaluated_on > clock.today():
        raise PilotError(
            _("The date of the evaluation cannot be in the future."), field="evaluated_on"
        )
    if not results.strip():
        raise PilotError(_("Write the results of the pilot."), field="results")
    if not evaluator.strip():
        raise PilotError(_("Name the evaluator."), field="evaluator")
    evaluation, _created = Evaluation.objects.update_or_create(
        pilot=pilot,
        defaults={
            "results": results,
            "impact": impact,
            "lessons": lessons,
            "recommendation": recommendation,
            "evaluator": evaluator,
            "evaluated_on": evaluated_on,
        },
    )
    return evaluation

"""Reminders to a pilot's responsible staff member when an indicator has no measurement
for its last whole period (week, month, quarter or year). Run daily: the outbox row is
unique per indicator and period, so later runs add nothing for the same period."""

import logging
from datetime import date

from django.db import transaction

from core import clock
from core.outbox import send_soon

from .models import Indicator, PilotReminder, PilotStatus
from .progress import previous_period

logger = logging.getLogger(__name__)


def missed_period(indicator: Indicator, today: date) -> tuple[date, date] | None:
    """The last whole period of the indicator if the pilot ran in it and nothing was
    measured in it; None otherwise."""
    start, end = previous_period(today, indicator.interval)
    pilot = indicator.pilot
    if pilot.start_date > end or (pilot.end_date and pilot.end_date < start):
        return None
    if indicator.measurements.filter(measured_on__range=(start, end)).exists():
        return None
    return start, end


@transaction.atomic
def queue_reminders(today: date | None = None) -> int:
    """Queue a reminder for each indicator of a running pilot that missed its last
    period; return how many were queued."""
    today = today or clock.today()
    indicators = (
        Indicator.objects.filter(
            pilot__status=PilotStatus.RUNNING, pilot__responsible__isnull=False
        )
        .select_related("pilot")
        .order_by("pk")
    )
    queued = 0
    for indicator in indicators:
        period = missed_period(indicator, today)
        if period is None:
            continue
        _reminder, created = PilotReminder.objects.get_or_create(
            indicator=indicator, period_start=period[0], defaults={"period_end": period[1]}
        )
        queued += created
    if queued:
        logger.info("queued %s measurement reminders", queued)
        send_soon("pilots.tasks.send_pilot_reminders")
    return queued

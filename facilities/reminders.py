"""Reminders the day before a booking. Run hourly: the outbox row is unique per booking
and kind, so later runs of the same day add nothing."""

import logging
from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from core import clock

from . import notifications
from .availability import local_datetime
from .models import Booking, NotificationKind

logger = logging.getLogger(__name__)


@transaction.atomic
def queue_reminders(now=None) -> int:
    """Queue a reminder for each confirmed booking that starts tomorrow (the local date
    in Helsinki); return how many were queued."""
    now = now or clock.now()
    tomorrow = timezone.localdate(now, timezone.get_default_timezone()) + timedelta(days=1)
    bookings = (
        Booking.objects.filter(
            status=Booking.Status.CONFIRMED,
            start__gte=local_datetime(tomorrow, time(0)),
            start__lt=local_datetime(tomorrow + timedelta(days=1), time(0)),
        )
        .exclude(notifications__kind=NotificationKind.REMINDER)
        .order_by("start")
    )
    count = 0
    for booking in bookings:
        notifications.queue(booking, NotificationKind.REMINDER)
        count += 1
    if count:
        logger.info("queued %s booking reminders for %s", count, tomorrow)
    return count

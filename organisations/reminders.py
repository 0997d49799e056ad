"""Reminders to staff before a partnership ends. Run daily (or more often): the outbox
row is unique per partnership, end date and recipient, so later runs add nothing, and a
changed end date gets a reminder of its own."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core import clock

from . import notifications
from .models import NetworkNotification, Partnership

logger = logging.getLogger(__name__)


def reminder_recipients(partnership: Partnership) -> list[str]:
    """The staff contacts of the partnership, or the centre's own address."""
    emails = [u.email for u in partnership.staff_contacts.all() if u.is_active and u.email]
    return emails or [settings.CONTACT_EMAIL]


@transaction.atomic
def queue_partnership_reminders(now=None) -> int:
    """Queue a reminder for each partnership that ends within PARTNERSHIP_REMINDER_DAYS
    (local date in Helsinki) and has not been reminded of that end date; return how many
    were queued."""
    now = now or clock.now()
    today = timezone.localdate(now, timezone.get_default_timezone())
    last = today + timedelta(days=settings.PARTNERSHIP_REMINDER_DAYS)
    partnerships = (
        Partnership.objects.ending_between(today, last)
        .select_related("partner")
        .prefetch_related("staff_contacts")
        .order_by("ends_on", "pk")
    )
    count = 0
    for partnership in partnerships:
        for email in reminder_recipients(partnership):
            _row, created = notifications.queue(
                key=(
                    f"partnership-ending:{partnership.pk}:"
                    f"{partnership.ends_on.isoformat()}:{email.lower()}"
                ),
                kind=NetworkNotification.Kind.PARTNERSHIP_ENDING,
                to=email,
                partnership=partnership,
            )
            count += created
    if count:
        logger.info("queued %s partnership reminders", count)
    return count

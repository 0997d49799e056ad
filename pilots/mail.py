"""Sends the reminder outbox (pilots.reminders): one email per row to the pilot's
responsible staff member, in the language chosen on the pilot.

Each row is sent in its own transaction that holds the row's lock until ``sent_at`` is
committed, and a worker skips rows another worker holds: two workers never send one row
twice, and a crash after a few messages does not send those again."""

import logging
import operator
import re
from datetime import timedelta
from functools import reduce

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core import clock

from .models import PilotReminder, PilotStatus

logger = logging.getLogger(__name__)

# How long to wait before each attempt, counted from when the row was queued.
RETRY_AFTER = [timedelta(0), timedelta(minutes=10), timedelta(hours=1), timedelta(hours=6)]
MAX_ATTEMPTS = len(RETRY_AFTER)
TEMPLATES = "emails/pilots/"


def _pending(now):
    due = reduce(
        operator.or_,
        (Q(attempts=n, created_at__lte=now - wait) for n, wait in enumerate(RETRY_AFTER)),
    )
    return PilotReminder.objects.filter(due, sent_at__isnull=True)


def build_message(reminder: PilotReminder, to: str) -> EmailMessage:
    indicator = reminder.indicator
    pilot = indicator.pilot
    with translation.override(pilot.reminder_language):
        context = {
            "reminder": reminder,
            "indicator": indicator,
            "pilot": pilot,
            "url": settings.SITE_URL.rstrip("/")
            + reverse("pilots:measurement_create", args=[pilot.pk]),
            "contact_email": settings.CONTACT_EMAIL,
        }
        subject = " ".join(render_to_string(TEMPLATES + "reminder_subject.txt", context).split())
        text = re.sub(r"\n{3,}", "\n\n", render_to_string(TEMPLATES + "reminder.txt", context))
    return EmailMessage(subject, text, to=[to], reply_to=[settings.CONTACT_EMAIL])


def _skip(reminder: PilotReminder, reason: str):
    logger.warning("pilot reminder %s not sent: %s", reminder.pk, reason)
    reminder.sent_at = clock.now()
    reminder.last_error = reason
    reminder.save(update_fields=["sent_at", "last_error"])


@transaction.atomic
def _send_one(pk: int, now) -> bool:
    reminder = (
        _pending(now)
        .filter(pk=pk)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("indicator__pilot__responsible")
        .first()
    )
    if reminder is None:
        return False  # sent or being sent by another worker
    pilot = reminder.indicator.pilot
    if pilot.status != PilotStatus.RUNNING:
        _skip(reminder, "the pilot is no longer running")
        return False
    if reminder.indicator.measurements.filter(
        measured_on__range=(reminder.period_start, reminder.period_end)
    ).exists():
        _skip(reminder, "the measurement has been entered meanwhile")
        return False
    to = pilot.responsible.email if pilot.responsible else ""
    if not to:
        _skip(reminder, "the pilot has no responsible staff member with an email address")
        return False
    try:
        with transaction.atomic():
            message = build_message(reminder, to)
        message.send()
    except Exception as error:  # SMTP, network, or a bug in one message: not the others
        reminder.attempts += 1
        reminder.last_error = f"{type(error).__name__}: {error}"[:2000]
        reminder.save(update_fields=["attempts", "last_error"])
        logger.warning("pilot reminder %s failed: %s", reminder.pk, reminder.last_error)
        return False
    reminder.sent_at = clock.now()
    reminder.last_error = ""
    reminder.save(update_fields=["sent_at", "last_error"])
    return True


def send_pending(limit: int = 100) -> int:
    """Send the due unsent reminders, oldest first; return how many were sent."""
    now = clock.now()
    ids = list(_pending(now).order_by("created_at").values_list("pk", flat=True)[:limit])
    return sum(_send_one(pk, now) for pk in ids)

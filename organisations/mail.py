"""Sends the network's outbox (organisations.notifications): partnership reminders to
staff and meeting invitations (with the meeting as an .ics attachment), each in the
language stored on the row, with local (Helsinki) times.

Each row is sent in its own transaction that holds the row's lock until ``sent_at`` is
committed, and a worker skips rows another worker holds: two workers never send one row
twice, and a crash after a few messages does not send those again."""

import logging
import operator
from datetime import timedelta
from email.mime.text import MIMEText
from functools import reduce

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core import clock

from . import ics
from .models import NetworkNotification

logger = logging.getLogger(__name__)

RETRY_AFTER = [
    timedelta(0),
    timedelta(minutes=1),
    timedelta(minutes=10),
    timedelta(hours=1),
    timedelta(hours=4),
]
MAX_ATTEMPTS = len(RETRY_AFTER)
TEMPLATES = "emails/organisations/"
Kind = NetworkNotification.Kind


def _pending(now):
    due = reduce(
        operator.or_,
        (Q(attempts=n, created_at__lte=now - wait) for n, wait in enumerate(RETRY_AFTER)),
    )
    return NetworkNotification.objects.filter(due, sent_at__isnull=True)


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def build_message(notification: NetworkNotification) -> EmailMultiAlternatives:
    with (
        translation.override(notification.language),
        timezone.override(timezone.get_default_timezone()),
    ):
        context = {"notification": notification, "contact_email": settings.CONTACT_EMAIL}
        if notification.kind == Kind.PARTNERSHIP_ENDING:
            partnership = notification.partnership
            context |= {
                "partnership": partnership,
                "url": _absolute(
                    reverse("organisations:partnership_detail", args=[partnership.pk])
                ),
            }
            stem = "partnership_ending"
        else:
            meeting = notification.meeting
            context |= {"meeting": meeting, "group": meeting.group, "url": ics.meeting_url(meeting)}
            stem = "meeting_invitation"
        subject = " ".join(render_to_string(f"{TEMPLATES}{stem}_subject.txt", context).split())
        text = render_to_string(f"{TEMPLATES}{stem}.txt", context)
        html = render_to_string(f"{TEMPLATES}{stem}.html", context)
        calendar = ics.calendar([notification.meeting]) if notification.meeting_id else None
    message = EmailMultiAlternatives(
        subject, text, to=[notification.to], reply_to=[settings.CONTACT_EMAIL]
    )
    message.attach_alternative(html, "text/html")
    if calendar is not None:
        part = MIMEText(calendar.decode(), "calendar", "utf-8")
        part.set_param("method", "PUBLISH")
        part.add_header(
            "Content-Disposition", "attachment", filename=f"meeting-{notification.meeting_id}.ics"
        )
        message.attach(part)
    return message


def _skip(notification: NetworkNotification, reason: str):
    logger.warning("network notification %s not sent: %s", notification.pk, reason)
    notification.sent_at = clock.now()
    notification.last_error = reason
    notification.save(update_fields=["sent_at", "last_error"])


@transaction.atomic
def _send_one(pk: int, now) -> bool:
    notification = (
        _pending(now)
        .filter(pk=pk)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("partnership__partner", "meeting__group")
        .first()
    )
    if notification is None:
        return False  # sent or being sent by another worker
    if notification.kind == Kind.MEETING_INVITATION and notification.meeting.start <= now:
        _skip(notification, "the meeting has already begun")
        return False
    try:
        with transaction.atomic():
            message = build_message(notification)
        message.send()
    except Exception as error:  # SMTP, network, or a bug in one message: not the others
        notification.attempts += 1
        notification.last_error = f"{type(error).__name__}: {error}"[:2000]
        notification.save(update_fields=["attempts", "last_error"])
        log = logger.error if notification.attempts >= MAX_ATTEMPTS else logger.warning
        log(
            "network notification %s failed (attempt %s of %s): %s",
            notification.pk,
            notification.attempts,
            MAX_ATTEMPTS,
            notification.last_error,
            exc_info=not isinstance(error, OSError),
        )
        return False
    notification.sent_at = clock.now()
    notification.last_error = ""
    notification.save(update_fields=["sent_at", "last_error"])
    return True


def send_pending(limit: int = 100) -> int:
    """Send the due unsent messages, oldest first; return how many were sent."""
    now = clock.now()
    ids = list(_pending(now).order_by("created_at").values_list("pk", flat=True)[:limit])
    return sum(_send_one(pk, now) for pk in ids)

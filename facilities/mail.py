"""Sends the booking outbox (facilities.notifications): one email per row, in the
language the booking was made in, with the booking as an .ics attachment.

Each row is sent in its own transaction that holds the row's lock until ``sent_at`` is
committed, and a worker skips rows another worker holds: two workers never send one row
twice, and a crash after a few messages does not send those again."""

import logging
import operator
import re
from datetime import timedelta
from decimal import Decimal
from email.mime.text import MIMEText
from functools import reduce

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core import clock
from organisations.models import Representative

from . import ics
from .models import Booking, BookingNotification, NotificationKind

logger = logging.getLogger(__name__)

# How long to wait before each attempt, counted from when the row was queued, so that a
# mail server down for an hour does not use up the attempts. Five attempts in all.
RETRY_AFTER = [
    timedelta(0),
    timedelta(minutes=1),
    timedelta(minutes=10),
    timedelta(hours=1),
    timedelta(hours=4),
]
MAX_ATTEMPTS = len(RETRY_AFTER)

# A series gets one of these for all its occurrences (queued on the first one).
SERIES_KINDS = {NotificationKind.RECEIVED, NotificationKind.CONFIRMED}
# These take the event out of the recipient's calendar.
CANCEL_KINDS = {NotificationKind.REJECTED, NotificationKind.CANCELLED}

TEMPLATES = "emails/facilities/"


def due(model, now):
    """The unsent rows of an outbox model (created_at, sent_at, attempts, last_error)
    whose next attempt is due. Any app's outbox uses this and ``send_one``."""
    is_due = reduce(
        operator.or_,
        (Q(attempts=n, created_at__lte=now - wait) for n, wait in enumerate(RETRY_AFTER)),
    )
    return model.objects.filter(is_due, sent_at__isnull=True)


def _pending(now):
    return due(BookingNotification, now)


def recipient(booking: Booking) -> str:
    """The booker; but when staff booked for an organisation they do not represent, the
    organisation (if it has an address). '' when there is nobody to write to."""
    user, organisation = booking.created_by, booking.organisation
    if user is None:
        return organisation.email
    if user.is_staff and organisation.email:
        represents = (
            Representative.objects.approved().filter(user=user, organisation=organisation).exists()
        )
        if not represents:
            return organisation.email
    return user.email or organisation.email


def _occurrences(notification: BookingNotification) -> list[Booking]:
    booking = notification.booking
    if booking.series_id is None or notification.kind not in SERIES_KINDS:
        return [booking]
    return list(
        Booking.objects.filter(series_id=booking.series_id)
        .select_related("room__site", "organisation")
        .order_by("start")
    )


def build_message(notification: BookingNotification, to: str) -> EmailMultiAlternatives:
    """The email, rendered in the booking's language with local (Helsinki) times."""
    booking = notification.booking
    deadline = booking.cancellation_deadline
    if notification.kind in CANCEL_KINDS or deadline <= clock.now():
        deadline = None  # nothing left to cancel, or too late to do it oneself
    with (
        translation.override(booking.language),
        timezone.override(timezone.get_default_timezone()),
    ):
        occurrences = _occurrences(notification)
        context = {
            "kind": notification.kind,
            "booking": booking,
            "site": booking.room.site,
            "occurrences": occurrences,
            "is_series": booking.series_id is not None and notification.kind in SERIES_KINDS,
            "total_price": sum((o.price for o in occurrences if o.is_holding), Decimal("0.00")),
            "deadline": deadline,
            "deadline_hours": booking.room.cancellation_deadline_hours,
            "url": ics.booking_url(booking),
            "contact_email": settings.CONTACT_EMAIL,
        }
        subject = " ".join(render_to_string(TEMPLATES + "subject.txt", context).split())
        # Optional lines leave blank lines behind; keep at most one between paragraphs.
        text = re.sub(r"\n{3,}", "\n\n", render_to_string(TEMPLATES + "booking.txt", context))
        html = render_to_string(TEMPLATES + "booking.html", context)
        method = "CANCEL" if notification.kind in CANCEL_KINDS else "PUBLISH"
        calendar = ics.calendar(occurrences, method=method)
    message = EmailMultiAlternatives(subject, text, to=[to], reply_to=[settings.CONTACT_EMAIL])
    message.attach_alternative(html, "text/html")
    attach_calendar(message, calendar, method=method, filename=f"booking-{booking.pk}.ics")
    return message


def attach_calendar(message, calendar: bytes, *, method: str, filename: str):
    """Attach an iCalendar as text/calendar with its METHOD, as calendar apps expect."""
    part = MIMEText(calendar.decode(), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename=filename)
    message.attach(part)


def _skip(notification: BookingNotification, reason: str):
    """Mark as done without sending: there is nothing useful to send."""
    logger.warning("notification %s not sent: %s", notification.pk, reason)
    notification.sent_at = clock.now()
    notification.last_error = reason
    notification.save(update_fields=["sent_at", "last_error"])


def _stale_reminder(notification: BookingNotification, now) -> bool:
    booking = notification.booking
    return notification.kind == NotificationKind.REMINDER and (
        booking.status != Booking.Status.CONFIRMED or booking.start <= now
    )


@transaction.atomic
def send_one(pending, pk: int, *, skip_reason, recipient, build) -> bool:
    """Send one row of ``pending`` (a queryset of due rows), holding its lock until
    ``sent_at`` is committed. ``skip_reason(row)`` says why not to send ('' to send),
    ``recipient(row)`` gives the address and ``build(row, to)`` the message."""
    notification = (
        pending.filter(pk=pk)
        # Lock only the outbox row; another worker holding it is skipped, not waited for.
        .select_for_update(skip_locked=True, of=("self",))
        .first()
    )
    if notification is None:
        return False  # sent or being sent by another worker
    reason = skip_reason(notification)
    if reason:
        _skip(notification, reason)
        return False
    to = recipient(notification)
    if not to:
        _skip(notification, "no email address for the recipient")
        return False
    try:
        with transaction.atomic():  # a failed query while rendering keeps the row savable
            message = build(notification, to)
        message.send()
    except Exception as error:  # SMTP, network, or a bug in one message: not the others
        notification.attempts += 1
        notification.last_error = f"{type(error).__name__}: {error}"[:2000]
        notification.save(update_fields=["attempts", "last_error"])
        log = logger.error if notification.attempts >= MAX_ATTEMPTS else logger.warning
        log(
            "notification %s failed (attempt %s of %s): %s",
            notification.pk,
            notification.attempts,
            MAX_ATTEMPTS,
            notification.last_error,
            exc_info=not isinstance(error, OSError),  # smtplib errors are OSErrors
        )
        return False
    notification.sent_at = clock.now()
    notification.last_error = ""
    notification.save(update_fields=["sent_at", "last_error"])
    return True


def _send_one(pk: int, now) -> bool:
    return send_one(
        _pending(now).select_related(
            "booking__room__site", "booking__organisation", "booking__created_by"
        ),
        pk,
        skip_reason=lambda n: (
            "the booking is no longer confirmed or has begun" if _stale_reminder(n, now) else ""
        ),
        recipient=lambda n: recipient(n.booking),
        build=build_message,
    )


def send_pending(limit: int = 100) -> int:
    """Send the due unsent messages, oldest first; return how many were sent."""
    now = clock.now()
    ids = list(_pending(now).order_by("created_at").values_list("pk", flat=True)[:limit])
    return sum(_send_one(pk, now) for pk in ids)

"""Sends the booking outbox (facilities.notifications) through core.outbox: one email per
row, in the language the booking was made in, with the booking as an .ics attachment."""

import re
from decimal import Decimal

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from core import centre, clock
from core.outbox import Outbox, attach_calendar
from organisations.models import Representative

from . import ics
from .models import Booking, BookingNotification, NotificationKind

# A series gets one of these for all its occurrences (queued on the first one).
SERIES_KINDS = {NotificationKind.RECEIVED, NotificationKind.CONFIRMED}
# These take the event out of the recipient's calendar.
CANCEL_KINDS = {NotificationKind.REJECTED, NotificationKind.CANCELLED}

TEMPLATES = "emails/facilities/"


def _occurrences(notification: BookingNotification) -> list[Booking]:
    booking = notification.booking
    if booking.series_id is None or notification.kind not in SERIES_KINDS:
        return [booking]
    return list(
        Booking.objects.filter(series_id=booking.series_id)
        .select_related("room__site", "organisation")
        .order_by("start")
    )


class BookingOutbox(Outbox):
    model = BookingNotification
    select_related = ("booking__room__site", "booking__organisation", "booking__created_by")

    def skip_reason(self, notification: BookingNotification, now) -> str:
        booking = notification.booking
        if notification.kind == NotificationKind.REMINDER and (
            booking.status != Booking.Status.CONFIRMED or booking.start <= now
        ):
            return "the booking is no longer confirmed or has begun"
        return ""

    def recipient(self, notification: BookingNotification) -> str:
        """The booker; but when staff booked for an organisation they do not represent,
        the organisation (if it has an address)."""
        booking = notification.booking
        user, organisation = booking.created_by, booking.organisation
        if user is None:
            return organisation.email
        if user.is_staff and organisation.email:
            represents = (
                Representative.objects.approved()
                .filter(user=user, organisation=organisation)
                .exists()
            )
            if not represents:
                return organisation.email
        return user.email or organisation.email

    def language(self, notification: BookingNotification) -> str:
        return notification.booking.language

    def build_message(self, notification: BookingNotification, to: str) -> EmailMultiAlternatives:
        booking = notification.booking
        deadline = booking.cancellation_deadline
        if notification.kind in CANCEL_KINDS or deadline <= clock.now():
            deadline = None  # nothing left to cancel, or too late to do it oneself
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
            "contact_email": centre.current().contact_email,
        }
        subject = " ".join(render_to_string(TEMPLATES + "subject.txt", context).split())
        # Optional lines leave blank lines behind; keep at most one between paragraphs.
        text = re.sub(r"\n{3,}", "\n\n", render_to_string(TEMPLATES + "booking.txt", context))
        html = render_to_string(TEMPLATES + "booking.html", context)
        method = "CANCEL" if notification.kind in CANCEL_KINDS else "PUBLISH"
        message = EmailMultiAlternatives(
            subject, text, to=[to], reply_to=[centre.current().contact_email]
        )
        message.attach_alternative(html, "text/html")
        attach_calendar(
            message,
            ics.calendar(occurrences, method=method),
            method=method,
            filename=f"booking-{booking.pk}.ics",
        )
        return message


send_pending = BookingOutbox().send_pending

"""The booking outbox. Services put a row here in the same transaction as the change it
tells about; a task sends the unsent rows. The row is unique per booking and kind, so a
retried service, a duplicated task or two workers never send the same message twice."""

from django.db import transaction

from .models import Booking, BookingNotification


def queue(booking: Booking, kind: str) -> BookingNotification:
    notification, created = BookingNotification.objects.get_or_create(booking=booking, kind=kind)
    if created:
        # robust: a broker outage must not turn a saved booking into an error page; the
        # periodic task sends what is left.
        transaction.on_commit(_send_soon, robust=True)
    return notification


def _send_soon():
    from .tasks import send_booking_notifications

    send_booking_notifications.delay()

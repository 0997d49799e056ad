"""The booking outbox. Services put a row here in the same transaction as the change it
tells about; a task sends the unsent rows. The row is unique per booking and kind, so a
retried service, a duplicated task or two workers never send the same message twice."""

from core.outbox import send_soon

from .models import Booking, BookingNotification


def queue(booking: Booking, kind: str) -> BookingNotification:
    notification, created = BookingNotification.objects.get_or_create(booking=booking, kind=kind)
    if created:
        send_soon("facilities.tasks.send_booking_notifications")
    return notification

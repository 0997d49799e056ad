"""Background work of room booking. Tasks take primary keys and call services; each is
safe to run twice."""

from celery import shared_task


@shared_task
def send_booking_notifications():
    from .mail import send_pending

    return send_pending()


@shared_task
def queue_booking_reminders():
    from .reminders import queue_reminders

    return queue_reminders()

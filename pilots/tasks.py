"""Background work of the pilots. Tasks take primary keys and call services; each is
safe to run twice."""

from celery import shared_task


@shared_task
def queue_pilot_reminders():
    from .reminders import queue_reminders

    return queue_reminders()


@shared_task
def send_pilot_reminders():
    from .mail import send_pending

    return send_pending()

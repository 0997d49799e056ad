"""Background work of the partnership network. Each task is safe to run twice."""

from celery import shared_task


@shared_task
def send_network_notifications():
    from .mail import send_pending

    return send_pending()


@shared_task
def queue_partnership_reminders():
    from .reminders import queue_partnership_reminders as queue

    return queue()

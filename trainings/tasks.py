"""Background work of trainings. Each task is safe to run twice."""

from celery import shared_task


@shared_task
def send_training_notifications():
    from .mail import send_pending

    return send_pending()


@shared_task
def queue_training_reminders():
    from .reminders import queue_feedback_requests, queue_session_reminders

    return queue_session_reminders() + queue_feedback_requests()


@shared_task
def expire_training_offers():
    from .services import expire_offers

    return expire_offers()

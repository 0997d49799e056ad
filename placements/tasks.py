"""Background work of placements. Each task calls a service and is safe to run twice."""

from celery import shared_task


@shared_task
def queue_monthly_reports():
    from .dispatch import queue_last_month

    return queue_last_month()


@shared_task
def send_monthly_reports():
    from .mail import send_pending

    return send_pending()

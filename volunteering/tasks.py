"""Background work of volunteering. Each task is safe to run twice."""

from celery import shared_task


@shared_task
def send_volunteering_notifications():
    from .mail import send_pending

    return send_pending()


@shared_task
def expire_volunteering_offers():
    from .services import offers_expire

    return offers_expire()

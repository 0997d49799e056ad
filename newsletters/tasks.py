"""Background work of newsletters. Each task is safe to run twice."""

from celery import shared_task
from django.conf import settings


@shared_task(bind=True)
def send_newsletter_batch(self):
    """Send one batch of newsletter rows (NEWSLETTER_BATCH_SIZE), mark finished issues
    sent, and come back after NEWSLETTER_BATCH_INTERVAL seconds while rows wait."""
    from core.outbox import waiting

    from .mail import send_issues
    from .models import IssueDelivery
    from .services import issues_finish

    sent = send_issues(limit=settings.NEWSLETTER_BATCH_SIZE)
    issues_finish()
    if waiting(IssueDelivery).exists() and sent:
        queue = (self.request.delivery_info or {}).get("routing_key")
        self.apply_async(countdown=settings.NEWSLETTER_BATCH_INTERVAL, queue=queue)
    return sent


@shared_task
def send_confirmations():
    from .mail import send_confirmations as send

    return send()


@shared_task
def expire_pending_subscribers():
    from .services import expire_pending

    return expire_pending()

"""Background work of newsletters. Each task is safe to run twice."""

from celery import shared_task
from django.conf import settings

# Set while a chain of batches runs: a sweep of the beat (or the start after a send) that
# finds it leaves the pace to the chain instead of sending batches beside it.
CHAIN_KEY = "newsletters:batch-chain"


@shared_task(bind=True)
def send_newsletter_batch(self, chained=False):
    """Send one batch of newsletter rows (NEWSLETTER_BATCH_SIZE), mark finished issues
    sent, and come back after NEWSLETTER_BATCH_INTERVAL seconds while rows wait: one
    batch per interval. A chain that died (its worker killed for good) lets the next
    sweep take over once CHAIN_KEY expires."""
    from django.core.cache import cache

    from core.outbox import waiting

    from .mail import send_issues
    from .models import IssueDelivery
    from .services import issues_finish

    interval = settings.NEWSLETTER_BATCH_INTERVAL
    alive = interval * 2 + 30
    if not chained and not cache.add(CHAIN_KEY, 1, timeout=alive):
        return 0
    cache.set(CHAIN_KEY, 1, timeout=alive)
    sent = send_issues(limit=settings.NEWSLETTER_BATCH_SIZE)
    issues_finish()
    if sent and waiting(IssueDelivery).exists():
        queue = (self.request.delivery_info or {}).get("routing_key")
        self.apply_async(kwargs={"chained": True}, countdown=interval, queue=queue)
    else:
        cache.delete(CHAIN_KEY)
    return sent


@shared_task
def send_confirmations():
    from .mail import send_confirmations as send

    return send()


@shared_task
def expire_pending_subscribers():
    from .services import expire_pending

    return expire_pending()

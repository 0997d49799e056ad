"""Batches keep their pace: while a chain of batches runs, a sweep of the beat sends
nothing beside it; the chain sends one batch at a time."""

import pytest
from django.core import mail
from django.core.cache import cache

from newsletters import services
from newsletters.models import IssueDelivery
from newsletters.tasks import CHAIN_KEY, send_newsletter_batch
from tests.factories.newsletters import IssueFactory, MailingListFactory, SubscriberFactory
from tests.factories.organisations import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_queued(settings):
    settings.NEWSLETTER_BATCH_SIZE = 2
    cache.delete(CHAIN_KEY)
    monthly = MailingListFactory()
    for _n in range(5):
        SubscriberFactory(lists=[monthly])
    services.issue_send(issue=IssueFactory(lists=[monthly]), actor=StaffFactory())
    yield
    cache.delete(CHAIN_KEY)


def test_a_sweep_leaves_the_pace_to_a_running_chain(five_queued):
    cache.set(CHAIN_KEY, 1, timeout=60)  # a chain is running
    assert send_newsletter_batch.apply().get() == 0
    assert not mail.outbox
    assert send_newsletter_batch.apply(kwargs={"chained": True}).get() == 2


def test_without_a_chain_the_sweep_starts_one_that_sends_everything(five_queued, eager_celery):
    # Eagerly the chain's next batches run at once (the countdown is not kept).
    assert send_newsletter_batch.apply().get() == 2
    assert len(mail.outbox) == 5
    assert not IssueDelivery.objects.filter(sent_at__isnull=True).exists()
    assert cache.get(CHAIN_KEY) is None

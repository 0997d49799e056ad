"""An issue sent by a real Celery worker to a real SMTP server: every recipient gets
exactly one message in their language with both unsubscribe headers; a worker killed in
the middle of a batch is replaced, and the next one sends the rest and nothing twice;
the one-click POST of a received message unsubscribes."""

import pytest
from django.test import Client

from newsletters import services
from newsletters.models import Issue, IssueDelivery, Subscriber
from newsletters.tasks import send_newsletter_batch
from tests.factories.newsletters import IssueFactory, MailingListFactory, SubscriberFactory
from tests.factories.organisations import StaffFactory
from tests.support.smtp import SmtpServer
from tests.support.waiting import wait_for
from tests.support.workers import kill_worker, new_queue, start_worker, stop_worker

SUBJECTS = {"fi": "Joulukirje", "sv": "Julbrev", "en": "Christmas letter"}


def _issue(count: int) -> tuple[Issue, dict[str, str]]:
    monthly = MailingListFactory()
    languages = {}
    for n in range(count):
        language = ("fi", "sv", "en")[n % 3]
        subscriber = SubscriberFactory(
            email=f"lukija{n}@example.fi", language=language, lists=[monthly]
        )
        languages[subscriber.email] = language
    issue = IssueFactory(
        lists=[monthly],
        subject_fi=SUBJECTS["fi"],
        subject_sv=SUBJECTS["sv"],
        subject_en=SUBJECTS["en"],
    )
    services.issue_send(issue=issue, actor=StaffFactory())
    return issue, languages


def _env(smtp, **extra) -> dict:
    return {
        **smtp.env(),
        "SITE_URL": "https://portaali.example.fi",
        "NEWSLETTER_BATCH_SIZE": "2",
        "NEWSLETTER_BATCH_INTERVAL": "0",
        **extra,
    }


def _all_sent(issue):
    return lambda: not IssueDelivery.objects.filter(issue=issue, sent_at__isnull=True).exists()


def _check_once_each(messages, languages):
    by_address = {}
    for message in messages:
        by_address.setdefault(message["To"], []).append(message)
    assert sorted(by_address) == sorted(languages)
    for address, received in by_address.items():
        assert len(received) == 1, f"{address} got {len(received)} messages"
        message = received[0]
        language = languages[address]
        assert message["Subject"] == SUBJECTS[language]
        assert message["Content-Language"] == language
        unsubscribe = str(message["List-Unsubscribe"]).strip()
        assert unsubscribe.startswith("<https://portaali.example.fi/")
        assert f"/{language}/uutiskirje/peru/" in unsubscribe or (
            language == "fi" and "/uutiskirje/peru/" in unsubscribe
        )
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message.get_body(("plain",)) is not None
        assert message.get_body(("html",)) is not None


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_each_recipient_one_message_in_their_language():
    issue, languages = _issue(5)
    with SmtpServer() as smtp:
        queue = new_queue()
        worker = start_worker(queue, env=_env(smtp))
        try:
            send_newsletter_batch.apply_async(queue=queue)
            wait_for(_all_sent(issue), 90, "the worker to send every batch")
            wait_for(lambda: len(smtp.messages) >= 5, 30, "the SMTP server to get the messages")
        finally:
            stop_worker(worker)
        messages = smtp.messages
    _check_once_each(messages, languages)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT

    # The one-click POST from the received message's header unsubscribes, without login.
    message = next(m for m in messages if languages[m["To"]] == "sv")
    url = str(message["List-Unsubscribe"]).strip().strip("<>")
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscriber.objects.get(email=message["To"]).status == "unsubscribed"


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_is_replaced_and_nothing_goes_twice():
    issue, languages = _issue(7)
    with SmtpServer() as smtp:
        smtp.hold_after(3)  # the fourth message stops at MAIL FROM, before its data
        env = _env(smtp, CELERY_VISIBILITY_TIMEOUT="2", CELERY_UNACKED_RESTORE_INTERVAL="1")
        queue = new_queue()
        first = start_worker(queue, pool="prefork", env=env)
        try:
            send_newsletter_batch.apply_async(queue=queue)
            wait_for(smtp.handler.holding.is_set, 90, "the first worker to reach message 4")
            kill_worker(first)
        finally:
            stop_worker(first)
        assert len(smtp.messages) == 3
        sent_before = IssueDelivery.objects.filter(issue=issue, sent_at__isnull=False).count()
        assert sent_before == 3  # the fourth was in flight: not marked sent
        smtp.release()

        second = start_worker(queue, pool="prefork", env=env)
        try:
            # Nobody queues the task again: the broker hands the killed worker's
            # unacknowledged batch to the new worker, which goes on to the end.
            wait_for(_all_sent(issue), 90, "the second worker to send the rest")
            wait_for(lambda: len(smtp.messages) >= 7, 30, "the SMTP server to get the rest")
        finally:
            stop_worker(second)
        messages = smtp.messages
    _check_once_each(messages, languages)
    assert IssueDelivery.objects.filter(issue=issue, last_error="").count() == 7

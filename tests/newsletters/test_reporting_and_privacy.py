"""Newsletters in the annual report's figures, and subscribers in a person's data export
and erasure."""

import datetime
import json

import pytest
from django.urls import reverse

from core.clock import local_datetime
from newsletters.models import Consent, IssueDelivery, Subscriber, Suppression, email_hash
from tests.factories.newsletters import IssueFactory, MailingListFactory, SubscriberFactory
from tests.factories.organisations import UserFactory
from yhteisokeskus.privacy import person_erase, personal_data
from yhteisokeskus.reporting.annual import Year, newsletters

pytestmark = pytest.mark.django_db


def _at(year, month, day):
    return local_datetime(datetime.date(year, month, day), datetime.time(12, 0))


def test_annual_figures_count_issues_messages_and_subscribers(django_assert_num_queries):
    in_year = IssueFactory(status="sent", send_started_at=_at(2025, 3, 1), sent_at=_at(2025, 3, 1))
    IssueFactory(status="sent", send_started_at=_at(2024, 12, 1), sent_at=_at(2024, 12, 31))
    IssueFactory()  # a draft
    for n in range(3):
        IssueDelivery.objects.create(
            issue=in_year, email=f"v{n}@example.fi", sent_at=_at(2025, 3, 1)
        )
    IssueDelivery.objects.create(  # skipped (unsubscribed): not delivered
        issue=in_year, email="pois@example.fi", sent_at=_at(2025, 3, 1), last_error="skipped"
    )
    SubscriberFactory(confirmed_at=_at(2025, 1, 5))
    SubscriberFactory(confirmed_at=_at(2025, 2, 5), unsubscribed_at=_at(2026, 1, 10))
    SubscriberFactory(confirmed_at=_at(2025, 2, 5), unsubscribed_at=_at(2025, 6, 1))
    SubscriberFactory(confirmed_at=_at(2026, 2, 5))
    with django_assert_num_queries(3):
        figures = newsletters(Year.of(2025))
    assert (figures.issues_sent, figures.recipients, figures.subscribers_at_year_end) == (1, 3, 2)


def test_the_export_has_the_subscriptions_and_consents_and_erasure_removes_them(client):
    user = UserFactory(email="maija@example.fi")
    monthly = MailingListFactory(name_fi="Kuukausikirje")
    subscriber = SubscriberFactory(email="Maija@Example.fi", language="sv", lists=[monthly])
    Consent.objects.create(
        subscriber=subscriber,
        action="confirm",
        text_version="2026-1",
        text="Jag vill.",
        language="sv",
    )
    other = SubscriberFactory(email="toinen@example.fi")
    issue = IssueFactory(lists=[monthly])
    IssueDelivery.objects.create(issue=issue, email="maija@example.fi", subscriber=subscriber)
    Suppression.objects.create(email_hash=email_hash("maija@example.fi"), reason="bounced")

    data = personal_data(user)["newsletter_subscriptions"]
    assert data[0]["email"] == "Maija@Example.fi"
    assert data[0]["lists"] == ["Kuukausikirje"]
    assert data[0]["consents"][0]["text"] == "Jag vill."
    client.force_login(user)
    download = client.get(reverse("privacy:download"))
    assert "newsletter_subscriptions" in json.loads(download.content)

    person_erase(user=user)
    assert list(Subscriber.objects.all()) == [other]
    assert not Consent.objects.filter(subscriber=subscriber.pk).exists()
    assert not IssueDelivery.objects.filter(email__icontains="maija").exists()
    # A suppressed address stays suppressed, as a hash only.
    assert Suppression.objects.filter(email_hash=email_hash("maija@example.fi")).exists()

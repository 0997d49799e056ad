"""Subscribing with double opt-in, the consent record, the signed preferences page, and
the bad input the issue names: each refused with a translated message, nothing saved."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from core import clock
from newsletters import links
from newsletters.mail import send_confirmations
from newsletters.models import Consent, Subscriber
from newsletters.services import expire_pending
from tests.factories.newsletters import MailingListFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    from django.core.cache import cache

    cache.clear()


def _subscribe(client, prefix="", **data):
    monthly = data.pop("lists", None)
    payload = {"email": "maija@example.fi", "language": "sv", "consent": "on", **data}
    if monthly is not None:
        payload["lists"] = [m.pk for m in monthly]
    return client.post(prefix + "/uutiskirje/tilaa/", payload)


def _link(body: str) -> str:
    return re.search(r"https?://\S+/vahvista/\S+/", body).group(0)


def test_subscribe_confirm_and_change_preferences(client):
    monthly = MailingListFactory()
    response = _subscribe(client, "/sv", lists=[monthly])
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.status == "pending" and subscriber.language == "sv"
    assert subscriber.consents.get().action == Consent.Action.SUBSCRIBE
    assert "prenumerera" in subscriber.consents.get().text.lower() or subscriber.consents.get().text

    assert send_confirmations() == 1
    message = mail.outbox[0]
    assert message.to == ["maija@example.fi"]
    url = _link(message.body)
    assert "/sv/" in url  # the reader's language
    path = url.split("://", 1)[1].split("/", 1)[1]

    assert client.get("/" + path).status_code == 200
    response = client.post("/" + path)
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"
    assert [c.action for c in subscriber.consents.all()] == ["subscribe", "confirm"]
    assert response.status_code == 302 and response.url.startswith("/sv/uutiskirje/asetukset/")

    other = MailingListFactory()
    response = client.post(response.url, {"language": "en", "lists": [other.pk]})
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.language == "en"
    assert list(subscriber.lists.all()) == [other]
    assert subscriber.consents.last().action == "change"


@pytest.mark.parametrize("email", ["", "ei-osoite", "a@b", "maija@@example.fi"])
def test_an_invalid_email_is_refused(client, email):
    response = _subscribe(client, email=email, lists=[MailingListFactory()])
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert "Anna kelvollinen sähköpostiosoite." in response.content.decode()


def test_an_invalid_email_is_refused_in_the_readers_language(client):
    response = _subscribe(client, "/sv", email="ei-osoite", lists=[MailingListFactory()])
    assert "Ange en giltig e-postadress" in response.content.decode()


def test_subscribing_twice_is_refused_without_a_second_email(client):
    monthly = MailingListFactory()
    _subscribe(client, lists=[monthly])
    response = _subscribe(client, "/en", lists=[monthly])
    assert response.status_code == 200
    assert "a moment ago" in response.content.decode()
    assert Subscriber.objects.count() == 1
    assert send_confirmations() == 1  # one confirmation only

    Subscriber.objects.update(status="confirmed", confirmed_at=clock.now())
    response = _subscribe(client, "/en", email="MAIJA@example.fi", lists=[monthly])
    assert "already subscribed" in response.content.decode()
    assert Subscriber.objects.count() == 1


def test_after_a_while_the_confirmation_can_be_asked_again(client):
    monthly = MailingListFactory()
    _subscribe(client, lists=[monthly])
    with time_machine.travel(clock.now() + datetime.timedelta(minutes=11)):
        assert _subscribe(client, lists=[monthly]).status_code == 302
        assert send_confirmations() == 2


def test_consent_and_a_list_are_required(client):
    response = _subscribe(client, "/en", consent="", lists=[MailingListFactory()])
    assert "Subscribing needs your consent." in response.content.decode()
    response = _subscribe(client, "/en", lists=[])
    assert "Choose at least one newsletter." in response.content.decode()
    assert not Subscriber.objects.exists()


def test_a_list_not_offered_cannot_be_subscribed(client):
    hidden = MailingListFactory(is_public=False)
    response = _subscribe(client, lists=[hidden])
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_the_honeypot_saves_nothing(client):
    response = _subscribe(client, website="http://spam.example", lists=[MailingListFactory()])
    assert response.status_code == 302  # the bot is told nothing
    assert not Subscriber.objects.exists()


def test_the_form_is_rate_limited(client, settings):
    settings.NEWSLETTER_SUBSCRIBE_LIMIT = 3
    monthly = MailingListFactory()
    for n in range(3):
        assert _subscribe(client, email=f"h{n}@example.fi", lists=[monthly]).status_code == 302
    response = _subscribe(client, "/sv", email="h9@example.fi", lists=[monthly])
    assert response.status_code == 429
    assert "För många försök" in response.content.decode()
    assert Subscriber.objects.count() == 3


def test_tampered_and_expired_links_answer_404(client):
    subscriber = SubscriberFactory(status="pending", confirmed_at=None)
    url = links.confirm_url(subscriber)
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    assert client.get(path).status_code == 200
    assert client.get(path[:-3] + "xx/").status_code == 404
    with time_machine.travel(clock.now() + datetime.timedelta(days=8)):
        assert client.get(path).status_code == 404
        assert client.post(path).status_code == 404
    subscriber.refresh_from_db()
    assert subscriber.status == "pending"
    # A preferences link signed for the confirmation does not open the preferences.
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert client.get(reverse("newsletters:preferences", args=[token])).status_code == 404
    assert client.get(reverse("newsletters:unsubscribe", args=[token])).status_code == 404


def test_unconfirmed_subscriptions_expire():
    old = SubscriberFactory(status="pending", confirmed_at=None)
    Subscriber.objects.filter(pk=old.pk).update(created_at=clock.now() - datetime.timedelta(days=8))
    fresh = SubscriberFactory(status="pending", confirmed_at=None)
    confirmed = SubscriberFactory()
    Subscriber.objects.filter(pk=confirmed.pk).update(
        created_at=clock.now() - datetime.timedelta(days=80)
    )
    expire_pending()
    assert set(Subscriber.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}


def test_the_preferences_link_unsubscribes_and_subscribes_again(client):
    monthly = MailingListFactory()
    subscriber = SubscriberFactory(language="en", lists=[monthly])
    path = "/" + links.preferences_url(subscriber).split("://", 1)[1].split("/", 1)[1]
    assert path.startswith("/en/")
    client.post(path, {"language": "en"})  # every box cleared
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed" and not subscriber.lists.exists()
    client.post(path, {"language": "sv", "lists": [monthly.pk]})
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed" and subscriber.language == "sv"
    assert [c.action for c in subscriber.consents.all()] == ["unsubscribe", "change"]

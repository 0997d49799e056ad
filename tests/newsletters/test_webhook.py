"""Bounces and complaints arrive as the mail provider's webhook (Postmark's payloads,
as Postmark sends them and django-anymail reads them): a hard bounce or a complaint
suppresses the address (kept as a hash only) and removes the subscriber; a soft bounce
does not; a call without the webhook's basic auth changes nothing."""

import base64
import json

import pytest
from django.core import mail

from newsletters import services
from newsletters.mail import send_issues
from newsletters.models import Subscriber, Suppression, email_hash
from tests.factories.newsletters import IssueFactory, MailingListFactory, SubscriberFactory
from tests.factories.organisations import StaffFactory

pytestmark = pytest.mark.django_db

URL = "/anymail/postmark/tracking/"
SECRET = "postmark:kissa-koira-123"


def _bounce(email, kind="HardBounce", code=1):
    return {
        "RecordType": "Bounce",
        "MessageStream": "broadcast",
        "ID": 4323372036854775807,
        "Type": kind,
        "TypeCode": code,
        "Name": "Hard bounce" if kind == "HardBounce" else "Soft bounce",
        "Tag": "newsletter",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Metadata": {},
        "ServerID": 23,
        "Description": "The server was unable to deliver your message (ex: unknown user, "
        "mailbox not found).",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Email": email,
        "From": "uutiskirje@yhteisokeskus.example",
        "BouncedAt": "2026-12-04T16:33:54.9070259Z",
        "DumpAvailable": True,
        "Inactive": True,
        "CanActivate": True,
        "Subject": "Joulukirje",
        "Content": "",
    }


def _complaint(email):
    return {
        **_bounce(email),
        "RecordType": "SpamComplaint",
        "Type": "SpamComplaint",
        "TypeCode": 512,
        "Name": "Spam complaint",
        "Description": "The subscriber explicitly marked this message as spam.",
        "Details": "Test spam complaint details",
    }


@pytest.fixture
def webhook(client, settings):
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": SECRET}
    auth = "Basic " + base64.b64encode(SECRET.encode()).decode()

    def post(payload, authorization=auth):
        headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
        return client.post(URL, json.dumps(payload), content_type="application/json", **headers)

    return post


def test_a_hard_bounce_suppresses_the_address_as_a_hash(webhook):
    monthly = MailingListFactory()
    SubscriberFactory(email="poissa@example.fi", lists=[monthly])
    SubscriberFactory(email="paikalla@example.fi", lists=[monthly])
    assert webhook(_bounce("Poissa@example.fi")).status_code == 200
    suppression = Suppression.objects.get()
    assert suppression.reason == "bounced"
    assert suppression.email_hash == email_hash("poissa@example.fi")
    assert not Subscriber.objects.filter(email="poissa@example.fi").exists()
    # The next issue goes to the others only.
    issue = IssueFactory(lists=[monthly])
    assert services.issue_send(issue=issue, actor=StaffFactory()) == 1
    send_issues()
    assert [m.to for m in mail.outbox] == [["paikalla@example.fi"]]


def test_a_complaint_suppresses(webhook):
    SubscriberFactory(email="valittaja@example.fi")
    assert webhook(_complaint("valittaja@example.fi")).status_code == 200
    assert Suppression.objects.get().reason == "complained"
    assert not Subscriber.objects.exists()


def test_a_soft_bounce_does_not_suppress(webhook):
    SubscriberFactory(email="taynna@example.fi")
    assert webhook(_bounce("taynna@example.fi", kind="SoftBounce", code=4096)).status_code == 200
    assert not Suppression.objects.exists()
    assert Subscriber.objects.filter(email="taynna@example.fi").exists()


def test_without_the_webhooks_secret_nothing_changes(webhook):
    SubscriberFactory(email="poissa@example.fi")
    wrong = "Basic " + base64.b64encode(b"postmark:arvaus").decode()
    assert webhook(_bounce("poissa@example.fi"), authorization=wrong).status_code == 400
    assert webhook(_bounce("poissa@example.fi"), authorization=None).status_code == 400
    assert not Suppression.objects.exists()
    assert Subscriber.objects.exists()

"""The demo grants: an open call with criteria and a draft, a closed call with scored
applications (a "not applicable" score, a declared conflict), decisions, payments and an
accepted final report; made through the services, once, and every page answers."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from grants import selectors
from grants.models import (
    Application,
    Call,
    ConflictOfInterest,
    Decision,
    GrantReport,
    Payment,
    Score,
)

pytestmark = pytest.mark.django_db


def counts():
    return {
        m.__name__: m.objects.count()
        for m in (Call, Application, Score, Decision, Payment, GrantReport)
    }


def test_demo_grants(settings, client, media):
    settings.DEBUG = True
    call_command("load_demo_data", stdout=io.StringIO())
    call_command("load_grants_demo", stdout=io.StringIO())
    before = counts()
    call_command("load_grants_demo", stdout=io.StringIO())
    assert counts() == before
    open_call = Call.objects.open().get()
    closed = Call.objects.past().get()
    assert open_call.current_criteria().partners.count() == 2
    assert open_call.applications.filter(status="draft").count() == 1
    ranking = selectors.ranking(closed)
    assert [r.reviews for r in ranking] == [2, 1, 2]
    assert Score.objects.filter(value__isnull=True).exists()
    assert ConflictOfInterest.objects.count() == 1
    assert selectors.granted_total(closed) == 7000
    report = GrantReport.objects.get()
    assert report.status == "accepted"
    assert Payment.objects.filter(paid_on__isnull=False).count() == 2

    # Every page of the demo answers.
    pages = [
        reverse("grants:call_list"),
        reverse("grants:call_detail", args=[open_call.pk]),
        reverse("grants:call_detail", args=[closed.pk]),
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
    client.login(username="henkilokunta@example.fi", password="demo-salasana-2026")
    staff_pages = [
        reverse("grants:staff_calls"),
        reverse("grants:staff_call", args=[closed.pk]),
        reverse("grants:decisions", args=[open_call.pk]),
        *[reverse("grants:staff_application", args=[a.pk]) for a in closed.applications.all()],
        *[reverse("grants:application_detail", args=[a.pk]) for a in closed.applications.all()],
    ]
    for url in staff_pages:
        assert client.get(url).status_code == 200, url


def test_demo_grants_refuse_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_grants_demo", stdout=io.StringIO())

"""The demo volunteering: people, open and filled requests, an offer, approved hours and
a fee statement, made on any day of the year, once; every page shows something."""

import datetime
import io

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from organisations.demo_data import PERSON_EMAIL, PORI_REPRESENTATIVE, STAFF_EMAIL
from volunteering.models import HourEntry, Offer, Profile, Report, Request

pytestmark = pytest.mark.django_db

DAYS = [
    datetime.datetime(2026, 1, 2, 9, tzinfo=datetime.UTC),
    datetime.datetime(2026, 3, 31, 20, tzinfo=datetime.UTC),
]


def counts():
    return [m.objects.count() for m in (Profile, Request, Offer, HourEntry, Report)]


@pytest.mark.parametrize("moment", DAYS, ids=[f"{d:%Y-%m-%d}" for d in DAYS])
def test_demo_volunteering_on_any_day(settings, moment, client):
    settings.DEBUG = True
    with time_machine.travel(moment, tick=False):
        call_command("load_demo_data", stdout=io.StringIO())
        call_command("load_volunteering_demo", stdout=io.StringIO())
        before = counts()
        call_command("load_volunteering_demo", stdout=io.StringIO())
        assert counts() == before
        assert Profile.objects.filter(status="approved").count() >= 5
        assert Request.objects.filter(status="open").count() >= 2
        assert Request.objects.filter(status="filled").exists()
        assert HourEntry.objects.filter(status="approved", fee__gt=0).exists()
        assert HourEntry.objects.exclude(status="approved").exists()
        assert Offer.objects.filter(status="offered", profile__user__email=PERSON_EMAIL).exists()
        statement = Report.objects.get(kind="statement")
        assert statement.status == "done" and statement.file
        User = get_user_model()
        client.force_login(User.objects.get(email=STAFF_EMAIL))
        for name in ("coordination", "fees", "figures"):
            assert client.get(reverse(f"volunteering:{name}")).status_code == 200
        open_request = Request.objects.filter(status="open").first()
        page = client.get(reverse("volunteering:staff_request", args=[open_request.pk]))
        assert page.status_code == 200
        client.force_login(User.objects.get(email=PERSON_EMAIL))
        home = client.get(reverse("volunteering:home")).content.decode()
        assert "Vertaisryhmän ohjaaja verkossa" in home  # the offer
        client.force_login(User.objects.get(email=PORI_REPRESENTATIVE))
        mine = client.get(reverse("volunteering:my_requests")).content.decode()
        assert "Kokemusasiantuntijat omaisten illassa" in mine


def test_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_volunteering_demo", stdout=io.StringIO())

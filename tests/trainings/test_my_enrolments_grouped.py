"""My enrolments shows each training's dates, and keeps upcoming, past and cancelled
enrolments apart on tabs of 20 rows a page, in a constant number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import clock
from tests.factories.organisations import UserFactory
from tests.factories.trainings import EnrolmentFactory, SessionFactory

pytestmark = pytest.mark.django_db


def enrol(user, title, days, **kwargs):
    start = clock.now().replace(microsecond=0) + datetime.timedelta(days=days)
    session = SessionFactory(
        training__title_fi=title, starts=start, ends=start + datetime.timedelta(hours=3)
    )
    return EnrolmentFactory(training=session.training, user=user, **kwargs), start


def test_upcoming_past_and_cancelled_apart_with_dates(client):
    user = UserFactory()
    client.force_login(user)
    _, start = enrol(user, "Hallitustyön perusteet", 10)
    enrol(user, "Viime kevään somekoulutus", -60)
    enrol(user, "Peruttu talouskoulutus", 20, status="cancelled")
    shown = {}
    for parameter in ("", "?nayta=menneet", "?nayta=perutut"):
        response = client.get(reverse("trainings:my_enrolments") + parameter)
        (current,) = [g for g in response.context["groups"] if g["current"]]
        shown[current["key"]] = [e.training.title for e in response.context["enrolments"]]
        assert [g["count"] for g in response.context["groups"]] == [1, 1, 1]
    assert shown == {
        "upcoming": ["Hallitustyön perusteet"],
        "past": ["Viime kevään somekoulutus"],
        "cancelled": ["Peruttu talouskoulutus"],
    }
    html = client.get(reverse("trainings:my_enrolments")).content.decode()
    local = timezone.localtime(start)
    assert f"{local.day}.{local.month}.{local.year}" in html
    assert html.index("Tulevat (1)") < html.index("Menneet (1)")
    assert html.index("Menneet (1)") < html.index("Perutut ja vanhentuneet (1)")
    assert "?nayta=menneet" in html and "?nayta=perutut" in html


def test_twenty_a_page_upcoming_by_date(client):
    user = UserFactory()
    client.force_login(user)
    for n in range(22):
        enrol(user, f"Koulutus {n:02}", 30 - n)
    enrol(user, "Ilman päiviä", 0)[0].training.sessions.all().delete()
    first = client.get(reverse("trainings:my_enrolments"))
    titles = [e.training.title for e in first.context["enrolments"]]
    assert titles == [f"Koulutus {n:02}" for n in range(21, 1, -1)]
    assert first.context["paginator"].count == 23 and "page=2" in first.content.decode()
    second = client.get(reverse("trainings:my_enrolments"), {"page": 2})
    titles = [e.training.title for e in second.context["enrolments"]]
    assert titles == ["Koulutus 01", "Koulutus 00", "Ilman päiviä"]  # no dates: last


def test_the_grouped_page_has_constant_queries(client):
    user = UserFactory()
    client.force_login(user)
    enrol(user, "Yksi", 5)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("trainings:my_enrolments"))
    for n in range(24):
        enrol(user, f"Koulutus {n}", n * 5 - 60, status="cancelled" if n % 3 == 0 else "confirmed")
    for parameter in ("", "?nayta=menneet", "?nayta=perutut", "?page=2"):
        with CaptureQueriesContext(connection) as many:
            client.get(reverse("trainings:my_enrolments") + parameter)
        assert len(many) == len(few), parameter


def test_how_to_pay_a_paid_enrolment(client):
    from decimal import Decimal

    from core.models import CentreSettings

    user = UserFactory()
    client.force_login(user)
    with_text, _ = enrol(user, "Kirjanpitokurssi", 10, price=Decimal("40.00"))
    with_text.training.payment_instructions_fi = "Maksa tilille FI12 3456 viitteellä 1234."
    with_text.training.payment_instructions_sv = "Betala till kontot FI12 3456."
    with_text.training.save()
    enrol(user, "Somekoulutus", 12, price=Decimal("25.50"))
    enrol(user, "Ilmainen ilta", 14)
    centre = CentreSettings.objects.first() or CentreSettings()
    centre.email = "kassa@keskus.example.fi"
    centre.save()
    html = client.get(reverse("trainings:my_enrolments")).content.decode()
    assert "Maksa tilille FI12 3456 viitteellä 1234." in html
    # Without instructions: the price and the centre's contact email.
    assert "Maksa 25,50 €" in html and "mailto:kassa@keskus.example.fi" in html
    assert html.count("Näin maksat") == 2  # not beside the free one
    html = client.get("/sv" + reverse("trainings:my_enrolments")).content.decode()
    assert '<html lang="sv">' in html
    assert "Betala till kontot FI12 3456." in html

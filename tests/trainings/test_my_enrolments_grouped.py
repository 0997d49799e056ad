"""My enrolments shows each training's dates, and keeps upcoming, past and cancelled
enrolments apart, in a constant number of queries."""

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
    response = client.get(reverse("trainings:my_enrolments"))
    groups = {
        key: [e.training.title for e in rows] for key, _title, rows in response.context["groups"]
    }
    assert groups == {
        "upcoming": ["Hallitustyön perusteet"],
        "past": ["Viime kevään somekoulutus"],
        "cancelled": ["Peruttu talouskoulutus"],
    }
    html = response.content.decode()
    local = timezone.localtime(start)
    assert f"{local.day}.{local.month}.{local.year}" in html
    assert html.index("Tulevat") < html.index("Menneet") < html.index("Perutut ja vanhentuneet")


def test_the_grouped_page_has_constant_queries(client):
    user = UserFactory()
    client.force_login(user)
    enrol(user, "Yksi", 5)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("trainings:my_enrolments"))
    for n in range(6):
        enrol(user, f"Koulutus {n}", n * 20 - 60, status="cancelled" if n % 3 == 0 else "confirmed")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("trainings:my_enrolments"))
    assert len(many) == len(few)


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

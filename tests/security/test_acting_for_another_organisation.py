"""B's representative posts forms naming organisation A (its pk in the organisation
field): each is refused with the form shown again, and nothing is created for A. The
same post by A's representative goes through, so each check can fail."""

import datetime

import pytest
from django.urls import reverse

from core import clock
from events.models import Event
from facilities.models import Booking, Report
from tests.factories.facilities import next_weekday
from trainings.models import Enrolment

from .permission_matrix.fixtures import matrix_world  # noqa: F401  (the fixture "world")


def _booking(w):
    day = next_weekday(3, weeks=3)
    data = {
        "organisation": w.org_a.pk,
        "date": day.isoformat(),
        "start_time": "12:00",
        "end_time": "13:00",
        "purpose": "Salainen kokous",
        "attendees": 4,
    }
    return reverse("facilities:booking_create", args=[w.room.pk]), data, Booking


def _report(w):
    month = (clock.today().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    data = {"kind": "statement", "month": month.strftime("%Y-%m"), "organisation": w.org_a.pk}
    return reverse("facilities:reports"), data, Report


def _enrolment(w):
    data = {"organisation": w.org_a.pk, "name": "Salainen Osallistuja", "email": "s@example.fi"}
    return reverse("trainings:enrol", args=[w.training.pk]), data, Enrolment


FORMS = {"booking": _booking, "report": _report, "enrolment": _enrolment}


def _created(model, world):
    return model.objects.filter(organisation=world.org_a).count()


@pytest.mark.parametrize("form", FORMS)
def test_b_cannot_post_in_as_name(world, db, client, form):
    url, data, model = FORMS[form](world)
    before = _created(model, world)
    client.force_login(world.users["rep_b"])
    response = client.post(url, data)
    assert response.status_code in (200, 400)
    assert _created(model, world) == before


@pytest.mark.parametrize("form", FORMS)
def test_a_can_post_in_as_name(world, db, client, form):
    url, data, model = FORMS[form](world)
    before = _created(model, world)
    client.force_login(world.users["rep_a"])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _created(model, world) == before + 1


def test_b_cannot_create_an_event_for_a(world, db, client):
    client.force_login(world.users["rep_b"])
    before = Event.objects.filter(organisation=world.org_a).count()
    response = client.post(
        reverse("events:create"), {"organisation": world.org_a.pk, "name_fi": "Salainen"}
    )
    assert response.status_code in (200, 400)
    assert Event.objects.filter(organisation=world.org_a).count() == before

"""The placements API: public host places for anyone; placements for staff only (404 to
anybody else), without the participant's personal data; filters and paging in a
constant number of queries."""

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from placements import services
from tests.factories.organisations import StaffFactory, UserFactory
from tests.factories.placements import HostFactory, PlacementFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_public_host_places_for_anyone():
    HostFactory(organisation__name_fi="Näkyvä ry")
    HostFactory(organisation__name_fi="Piilossa ry", is_public=False)
    data = APIClient().get(reverse("placement-host-list")).json()
    assert [h["organisation_name"] for h in data["data"]] == ["Näkyvä ry"]


def test_placements_for_staff_without_personal_data(django_assert_max_num_queries):
    host = HostFactory(capacity=9)
    placement = PlacementFactory(
        host=host, participant__name="Anna Aalto", referrer_reference="TP-SALAINEN"
    )
    services.attendance_mark(
        actor=placement.supervisor.user,
        placement=placement,
        day=D(2026, 9, 1),
        status="present",
        hours=placement.hours_per_day,
    )
    PlacementFactory(kind="work_trial", start_date=D(2026, 9, 1), end_date=D(2026, 12, 31))
    client = APIClient()
    url = reverse("placement-list")
    assert client.get(url).status_code in (401, 403)
    client.force_authenticate(UserFactory())
    assert client.get(url).status_code == 404
    client.force_authenticate(StaffFactory())
    body = client.get(url, {"kind": "rehabilitative", "host": host.pk}).content.decode()
    assert "Anna Aalto" not in body and "TP-SALAINEN" not in body
    data = client.get(url, {"kind": "rehabilitative", "host": host.pk}).json()
    assert [(p["id"], p["days_present"]) for p in data["data"]] == [(placement.pk, 1)]
    assert client.get(url, {"active_on": "2026-12-15"}).json()["meta"]["count"] == 1
    for _ in range(5):
        PlacementFactory(host=host)
    with django_assert_max_num_queries(6):
        assert client.get(url).json()["meta"]["count"] == 7

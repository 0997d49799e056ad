"""Lowering a host's capacity: refused below the most placements it has running at once
(now or later) with a message, and nothing saved, in the service, in the admin form and
in the database; down to that many is fine, and placements that have ended hold no
place. A placement ending early at a host whose capacity was lowered still ends."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from core import clock
from placements import services
from placements.errors import PlacementError
from placements.models import Host, Placement
from tests.factories.organisations import StaffFactory
from tests.factories.placements import HostFactory, PlacementFactory

pytestmark = pytest.mark.django_db
DAYS = datetime.timedelta


@pytest.fixture
def host():
    """Capacity 3. Three at once in the past (two have ended since); from today on at
    most two share a day (`running` with the one from day 20, that one with the one from
    day 31)."""
    today = clock.today()
    host = HostFactory(capacity=3)
    for _ in range(2):
        PlacementFactory(host=host, start_date=today - DAYS(200), end_date=today - DAYS(5))
    host.running = PlacementFactory(
        host=host, start_date=today - DAYS(10), end_date=today + DAYS(30)
    )
    PlacementFactory(host=host, start_date=today + DAYS(20), end_date=today + DAYS(90))
    PlacementFactory(host=host, start_date=today + DAYS(31), end_date=today + DAYS(100))
    return host


def test_the_service_lowers_to_the_running_peak_and_no_lower(host):
    staff = StaffFactory()
    assert services.running_peak(host) == 2
    host.capacity = 1
    with pytest.raises(PlacementError) as refused:
        services.host_save(actor=staff, host=host)
    assert refused.value.field == "capacity"
    with translation.override("fi"):
        assert "käynnissä 2 sijoitusta" in refused.value.messages[0]
    assert Host.objects.get(pk=host.pk).capacity == 3
    host.capacity = 2
    services.host_save(actor=staff, host=host)
    assert Host.objects.get(pk=host.pk).capacity == 2
    # Ending a placement early shortens it: allowed, though the past had three at once.
    services.placement_end(
        actor=staff,
        placement=host.running,
        outcome=Placement.Status.INTERRUPTED,
        last_day=clock.today() - DAYS(1),
        reason="Muutti",
    )
    assert Placement.objects.get(pk=host.running.pk).end_date == clock.today() - DAYS(1)


def test_the_admin_form_shows_the_message_and_saves_nothing(client, host):
    client.force_login(StaffFactory())
    url = reverse("admin:placements_host_change", args=[host.pk])
    data = {
        "organisation": host.organisation_id,
        "tasks": host.tasks,
        "capacity": 1,
        "place": host.place,
        "accessibility": host.accessibility,
        "is_public": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "2 sijoitusta" in response.content.decode()
    assert Host.objects.get(pk=host.pk).capacity == 3
    assert client.post(url, {**data, "capacity": 2}).status_code == 302
    assert Host.objects.get(pk=host.pk).capacity == 2


def test_the_database_refuses_a_capacity_below_the_running_placements(host):
    with pytest.raises(IntegrityError, match="2 placements at once"), transaction.atomic():
        Host.objects.filter(pk=host.pk).update(capacity=1)
    assert Host.objects.filter(pk=host.pk).update(capacity=2) == 1
    assert Host.objects.filter(pk=host.pk).update(capacity=5) == 1

"""The network view's section of work activity and work trials: the organisation's
placements as a host and the count per referring authority, in a fixed number of
queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from placements import services
from placements.models import Placement
from tests.factories.organisations import StaffFactory
from tests.factories.placements import AuthorityFactory, HostFactory, PlacementFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _page(client, organisation):
    with translation.override("en"), CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("network_view", args=[organisation.pk]))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_hosts_placements_by_authority(client):
    client.force_login(StaffFactory())
    host = HostFactory(capacity=20)
    pori = AuthorityFactory(name="Porin työllisyyspalvelut")
    first = PlacementFactory(host=host, authority=pori, participant__name="Anna Aalto")
    services.attendance_mark(
        actor=first.supervisor.user,
        placement=first,
        day=D(2026, 9, 1),
        status="present",
        hours=first.hours_per_day,
    )
    _content, few = _page(client, host.organisation)
    for _ in range(3):
        PlacementFactory(host=host, status=Placement.Status.INTERRUPTED)
    PlacementFactory(host=host, authority=pori, status=Placement.Status.COMPLETED)
    content, many = _page(client, host.organisation)
    assert few == many
    assert "5 placements hosted, 1 days present." in content
    assert "Anna Aalto" not in content
    assert (
        '<th scope="row">Porin työllisyyspalvelut</th><td class="number">2</td>'
        '<td class="number">1</td><td class="number">0</td>'
    ) in content

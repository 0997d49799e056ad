"""The pages: the public host list, the staff pages, the supervisor's attendance page;
bad input answers with its message and saves nothing; another host's placement is 404;
lists make the same number of queries however long they are."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from placements.models import Attendance, Placement
from tests.factories.organisations import RepresentativeFactory, StaffFactory
from tests.factories.placements import (
    AuthorityFactory,
    HostFactory,
    ParticipantFactory,
    PlacementFactory,
    supervisor_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 10, 15, 9, tzinfo=datetime.UTC), tick=False):
        yield


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args or None)


def test_public_host_list_shows_public_hosts_only(client):
    HostFactory(organisation__name_fi="Näkyvä ry", tasks="Kahvila")
    HostFactory(organisation__name_fi="Piilotettu ry", is_public=False)
    page = client.get(reverse("placements:hosts")).content.decode()
    assert "Näkyvä ry" in page and "Piilotettu ry" not in page


def test_staff_make_a_placement_through_the_form(client):
    staff = StaffFactory()
    host = HostFactory()
    supervisor = supervisor_of(host)
    participant = ParticipantFactory()
    authority = AuthorityFactory()
    client.force_login(staff)
    data = {
        "kind": "rehabilitative",
        "participant": participant.pk,
        "host": host.pk,
        "supervisor": supervisor.pk,
        "authority": authority.pk,
        "start_date": "2026-11-02",
        "end_date": "2027-02-01",
        "days_per_week": "2",
        "hours_per_day": "5",
        "weekdays": ["0", "2"],
        "goals": "Päivärytmi",
        "tasks": "Kahvila",
    }
    response = client.post(en("placements:create"), data)
    placement = Placement.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(reverse("placements:staff_detail", args=[placement.pk]))
    assert placement.weekdays == [0, 2]
    # The same again beyond the days a week: the message, nothing saved.
    data.update(
        days_per_week="5", weekdays=["0", "1", "2", "3", "4"], participant=ParticipantFactory().pk
    )
    response = client.post(en("placements:create"), data)
    assert response.status_code == 400
    assert "Rehabilitative work activity: 1–4 days a week." in response.content.decode()
    assert Placement.objects.count() == 1


def test_participant_form_bad_input(client):
    client.force_login(StaffFactory())
    response = client.post(en("placements:participant_create"), {"name": "Matti"})
    assert response.status_code == 400
    assert "Give an email address or a phone number." in response.content.decode()


def test_supervisor_marks_a_day_and_bad_input_saves_nothing(client):
    placement = PlacementFactory()  # Mon–Thu, 4 h, Sept–Nov 2026
    client.force_login(placement.supervisor.user)
    url = en("placements:attendance", placement.pk)
    response = client.post(url, {"day": "2026-10-14", "status": "present", "hours": "4"})
    assert response.status_code == 302
    assert Attendance.objects.get().hours == Decimal("4")
    response = client.post(url, {"day": "2026-10-09", "status": "present", "hours": "4"})
    assert response.status_code == 400
    assert "not one of the placement&#x27;s weekdays" in response.content.decode()
    response = client.post(url, {"day": "2026-10-13", "status": "present", "hours": "6"})
    assert response.status_code == 400
    assert "at most 4.00" in response.content.decode()
    assert Attendance.objects.count() == 1


def test_another_hosts_representative_gets_404_and_sees_none(client):
    placement = PlacementFactory(participant__name="Salainen Osallistuja")
    other = RepresentativeFactory()
    client.force_login(other.user)
    assert client.get(reverse("placements:attendance", args=[placement.pk])).status_code == 404
    assert "Salainen" not in client.get(reverse("placements:supervised")).content.decode()
    # A representative whose request is not approved sees nothing either.
    pending = RepresentativeFactory(organisation=placement.host.organisation, status="requested")
    client.force_login(pending.user)
    assert client.get(reverse("placements:attendance", args=[placement.pk])).status_code == 404


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_lists_make_a_constant_number_of_queries(client):
    host = HostFactory(capacity=20)
    supervisor = supervisor_of(host)
    PlacementFactory(host=host, supervisor=supervisor)
    staff = StaffFactory()
    urls = [
        reverse("placements:staff_list"),
        reverse("placements:staff_list") + f"?kind=rehabilitative&host={host.pk}&q=o",
        reverse("placements:supervised"),
        reverse("placements:hosts"),
    ]
    client.force_login(staff)
    before = [_queries(client, u) for u in urls]
    for _ in range(4):
        PlacementFactory(host=HostFactory(capacity=5))
        PlacementFactory(host=host, supervisor=supervisor)
    assert [_queries(client, u) for u in urls] == before
    client.force_login(supervisor.user)
    assert _queries(client, reverse("placements:supervised")) == _queries(
        client, reverse("placements:supervised")
    )


def test_staff_list_filters_with_chips_and_pages(client):
    host = HostFactory(organisation__name_fi="Kahvila Kulma ry", capacity=30)
    PlacementFactory(host=host, participant__name="Anna Aalto", referrer_reference="TP-17")
    PlacementFactory(host=host, participant__name="Ben Berg", kind=Placement.Kind.WORK_TRIAL)
    PlacementFactory(participant__name="Cecilia Muualla")
    client.force_login(StaffFactory())
    url = en("placements:staff_list")
    page = client.get(url, {"host": host.pk, "kind": "rehabilitative"}).content.decode()
    assert "Anna Aalto" in page
    assert "Ben Berg" not in page and "Cecilia Muualla" not in page
    assert 'class="chip"' in page and "Kahvila Kulma ry" in page
    assert "Anna Aalto" in client.get(url, {"q": "tp-17"}).content.decode()
    for n in range(26):
        PlacementFactory(host=host, participant__name=f"Sivu {n:02}")
    first = client.get(url, {"host": host.pk}).content.decode()
    assert "28 placements" in first
    second = client.get(url, {"host": host.pk, "page": 2}).content.decode()
    assert "Sivu 25" in second and "Anna Aalto" not in second

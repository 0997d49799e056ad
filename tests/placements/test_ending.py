"""Ending a placement: completed, or ended early with a reason; the host's place is free
after the last day (under the host's lock, like new agreements); no attendance after it;
bad input saves nothing."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from placements import services
from placements.errors import PlacementError
from placements.models import Placement
from tests.factories.organisations import StaffFactory
from tests.factories.placements import HostFactory, ParticipantFactory, PlacementFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def frozen_today():
    # Thursday 15 October 2026
    with (
        time_machine.travel(datetime.datetime(2026, 10, 15, 9, tzinfo=datetime.UTC), tick=False),
        translation.override("en"),
    ):
        yield


@pytest.fixture
def staff():
    return StaffFactory()


def end(staff, placement, **kwargs):
    values = {"outcome": "interrupted", "last_day": D(2026, 10, 14), "reason": "Muutti pois"}
    values.update(kwargs)
    return services.placement_end(actor=staff, placement=placement, **values)


def test_ending_early_frees_the_hosts_place_the_next_day(staff):
    host = HostFactory(capacity=1)
    placement = PlacementFactory(host=host)  # 1.9.–30.11.2026
    new = {
        "actor": staff,
        "kind": Placement.Kind.REHABILITATIVE,
        "host": host,
        "supervisor": placement.supervisor,
        "authority": placement.authority,
        "start_date": D(2026, 10, 15),
        "end_date": D(2027, 1, 14),
        "days_per_week": 1,
        "hours_per_day": Decimal("4"),
        "weekdays": [2],
        "goals": "Päivärytmi",
        "tasks": "Kahvila",
    }
    with pytest.raises(PlacementError):
        services.placement_create(participant=ParticipantFactory(), **new)
    ended = end(staff, placement)
    assert (ended.status, ended.end_date, ended.agreed_end_date, ended.end_reason) == (
        Placement.Status.INTERRUPTED,
        D(2026, 10, 14),
        D(2026, 11, 30),
        "Muutti pois",
    )
    assert ended.ended_by == staff
    assert services.placement_create(participant=ParticipantFactory(), **new)


def test_no_attendance_after_the_last_day(staff):
    placement = PlacementFactory()
    end(staff, placement, last_day=D(2026, 10, 12))
    with pytest.raises(PlacementError) as caught:
        services.attendance_mark(
            actor=placement.supervisor.user,
            placement=placement,
            day=D(2026, 10, 13),
            status="present",
            hours=Decimal("4"),
        )
    assert caught.value.field == "day"
    services.attendance_mark(
        actor=placement.supervisor.user,
        placement=placement,
        day=D(2026, 10, 12),
        status="present",
        hours=Decimal("4"),
    )


@pytest.mark.parametrize(
    ("values", "field", "text"),
    [
        ({"reason": "  "}, "reason", "Give the reason"),
        ({"last_day": D(2026, 8, 31)}, "last_day", "within the placement"),
        ({"last_day": D(2026, 12, 1)}, "last_day", "within the placement"),
        ({"outcome": "completed", "last_day": D(2026, 10, 16)}, "last_day", "completed on"),
        ({"last_day": D(2026, 10, 5)}, "last_day", "Attendance is marked on"),
        ({"outcome": "active"}, "outcome", "Choose how"),
    ],
)
def test_bad_input_ends_nothing(staff, values, field, text):
    placement = PlacementFactory()
    services.attendance_mark(
        actor=placement.supervisor.user,
        placement=placement,
        day=D(2026, 10, 6),
        status="ill",
    )
    with pytest.raises(PlacementError) as caught:
        end(staff, placement, **values)
    assert caught.value.field == field
    assert text in " ".join(caught.value.messages)
    placement.refresh_from_db()
    assert (placement.status, placement.end_date) == ("active", D(2026, 11, 30))


def test_completed_once_and_by_staff_only(staff):
    placement = PlacementFactory(start_date=D(2026, 6, 1), end_date=D(2026, 8, 31))
    with pytest.raises(PermissionDenied):
        end(placement.supervisor.user, placement, outcome="completed", reason="")
    done = end(staff, placement, outcome="completed", last_day=D(2026, 8, 31), reason="")
    assert (done.status, done.end_date) == ("completed", D(2026, 8, 31))
    with pytest.raises(PlacementError, match="already ended"):
        end(staff, placement, outcome="completed", last_day=D(2026, 8, 31))


def test_staff_end_a_placement_on_its_page(client, staff):
    placement = PlacementFactory()
    client.force_login(staff)
    page = client.get(reverse("placements:staff_detail", args=[placement.pk]))
    assert b'name="last_day"' in page.content
    url = reverse("placements:end", args=[placement.pk])
    bad = client.post(url, {"outcome": "interrupted", "last_day": "2026-10-14"})
    assert bad.status_code == 400
    assert "Give the reason for ending early." in bad.content.decode()
    ok = client.post(url, {"outcome": "interrupted", "last_day": "2026-10-14", "reason": "Työ"})
    assert ok.status_code == 302
    placement.refresh_from_db()
    assert placement.status == "interrupted"
    page = client.get(reverse("placements:staff_detail", args=[placement.pk]))
    assert b'name="last_day"' not in page.content

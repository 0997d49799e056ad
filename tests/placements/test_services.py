"""The limits of the law at and beyond their edges, the host's capacity, one placement
at a time per participant, and attendance: each refusal with its message, nothing
saved."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import translation

from placements import services
from placements.errors import PlacementError
from placements.models import Attendance, Placement
from tests.factories.organisations import RepresentativeFactory, StaffFactory, UserFactory
from tests.factories.placements import (
    AuthorityFactory,
    HostFactory,
    ParticipantFactory,
    PlacementFactory,
    supervisor_of,
)

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


def test_messages_are_in_the_users_language(staff):
    with translation.override("fi"):
        with pytest.raises(PlacementError) as caught:
            create(staff, hours_per_day=Decimal("9"))
        assert "Kuntouttava työtoiminta: 4–8 tuntia päivässä." in caught.value.messages


@pytest.fixture
def staff():
    return StaffFactory()


def create(staff, **overrides):
    host = overrides.pop("host", None) or HostFactory()
    values = {
        "actor": staff,
        "kind": Placement.Kind.REHABILITATIVE,
        "participant": ParticipantFactory(),
        "host": host,
        "supervisor": overrides.pop("supervisor", None) or supervisor_of(host),
        "authority": AuthorityFactory(),
        "start_date": D(2026, 9, 1),
        "end_date": D(2026, 11, 30),
        "days_per_week": 4,
        "hours_per_day": Decimal("4"),
        "weekdays": [0, 1, 2, 3],
        "goals": "Päivärytmi",
        "tasks": "Kahvila",
    }
    values.update(overrides)
    return services.placement_create(**values)


def refused(staff, field, text, **overrides):
    before = Placement.objects.count()
    with pytest.raises(PlacementError) as caught:
        create(staff, **overrides)
    assert caught.value.field == field
    assert text in " ".join(caught.value.messages)
    assert Placement.objects.count() == before


# Rehabilitative work activity: 3–24 months, 1–4 days a week, 4–8 hours a day ------------


def test_rehabilitative_period_of_exactly_three_months_is_accepted(staff):
    p = create(staff, start_date=D(2026, 9, 1), end_date=D(2026, 11, 30))
    assert p.status == Placement.Status.ACTIVE


def test_rehabilitative_period_a_day_short_of_three_months_is_refused(staff):
    refused(staff, "end_date", "at least 3 months", end_date=D(2026, 11, 29))


def test_rehabilitative_period_of_24_months_and_one_day_more(staff):
    assert create(staff, start_date=D(2026, 9, 1), end_date=D(2028, 8, 31))
    refused(
        staff, "end_date", "at most 24 months", start_date=D(2026, 9, 1), end_date=D(2028, 9, 1)
    )


def test_rehabilitative_days_a_week_at_and_beyond_the_edge(staff):
    assert create(staff, days_per_week=1, weekdays=[2])
    refused(staff, "days_per_week", "1–4 days a week", days_per_week=5, weekdays=[0, 1, 2, 3, 4])
    refused(staff, "days_per_week", "1–4 days a week", days_per_week=0, weekdays=[])


def test_rehabilitative_hours_a_day_at_and_beyond_the_edge(staff):
    assert create(staff, hours_per_day=Decimal("8"))
    refused(staff, "hours_per_day", "4–8 hours a day", hours_per_day=Decimal("3.75"))
    refused(staff, "hours_per_day", "4–8 hours a day", hours_per_day=Decimal("8.25"))


def test_weekdays_must_match_the_days_a_week(staff):
    refused(staff, "weekdays", "as many weekdays", days_per_week=3, weekdays=[0, 1])


# Work trial: at most 6 months at a time and with one host, 12 in all; 1–5 days, 4–8 h -----


def trial(staff, **overrides):
    return create(staff, **{"kind": Placement.Kind.WORK_TRIAL, **overrides})


def test_work_trial_of_six_months_and_one_day_more(staff):
    assert trial(staff, start_date=D(2026, 9, 1), end_date=D(2027, 2, 28))
    refused(
        staff,
        "end_date",
        "at most 6 months",
        kind=Placement.Kind.WORK_TRIAL,
        start_date=D(2026, 9, 1),
        end_date=D(2027, 3, 1),
    )


def test_work_trial_five_days_a_week_is_allowed_six_is_not(staff):
    assert trial(staff, days_per_week=5, weekdays=[0, 1, 2, 3, 4], end_date=D(2026, 9, 30))
    refused(
        staff,
        "days_per_week",
        "1–5 days a week",
        kind=Placement.Kind.WORK_TRIAL,
        days_per_week=6,
        weekdays=[0, 1, 2, 3, 4, 5],
    )


def test_work_trial_time_with_one_host_and_in_all(staff):
    participant = ParticipantFactory()
    host = HostFactory(capacity=5)
    # Six months from 1.1.2026 are 181 days with one host: the first 151, then 30 more.
    trial(
        staff, participant=participant, host=host, start_date=D(2026, 1, 1), end_date=D(2026, 5, 31)
    )
    trial(
        staff, participant=participant, host=host, start_date=D(2026, 6, 1), end_date=D(2026, 6, 30)
    )
    refused(
        staff,
        "end_date",
        "with one host may last at most 6 months",
        kind=Placement.Kind.WORK_TRIAL,
        participant=participant,
        host=host,
        start_date=D(2026, 8, 1),
        end_date=D(2026, 8, 1),
    )
    # Elsewhere: twelve months from 1.1.2026 are 365 days in all, and not a day more.
    trial(
        staff,
        participant=participant,
        host=HostFactory(),
        start_date=D(2026, 8, 1),
        end_date=D(2027, 1, 29),
    )
    trial(
        staff,
        participant=participant,
        host=HostFactory(),
        start_date=D(2027, 2, 1),
        end_date=D(2027, 2, 2),
    )
    assert sum(p.length_days for p in participant.placements.all()) == 151 + 30 + 182 + 2 == 365
    refused(
        staff,
        "end_date",
        "at most 12 months in all",
        kind=Placement.Kind.WORK_TRIAL,
        participant=participant,
        host=HostFactory(),
        start_date=D(2027, 2, 3),
        end_date=D(2027, 2, 3),
    )


def test_a_work_trial_of_six_calendar_months_is_accepted_in_any_half_year(staff):
    # 1.7.–31.12. is 184 days: six months, the most with one host, and not refused by
    # counting the time with the host in days.
    p = trial(staff, start_date=D(2026, 7, 1), end_date=D(2026, 12, 31))
    assert p.length_days == 184


def test_the_limits_are_settings(staff):
    with override_settings(PLACEMENT_LIMITS={"rehabilitative": {"max_days_per_week": 5}}):
        assert create(staff, days_per_week=5, weekdays=[0, 1, 2, 3, 4])


# Capacity and overlap ------------------------------------------------------------------


def test_host_capacity_counts_concurrent_placements_only(staff):
    host = HostFactory(capacity=1)
    create(staff, host=host, start_date=D(2026, 9, 1), end_date=D(2026, 11, 30))
    refused(
        staff,
        "start_date",
        "room for 1 participants at once",
        host=host,
        start_date=D(2026, 11, 1),
        end_date=D(2027, 1, 31),
    )
    # After the first ends, there is room again.
    assert create(staff, host=host, start_date=D(2026, 12, 1), end_date=D(2027, 2, 28))


def test_capacity_two_with_placements_that_do_not_share_a_day(staff):
    host = HostFactory(capacity=2)
    create(staff, host=host, start_date=D(2026, 9, 1), end_date=D(2026, 11, 30))
    create(staff, host=host, start_date=D(2026, 12, 1), end_date=D(2027, 2, 28))
    # Overlaps both, but never three on one day.
    assert create(staff, host=host, start_date=D(2026, 10, 1), end_date=D(2026, 12, 31))
    refused(
        staff, "start_date", "full", host=host, start_date=D(2026, 11, 1), end_date=D(2027, 1, 31)
    )


def test_a_participant_never_in_two_placements_at_once(staff):
    participant = ParticipantFactory()
    create(staff, participant=participant)
    refused(
        staff,
        "start_date",
        "already has a placement",
        participant=participant,
        start_date=D(2026, 11, 30),
        end_date=D(2027, 2, 28),
    )


def test_the_database_refuses_overlapping_placements_of_a_participant():
    first = PlacementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PlacementFactory(
            participant=first.participant,
            host=first.host,
            start_date=D(2026, 11, 30),
            end_date=D(2027, 2, 28),
        )


def test_supervisor_must_represent_the_host(staff):
    refused(
        staff,
        "supervisor",
        "approved representative of the host",
        supervisor=RepresentativeFactory(),
    )


def test_only_staff_make_placements():
    with pytest.raises(PermissionDenied):
        create(UserFactory())


def test_goals_are_required(staff):
    refused(staff, "goals", "goals", goals="  ")


def test_participant_needs_a_contact(staff):
    with pytest.raises(PlacementError) as caught:
        services.participant_create(actor=staff, name="Matti", email="", phone="")
    assert caught.value.field == "email"


# Attendance ------------------------------------------------------------------------------


@pytest.fixture
def placement():
    # Mon–Thu, 4 hours, from 1 Sept 2026
    return PlacementFactory(start_date=D(2026, 9, 1), end_date=D(2026, 11, 30))


def mark_refused(placement, field, text, **kwargs):
    with pytest.raises(PlacementError) as caught:
        services.attendance_mark(actor=placement.supervisor.user, placement=placement, **kwargs)
    assert caught.value.field == field
    assert text in " ".join(caught.value.messages)
    assert not Attendance.objects.exists()


def test_supervisor_marks_present_and_corrects_to_ill(placement):
    user = placement.supervisor.user
    a = services.attendance_mark(
        actor=user, placement=placement, day=D(2026, 10, 14), status="present", hours=Decimal("4")
    )
    assert a.hours == Decimal("4")
    a = services.attendance_mark(
        actor=user, placement=placement, day=D(2026, 10, 14), status="ill", hours=Decimal("4")
    )
    assert a.hours is None and a.status == "ill"
    assert Attendance.objects.count() == 1


def test_attendance_refusals(placement):
    mark_refused(
        placement, "day", "future", day=D(2026, 10, 19), status="present", hours=Decimal("4")
    )
    mark_refused(
        placement,
        "day",
        "outside the placement",
        day=D(2026, 8, 31),
        status="present",
        hours=Decimal("4"),
    )
    mark_refused(
        placement,
        "day",
        "not one of the placement's weekdays",
        day=D(2026, 10, 9),
        status="present",
        hours=Decimal("4"),
    )
    mark_refused(
        placement, "hours", "at most 4", day=D(2026, 10, 14), status="present", hours=Decimal("4.5")
    )
    mark_refused(
        placement, "hours", "more than 0", day=D(2026, 10, 14), status="present", hours=Decimal("0")
    )
    mark_refused(placement, "status", "Choose", day=D(2026, 10, 14), status="away")


def test_attendance_refused_on_a_public_holiday():
    # Christmas Eve 2025 is a Wednesday
    placement = PlacementFactory(start_date=D(2025, 10, 1), end_date=D(2026, 3, 31))
    mark_refused(
        placement,
        "day",
        "public holiday",
        day=D(2025, 12, 24),
        status="present",
        hours=Decimal("4"),
    )


def test_another_hosts_representative_cannot_mark(placement):
    with pytest.raises(PermissionDenied):
        services.attendance_mark(
            actor=RepresentativeFactory().user,
            placement=placement,
            day=D(2026, 10, 14),
            status="ill",
        )

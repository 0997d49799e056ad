"""Many staff members make agreements at the same host at the same moment: the host's
capacity is never exceeded, and exactly `capacity` of them win. Threads on real
PostgreSQL."""

import datetime
from decimal import Decimal

import pytest

from placements import services
from placements.errors import PlacementError
from placements.models import Placement
from tests.factories.organisations import StaffFactory
from tests.factories.placements import (
    AuthorityFactory,
    HostFactory,
    ParticipantFactory,
    supervisor_of,
)
from tests.support.concurrency import THREADS, race


def _make(host, participant, staff, supervisor, authority, start):
    return services.placement_create(
        actor=staff,
        kind=Placement.Kind.REHABILITATIVE,
        participant=participant,
        host=host,
        supervisor=supervisor,
        authority=authority,
        start_date=start,
        end_date=start + datetime.timedelta(days=120),
        days_per_week=2,
        hours_per_day=Decimal("4"),
        weekdays=[1, 3],
        goals="Päivärytmi",
        tasks="Kahvila",
    )


@pytest.mark.django_db(transaction=True)
def test_capacity_is_never_exceeded_exactly_capacity_win():
    host = HostFactory(capacity=3)
    supervisor = supervisor_of(host)
    authority = AuthorityFactory()
    staff = [StaffFactory() for _ in range(THREADS)]
    participants = [ParticipantFactory() for _ in range(THREADS)]

    def make(i):
        # Different but overlapping periods: every pair shares days.
        start = datetime.date(2026, 9, 1) + datetime.timedelta(days=i)
        return _make(host, participants[i], staff[i], supervisor, authority, start)

    results = race(make)
    winners = [r for r in results if isinstance(r, Placement)]
    losers = [r for r in results if isinstance(r, PlacementError)]
    assert len(winners) == 3, results
    assert len(losers) == THREADS - 3, results
    assert all(
        "at once" in " ".join(e.messages) or "kerrallaan" in " ".join(e.messages) for e in losers
    )
    assert Placement.objects.filter(host=host).count() == 3


@pytest.mark.django_db(transaction=True)
def test_one_participant_at_many_hosts_at_once_gets_one_placement():
    """The host locks do not serialise different hosts: the exclusion constraint does."""
    authority = AuthorityFactory()
    participant = ParticipantFactory()
    hosts = [HostFactory(capacity=1) for _ in range(THREADS)]
    supervisors = [supervisor_of(h) for h in hosts]
    staff = [StaffFactory() for _ in range(THREADS)]

    def make(i):
        return _make(
            hosts[i], participant, staff[i], supervisors[i], authority, datetime.date(2026, 9, 1)
        )

    results = race(make)
    winners = [r for r in results if isinstance(r, Placement)]
    assert len(winners) == 1, results
    assert all(isinstance(r, PlacementError) for r in results if r not in winners), results
    assert Placement.objects.filter(participant=participant).count() == 1


@pytest.mark.django_db
def test_the_database_refuses_a_placement_over_the_hosts_capacity():
    """Written past the services (as the admin or a script would): the constraint
    trigger refuses it, and moving a placement's dates into a full period too."""
    from django.db import IntegrityError, transaction

    from tests.factories.placements import PlacementFactory

    host = HostFactory(capacity=1)
    first = PlacementFactory(host=host)  # 1.9.–30.11.2026
    with pytest.raises(IntegrityError, match="room for 1"), transaction.atomic():
        PlacementFactory(host=host, start_date=datetime.date(2026, 11, 30))
    later = PlacementFactory(
        host=host, start_date=datetime.date(2026, 12, 1), end_date=datetime.date(2027, 3, 1)
    )
    later.start_date = datetime.date(2026, 11, 15)
    with pytest.raises(IntegrityError), transaction.atomic():
        later.save()
    first.end_date = datetime.date(2026, 11, 14)
    first.save()
    later.save()

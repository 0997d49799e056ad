"""Coordinators assign the same person to overlapping tasks at the same moment: the
database (the exclusion constraint on Slot) lets exactly one win, and the others get the
conflict message. Threads on real PostgreSQL."""

import pytest

from tests.factories.facilities import at, next_weekday
from tests.factories.organisations import StaffFactory
from tests.factories.volunteering import ProfileFactory, RequestFactory
from tests.support.concurrency import THREADS, race
from volunteering import services
from volunteering.errors import AssignmentConflict
from volunteering.models import Assignment, Slot


@pytest.mark.django_db(transaction=True)
def test_overlapping_assignments_of_one_person_at_once_exactly_one_wins():
    staff = StaffFactory()
    person = ProfileFactory()
    day = next_weekday(2)
    # Eight requests whose times overlap (not identical: the constraint compares ranges).
    requests = [RequestFactory(dates=[(at(day, 9 + i % 3), at(day, 13))]) for i in range(THREADS)]

    def assign(i):
        return services.assignment_create(actor=staff, request=requests[i], profile=person)

    results = race(assign)
    winners = [r for r in results if isinstance(r, Assignment)]
    losers = [r for r in results if isinstance(r, AssignmentConflict)]
    assert len(winners) == 1, results
    assert len(losers) == THREADS - 1, results
    assert all(
        "jo tehtävä" in " ".join(e.messages) or "already has a task" in " ".join(e.messages)
        for e in losers
    )
    assert Assignment.objects.filter(profile=person).count() == 1
    assert Slot.objects.filter(profile=person, held=True).count() == 1


@pytest.mark.django_db(transaction=True)
def test_different_people_in_one_request_each_get_their_place():
    staff = StaffFactory()
    people = [ProfileFactory() for _ in range(THREADS)]
    request = RequestFactory(people_needed=THREADS // 2)

    def assign(i):
        return services.assignment_create(actor=staff, request=request, profile=people[i])

    results = race(assign)
    winners = [r for r in results if isinstance(r, Assignment)]
    # The request row is locked while counting: exactly the people asked for, no more.
    assert len(winners) == THREADS // 2, results
    request.refresh_from_db()
    assert request.status == "filled"

"""Many people book the same room at the same moment: the database lets exactly one
win, and the others get the conflict message. Threads on real PostgreSQL."""

import datetime

import pytest

from facilities import services
from facilities.errors import BookingConflict
from facilities.models import Booking
from tests.factories.facilities import RoomFactory, at, next_weekday, representative_of
from tests.support.concurrency import THREADS, race


@pytest.mark.django_db(transaction=True)
def test_same_slot_at_once_exactly_one_wins():
    room = RoomFactory(buffer_minutes=15)
    reps = [representative_of() for _ in range(THREADS)]
    day = next_weekday(2)

    def book(i):
        user, org = reps[i]
        # Overlapping, not identical, times: the constraint compares ranges.
        return services.booking_create(
            actor=user,
            room=room,
            organisation=org,
            start=at(day, 10, 0 if i % 2 else 30),
            end=at(day, 12),
            purpose="Kokous",
            attendees=5,
        )

    results = race(book)
    winners = [r for r in results if isinstance(r, Booking)]
    losers = [r for r in results if isinstance(r, BookingConflict)]
    assert len(winners) == 1, results
    assert len(losers) == THREADS - 1, results
    assert all(
        "already booked" in " ".join(e.messages) or "jo varattu" in " ".join(e.messages)
        for e in losers
    )
    assert Booking.objects.filter(room=room).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_series_and_single_bookings_racing_never_overlap():
    room = RoomFactory()
    reps = [representative_of() for _ in range(THREADS)]
    first = next_weekday(3, span=4)

    def book(i):
        user, org = reps[i]
        if i == 0:
            return services.booking_series_create(
                actor=user,
                room=room,
                organisation=org,
                weekdays=[3],
                first_date=first,
                until=first + datetime.timedelta(weeks=3),
                start_time=datetime.time(17),
                end_time=datetime.time(19),
                purpose="Harjoitus",
                attendees=5,
                book_free_only=True,
            )
        week = (i - 1) % 4
        day = first + datetime.timedelta(weeks=week)
        return services.booking_create(
            actor=user,
            room=room,
            organisation=org,
            start=at(day, 18),
            end=at(day, 20),
            purpose="Kokous",
            attendees=5,
        )

    race(book)
    rows = list(Booking.objects.filter(room=room).order_by("start"))
    for a, b in zip(rows, rows[1:], strict=False):
        assert a.held_until <= b.start, (a, b)
    # Every Thursday is taken by exactly one of them.
    assert len(rows) == 4

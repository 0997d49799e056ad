"""Many people book the same room at the same moment: the database lets exactly one
win, and the others get the conflict message. Threads on real PostgreSQL."""

import datetime
import threading
import time

import pytest
from django.db import connection, connections, transaction

from facilities import services
from facilities.errors import BookingConflict
from facilities.models import Booking
from tests.factories.facilities import (
    BookingFactory,
    RoomFactory,
    at,
    next_weekday,
    representative_of,
)
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


@pytest.mark.django_db(transaction=True)
def test_an_insert_that_postgresql_aborts_for_a_deadlock_is_tried_again():
    """Made to happen on purpose: another transaction holds a booking at 10–11 while the
    service inserts 10:30–12 (and waits for it), then books 11:30–12:30, which waits for
    the service's row. PostgreSQL aborts the service's insert for the deadlock; tried
    again, it meets the other transaction's committed booking: a conflict, not an error."""
    room = RoomFactory(buffer_minutes=0)
    day = next_weekday(2)
    user, organisation = representative_of()
    other_user, other_organisation = representative_of()
    outcome = {}

    def book():
        try:
            outcome["result"] = services.booking_create(
                actor=user,
                room=room,
                organisation=organisation,
                start=at(day, 10, 30),
                end=at(day, 12),
                purpose="Kokous",
                attendees=5,
            )
        except Exception as error:  # noqa: BLE001 - the outcome is what is asserted
            outcome["result"] = error
        finally:
            connection.close()

    service = threading.Thread(target=book)
    other = {"room": room, "organisation": other_organisation, "created_by": other_user}
    with transaction.atomic():
        # PostgreSQL aborts the side whose deadlock check runs first: let it be the
        # service's (after the default second), never this one's.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL deadlock_timeout = '20s'")
        BookingFactory(**other, start=at(day, 10), end=at(day, 11))
        service.start()
        _wait_until_a_backend_waits_for_a_lock(outcome)
        BookingFactory(**other, start=at(day, 11, 30), end=at(day, 12, 30))
    service.join(timeout=30)
    assert isinstance(outcome["result"], BookingConflict), outcome
    assert Booking.objects.filter(room=room).count() == 2


def _wait_until_a_backend_waits_for_a_lock(outcome, seconds=10):
    with connections["default"].cursor() as cursor:  # the test's own connection
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            # Within a transaction the activity view is a snapshot unless cleared.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return
            if "result" in outcome:
                break  # the service did not wait: it finished
            time.sleep(0.02)
    raise AssertionError(f"the service never waited for the other transaction: {outcome}")

"""The bench data generator at a tiny scale: the counts are as scaled, every row is one
the models accept, rooms are never double-booked or booked outside opening hours, no
training confirms more than its capacity, the same seed gives the same data and a
second run adds nothing."""

import pytest
from django.db import connection, transaction
from django.db.models import CheckConstraint, Count, Q

from bench import generate as bench
from bench.db import scaled
from events.models import Event
from facilities.models import Booking, Room
from organisations.models import Organisation, Representative
from pilots.models import Pilot
from trainings.models import Enrolment, Session, Training

pytestmark = pytest.mark.django_db

SCALE = 0.002


def quiet(*args):
    pass


@pytest.fixture
def counts():
    return bench.generate(scale=SCALE, log=quiet)


def test_counts_are_scaled(counts):
    expected = {
        Organisation: "organisations",
        Room: "rooms",
        Event: "events",
        Booking: "bookings",
        Training: "trainings",
        Enrolment: "enrolments",
        Pilot: "pilots",
    }
    for model, key in expected.items():
        assert model.objects.count() == scaled(bench.FULL[key], SCALE) == counts[key], key
    assert Representative.objects.filter(status="approved").exists()
    assert Session.objects.exists()


def test_events_are_valid_and_varied(counts):
    # The rules the database checked on insert, asked again through the ORM.
    for constraint in Event._meta.constraints:
        if isinstance(constraint, CheckConstraint):
            assert not Event.objects.exclude(constraint.condition).exists(), constraint.name
    events = list(Event.objects.all())
    assert {e.location_kind for e in events} == {"room", "place", "online"}
    assert all(e.source_key.startswith("bench-event-") for e in events)
    assert any(e.super_event_id for e in events)
    assert sum(e.publication == "published" for e in events) > 0.9 * len(events)
    assert Event.objects.filter(search_vector="kuoro").exists()
    # An event in a room sits on a booking of its organiser at the same time.
    for event in Event.objects.filter(booking__isnull=False).select_related("booking"):
        assert (event.start, event.end, event.room_id, event.organisation_id) == (
            event.booking.start,
            event.booking.end,
            event.booking.room_id,
            event.booking.organisation_id,
        )


def test_bookings_never_overlap_and_keep_to_opening_hours(counts):
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM facilities_booking a JOIN facilities_booking b
              ON a.room_id = b.room_id AND a.id < b.id
             AND tstzrange(a.start, a.held_until) && tstzrange(b.start, b.held_until)
             WHERE a.status IN ('requested', 'confirmed')
               AND b.status IN ('requested', 'confirmed')
            """
        )
        assert cursor.fetchone()[0] == 0
        cursor.execute(
            """
            SELECT count(*) FROM facilities_booking b
              JOIN facilities_room r ON r.id = b.room_id
             WHERE NOT EXISTS (
                SELECT 1 FROM facilities_openinghours h
                 WHERE h.site_id = r.site_id
                   AND h.weekday = extract(isodow FROM b.start AT TIME ZONE 'Europe/Helsinki') - 1
                   AND h.opens <= (b.start AT TIME ZONE 'Europe/Helsinki')::time
                   AND h.closes >= (b.held_until AT TIME ZONE 'Europe/Helsinki')::time)
            """
        )
        assert cursor.fetchone()[0] == 0
    bookers = set(
        Representative.objects.filter(status="approved").values_list("organisation", flat=True)
    )
    trainers = set(Training.objects.values_list("organiser", flat=True))
    assert set(Booking.objects.values_list("organisation", flat=True)) <= bookers | trainers
    assert Booking.objects.filter(status="confirmed").count() > 0.8 * Booking.objects.count()


def test_no_training_confirms_more_than_its_capacity(counts):
    trainings = Training.objects.annotate(
        holding=Count("enrolments", filter=Q(enrolments__status__in=["confirmed", "offered"]))
    )
    assert trainings.filter(holding__gt=0).exists()
    for training in trainings:
        assert training.holding <= training.capacity
    for session in Session.objects.filter(room__isnull=False).select_related("booking"):
        assert (session.starts, session.ends) == (session.booking.start, session.booking.end)


def snapshot():
    return (
        list(Organisation.objects.order_by("name_fi").values_list("name_fi", "municipality")),
        list(Event.objects.order_by("source_key").values_list("source_key", "name_fi", "start")),
        list(Booking.objects.order_by("start", "room__name_fi").values_list("start", "status")),
    )


class Rollback(Exception):
    pass


def test_same_seed_same_data():
    taken = []
    for _ in range(2):
        try:
            with transaction.atomic():
                bench.generate(scale=SCALE, log=quiet)
                taken.append(snapshot())
                raise Rollback
        except Rollback:
            pass
    assert taken[0] == taken[1]


def test_a_second_run_adds_nothing(counts, capsys):
    before = {m: m.objects.count() for m in (Organisation, Event, Booking, Enrolment, Pilot)}
    with pytest.raises(bench.BenchDataExists):
        bench.generate(scale=SCALE, log=quiet)
    assert bench.main(["--scale", str(SCALE)]) == 0
    assert "already has bench data" in capsys.readouterr().out
    assert before == {m: m.objects.count() for m in before}

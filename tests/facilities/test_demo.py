"""The demo premises: Me-talo with its rooms, hours, leases, keys and bookings, made
through the services on any day of the year, once."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from core import clock
from facilities.availability import SiteHours
from facilities.models import (
    Booking,
    BookingSeries,
    KeyHandover,
    OfficeLease,
    OpeningException,
    OpeningHours,
    Room,
    Site,
)

pytestmark = pytest.mark.django_db

MODELS = (
    Site,
    Room,
    OpeningHours,
    OpeningException,
    OfficeLease,
    KeyHandover,
    BookingSeries,
    Booking,
)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def load_all():
    call_command("load_demo_data", stdout=io.StringIO())
    call_command("load_facilities_demo", stdout=io.StringIO())


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


# A few days that stress the calendar: before Christmas, around Midsummer, a Sunday
# evening, and New Year's Eve (the next eve is half a year away).
DAYS = [
    datetime.datetime(2026, 12, 10, 9, tzinfo=datetime.UTC),
    datetime.datetime(2027, 6, 14, 9, tzinfo=datetime.UTC),
    datetime.datetime(2026, 11, 22, 19, tzinfo=datetime.UTC),
    datetime.datetime(2026, 12, 31, 21, tzinfo=datetime.UTC),
]


@pytest.mark.usefixtures("debug")
@pytest.mark.parametrize("moment", DAYS, ids=[f"{d:%Y-%m-%d}" for d in DAYS])
def test_demo_premises_on_any_day(moment):
    with time_machine.travel(moment, tick=False):
        load_all()
        today = clock.today()
        site = Site.objects.get(name_fi="Me-talo")
        assert site.name_sv and site.name_en and site.accessibility_sv and site.accessibility_en
        assert site.municipality.code == "609" and site.holidays_closed
        rooms = {room.name_fi: room for room in site.rooms.all()}
        kinds = [room.kind for room in rooms.values()]
        assert sorted(kinds) == sorted(
            ["meeting_room"] * 2 + ["hall", "meeting_place"] + ["office"] * 2 + ["workstation"] * 3
        )
        for room in rooms.values():
            assert room.name_sv and room.name_en and room.accessibility_fi and room.accessibility_en
            assert room.equipment_fi and room.equipment_sv and room.equipment_en
            assert room.is_bookable == (room.kind not in ("office", "workstation"))
        hall = rooms["Sali Karhu"]
        assert (hall.capacity, hall.requires_approval, hall.buffer_minutes) == (80, True, 15)
        assert sorted(r.capacity for r in rooms.values() if r.kind == "meeting_room") == [8, 16]
        cafe = rooms["Olohuone-kahvila"]
        assert (cafe.capacity, cafe.hourly_price_member) == (30, Decimal("0.00"))
        assert cafe.hourly_price_non_member > 0 and cafe.photo_alt_fi

        # Opening hours: Mon–Thu 8–20, Fri 8–16, Sat 10–14, never on Sunday.
        hours = sorted(site.opening_hours.values_list("weekday", "opens", "closes"))
        assert [(d, o.hour, c.hour) for d, o, c in hours] == [
            (0, 8, 20),
            (1, 8, 20),
            (2, 8, 20),
            (3, 8, 20),
            (4, 8, 16),
            (5, 10, 14),
        ]
        exceptions = list(site.exceptions.order_by("date"))
        closed = [e for e in exceptions if e.is_closed]
        eves = [e for e in exceptions if not e.is_closed]
        assert len(closed) == 1 and closed[0].date > today and closed[0].reason_en
        assert len(eves) == 1 and (eves[0].opens.hour, eves[0].closes.hour) == (10, 14)
        assert eves[0].date.month in (6, 12) and eves[0].reason_sv

        # Two leases, each with a key out; one older key has been returned.
        leases = OfficeLease.objects.select_related("room")
        assert len(leases) == 2 and all(lease.ends_on is None for lease in leases)
        assert {lease.room.kind for lease in leases} == {"office", "workstation"}
        assert KeyHandover.objects.filter(returned_on__isnull=True, lease__in=leases).count() == 2
        assert KeyHandover.objects.filter(returned_on__isnull=False).count() == 1

        # Bookings in the next five weeks, every one inside the opening hours.
        bookings = Booking.objects.select_related("room__site", "organisation")
        assert bookings.count() >= 10
        horizon = clock.now() + datetime.timedelta(days=36)
        hours = SiteHours.load(site, today, today + datetime.timedelta(days=40))
        for booking in bookings:
            assert clock.now() < booking.start < horizon
            assert hours.is_open_for(booking.start, booking.end), booking
            assert not booking.organisation.is_dissolved
        assert not bookings.filter(start__date__in=[e.date for e in closed]).exists()
        requested = bookings.filter(status="requested")
        assert [b.room for b in requested] == [hall]
        assert bookings.exclude(status__in=["requested", "confirmed"]).count() == 0
        assert BookingSeries.objects.count() == 2
        assert bookings.filter(series__isnull=False).count() >= 4
        # Members and non-members pay their own prices.
        assert bookings.filter(member_price=False, price__gt=0).exists()
        assert bookings.filter(member_price=True).exists()


@pytest.mark.usefixtures("debug")
def test_demo_premises_are_idempotent():
    load_all()
    first = counts()
    call_command("load_facilities_demo", stdout=io.StringIO())
    assert counts() == first
    assert first["Room"] == 9 and first["Booking"] >= 10


@pytest.mark.usefixtures("debug")
def test_weeks_later_the_calendar_is_topped_up_not_doubled():
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC), tick=False):
        load_all()
        first = counts()
    with time_machine.travel(datetime.datetime(2026, 12, 14, 9, tzinfo=datetime.UTC), tick=False):
        call_command("load_facilities_demo", stdout=io.StringIO())
        now = timezone.now()
        assert counts()["Room"] == first["Room"] and counts()["OfficeLease"] == 2
        assert Booking.objects.filter(start__gt=now).count() >= 10
        # No lease, key or room was made twice.
        assert counts()["KeyHandover"] == first["KeyHandover"]


def test_refuses_when_debug_is_off(settings):
    settings.DEBUG = True
    call_command("load_demo_data", stdout=io.StringIO())
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_facilities_demo", stdout=io.StringIO())
    assert not any(counts().values())


@pytest.mark.usefixtures("debug")
def test_needs_the_demo_accounts_first():
    with pytest.raises(CommandError, match="load_demo_data"):
        call_command("load_facilities_demo", stdout=io.StringIO())
    assert not Site.objects.exists()

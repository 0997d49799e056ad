"""Booking use cases: price, rules with their messages, approval, cancellation and
recurring series. Each bad input raises a BookingError and saves nothing."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from facilities import services
from facilities.errors import BookingConflict, BookingError
from facilities.models import Booking, BookingNotification, BookingSeries, OpeningException
from tests.factories.facilities import (
    BookingFactory,
    RoomFactory,
    at,
    next_weekday,
    representative_of,
)
from tests.factories.organisations import MembershipFactory, OrganisationFactory, StaffFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def english():
    """Messages are asserted in English; the Finnish ones are checked on the pages."""
    with translation.override("en"):
        yield


def book(user, org, room, start, end, **kwargs):
    kwargs.setdefault("purpose", "Hallituksen kokous")
    kwargs.setdefault("attendees", 6)
    return services.booking_create(
        actor=user, room=room, organisation=org, start=start, end=end, **kwargs
    )


@pytest.fixture
def rep():
    return representative_of()


@pytest.fixture
def room():
    return RoomFactory()


@pytest.fixture
def tuesday():
    return next_weekday(1)


def test_member_pays_the_member_price_and_non_member_the_other(room, tuesday):
    member_user, member = representative_of()
    MembershipFactory(organisation=member)
    other_user, other = representative_of()
    a = book(member_user, member, room, at(tuesday, 10), at(tuesday, 11, 30))
    b = book(other_user, other, room, at(tuesday, 12), at(tuesday, 13, 30))
    assert (a.price, a.member_price) == (Decimal("15.00"), True)
    assert (b.price, b.member_price) == (Decimal("37.50"), False)
    assert a.status == b.status == Booking.Status.CONFIRMED


def test_room_needing_approval_makes_a_request_and_staff_decide(rep, tuesday):
    user, org = rep
    room = RoomFactory(requires_approval=True)
    booking = book(user, org, room, at(tuesday, 10), at(tuesday, 12))
    assert booking.status == Booking.Status.REQUESTED
    assert BookingNotification.objects.filter(booking=booking, kind="received").exists()
    with pytest.raises(PermissionDenied):
        services.booking_approve(actor=user, booking=booking)
    staff = StaffFactory()
    services.booking_approve(actor=staff, booking=booking)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED and booking.decided_by == staff
    assert BookingNotification.objects.filter(booking=booking, kind="approved").exists()
    with pytest.raises(BookingError):
        services.booking_approve(actor=staff, booking=booking)


def test_rejection_needs_a_reason(rep, tuesday):
    user, org = rep
    room = RoomFactory(requires_approval=True)
    booking = book(user, org, room, at(tuesday, 10), at(tuesday, 12))
    staff = StaffFactory()
    with pytest.raises(BookingError) as error:
        services.booking_reject(actor=staff, booking=booking, reason="  ")
    assert error.value.field == "reason"
    services.booking_reject(actor=staff, booking=booking, reason="Sali on remontissa.")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.REJECTED
    # A rejected request frees the time.
    book(user, org, room, at(tuesday, 10), at(tuesday, 12))


def test_staff_book_for_a_non_member_and_it_is_confirmed_at_once(tuesday):
    staff = StaffFactory()
    outsider = OrganisationFactory()
    room = RoomFactory(requires_approval=True)
    booking = book(staff, outsider, room, at(tuesday, 9), at(tuesday, 10))
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.price == Decimal("25.00")


def test_a_person_cannot_book_for_an_organisation_they_do_not_represent(rep, room, tuesday):
    user, _org = rep
    with pytest.raises(PermissionDenied):
        book(user, OrganisationFactory(), room, at(tuesday, 10), at(tuesday, 11))
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    ("start", "end", "field", "words"),
    [
        ((1, 12), (1, 11), "end", "end must be after"),
        ((1, 7), (1, 9), "start", "opening hours"),
        ((1, 19), (1, 21), "start", "opening hours"),
        ((6, 10), (6, 12), "start", "closed"),  # Sunday
        ((1, 10), (1, 10, 15), "end", "at least 30 minutes"),
        ((1, 8), (1, 17), "end", "at most 8"),
    ],
)
def test_bad_times_get_a_clear_message_and_save_nothing(rep, room, start, end, field, words):
    user, org = rep
    day = next_weekday(0)
    with pytest.raises(BookingError) as error:
        book(
            user,
            org,
            room,
            at(day + datetime.timedelta(days=start[0]), *start[1:]),
            at(day + datetime.timedelta(days=end[0]), *end[1:]),
        )
    assert error.value.field == field
    assert words in " ".join(error.value.messages)
    assert not Booking.objects.exists()


def test_past_and_beyond_the_horizon_are_refused(rep):
    user, org = rep
    room = RoomFactory(booking_horizon_days=30)
    with time_machine.travel(at(datetime.date(2026, 11, 24), 12), tick=False):
        with pytest.raises(BookingError, match="in the past"):
            book(
                user,
                org,
                room,
                at(datetime.date(2026, 11, 24), 10),
                at(datetime.date(2026, 11, 24), 11),
            )
        with pytest.raises(BookingError, match="30 days ahead"):
            book(
                user,
                org,
                room,
                at(datetime.date(2027, 1, 5), 10),
                at(datetime.date(2027, 1, 5), 11),
            )
    assert not Booking.objects.exists()


def test_public_holidays_are_closed_unless_an_exception_opens_them(rep, room):
    user, org = rep
    independence_day = datetime.date(2027, 12, 6)
    with time_machine.travel(at(datetime.date(2027, 11, 1), 9), tick=False):
        with pytest.raises(BookingError, match="closed") as error:
            book(user, org, room, at(independence_day, 10), at(independence_day, 11))
        assert "Independence Day" in " ".join(error.value.messages)
        OpeningException.objects.create(
            site=room.site, date=independence_day, opens=datetime.time(10), closes=datetime.time(14)
        )
        book(user, org, room, at(independence_day, 10), at(independence_day, 11))


def test_a_dated_closure_closes_an_ordinary_day(rep, room, tuesday):
    user, org = rep
    OpeningException.objects.create(
        site=room.site, date=tuesday, reason_fi="Siivouspäivä", reason_en="Cleaning day"
    )
    with pytest.raises(BookingError, match="Cleaning day"):
        book(user, org, room, at(tuesday, 10), at(tuesday, 11))


def test_too_many_attendees_for_the_room(rep, tuesday):
    user, org = rep
    room = RoomFactory(capacity=4)
    with pytest.raises(BookingError) as error:
        book(user, org, room, at(tuesday, 10), at(tuesday, 11), attendees=5)
    assert error.value.field == "attendees"


def test_buffer_keeps_the_room_free_after_a_booking(rep, tuesday):
    user, org = rep
    room = RoomFactory(buffer_minutes=30)
    book(user, org, room, at(tuesday, 10), at(tuesday, 12))
    with pytest.raises(BookingConflict):
        book(user, org, room, at(tuesday, 12, 15), at(tuesday, 13))
    with pytest.raises(BookingConflict):
        # Its own buffer would run into the booking at 10.
        book(user, org, room, at(tuesday, 8), at(tuesday, 9, 45))
    book(user, org, room, at(tuesday, 12, 30), at(tuesday, 13))
    book(user, org, room, at(tuesday, 8), at(tuesday, 9, 30))
    assert Booking.objects.count() == 3


def test_cancelled_bookings_free_the_time(rep, room, tuesday):
    user, org = rep
    booking = book(user, org, room, at(tuesday, 10), at(tuesday, 12))
    services.booking_cancel(actor=user, booking=booking)
    book(user, org, room, at(tuesday, 10), at(tuesday, 12))


def test_booker_cancels_before_the_deadline_only_staff_after(rep, room):
    user, org = rep
    day = datetime.date(2026, 12, 1)
    with time_machine.travel(at(datetime.date(2026, 11, 25), 9), tick=False):
        booking = book(user, org, room, at(day, 10), at(day, 12))
    with time_machine.travel(at(datetime.date(2026, 11, 30), 9, 59), tick=False):
        assert services.may_cancel(user, booking)
    with time_machine.travel(at(datetime.date(2026, 11, 30), 10, 0), tick=False):
        assert not services.may_cancel(user, booking)
        with pytest.raises(BookingError, match="deadline passed"):
            services.booking_cancel(actor=user, booking=booking)
        staff = StaffFactory()
        services.booking_cancel(actor=staff, booking=booking)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert BookingNotification.objects.filter(booking=booking, kind="cancelled").count() == 1


def test_another_organisations_representative_cannot_cancel(rep, room, tuesday):
    user, org = rep
    booking = book(user, org, room, at(tuesday, 10), at(tuesday, 12))
    stranger, _ = representative_of()
    with pytest.raises(PermissionDenied):
        services.booking_cancel(actor=stranger, booking=booking)


# --- Recurring bookings ------------------------------------------------------------


def series(user, org, room, *, first, until, weekdays=(1,), start=18, end=20, **kwargs):
    return services.booking_series_create(
        actor=user,
        room=room,
        organisation=org,
        weekdays=list(weekdays),
        first_date=first,
        until=until,
        start_time=datetime.time(start),
        end_time=datetime.time(end),
        purpose="Kuoroharjoitus",
        attendees=10,
        **kwargs,
    )


def test_weekly_series_keeps_local_time_across_the_daylight_saving_change(rep, room):
    user, org = rep
    # Finland moves the clocks on the last Sunday of March 2027 (28 March).
    with time_machine.travel(at(datetime.date(2027, 3, 1), 9), tick=False):
        _series, created, skipped = series(
            user, org, room, first=datetime.date(2027, 3, 16), until=datetime.date(2027, 4, 6)
        )
    assert not skipped

    assert [timezone.localtime(b.start).hour for b in created] == [18, 18, 18, 18]
    utc_hours = [b.start.astimezone(datetime.UTC).hour for b in created]
    assert utc_hours == [16, 16, 15, 15]


def test_colliding_occurrences_are_reported_before_anything_is_saved(rep, room):
    user, org = rep
    first = next_weekday(1, span=4)
    taken = first + datetime.timedelta(weeks=1)
    BookingFactory(room=room, start=at(taken, 18, 30), end=at(taken, 19, 30))
    with pytest.raises(BookingConflict, match="1 of 4"):
        series(user, org, room, first=first, until=first + datetime.timedelta(weeks=3))
    assert not BookingSeries.objects.exists()
    assert Booking.objects.count() == 1
    plan = services.booking_series_plan(
        room=room,
        weekdays=[1],
        first_date=first,
        until=first + datetime.timedelta(weeks=3),
        start_time=datetime.time(18),
        end_time=datetime.time(20),
    )
    assert [o.conflict for o in plan] == [False, True, False, False]
    # The person chooses to book the free ones.
    _series, created, skipped = series(
        user, org, room, first=first, until=first + datetime.timedelta(weeks=3), book_free_only=True
    )
    assert len(created) == 3 and len(skipped) == 1
    assert skipped[0].start == at(taken, 18)
    assert all(b.series == _series for b in created)


def test_series_skips_closed_days_with_the_reason(rep, room):
    user, org = rep
    with time_machine.travel(at(datetime.date(2027, 11, 1), 9), tick=False):
        plan = services.booking_series_plan(
            room=room,
            weekdays=[0],
            first_date=datetime.date(2027, 11, 29),
            until=datetime.date(2027, 12, 13),
            start_time=datetime.time(10),
            end_time=datetime.time(11),
        )
    assert [bool(o.problem) for o in plan] == [False, True, False]
    assert "Independence Day" in plan[1].problem and not plan[1].conflict


def test_cancel_one_occurrence_or_the_rest_of_the_series(rep, room):
    user, org = rep
    first = next_weekday(1, weeks=2, span=5)
    _series, created, _ = series(
        user, org, room, first=first, until=first + datetime.timedelta(weeks=4)
    )
    assert len(created) == 5
    services.booking_cancel(actor=user, booking=created[1])
    cancelled = services.booking_series_cancel_rest(actor=user, booking=created[3])
    assert [b.pk for b in cancelled] == [created[3].pk, created[4].pk]
    statuses = list(
        Booking.objects.filter(series=_series).order_by("start").values_list("status", flat=True)
    )
    assert statuses == ["confirmed", "cancelled", "confirmed", "cancelled", "cancelled"]


def test_series_needs_weekdays_and_an_order(rep, room):
    user, org = rep
    first = next_weekday(1)
    with pytest.raises(BookingError) as error:
        series(user, org, room, first=first, until=first - datetime.timedelta(days=1))
    assert error.value.field == "until"
    with pytest.raises(BookingError) as error:
        series(user, org, room, first=first, until=first, weekdays=())
    assert error.value.field == "weekdays"
    assert not Booking.objects.exists()

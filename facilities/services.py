"""Use cases of room booking that write. Pages, the API, admin actions and tasks all call
these; every error a person can cause is a BookingError with a translated message naming
its field, and a taken time is a BookingConflict.

Double booking is prevented by the database (the exclusion constraint on Booking), not
by checking first: of two people who book the same time at once, exactly one insert
succeeds and the other gets BookingConflict."""

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, OperationalError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core import clock
from core.access import is_staff
from organisations.models import Organisation, Representative

from . import notifications
from .availability import SiteHours, local_datetime
from .errors import BookingConflict, BookingError
from .models import Booking, BookingSeries, NotificationKind, Room

logger = logging.getLogger(__name__)

TIME_TAKEN = _("The room is already booked at that time. Choose another time or room.")
MAX_SERIES_OCCURRENCES = 200


def may_book_for(user, organisation) -> bool:
    """Staff book for anyone; a representative for their own organisation."""
    if is_staff(user):
        return True
    if not (user and user.is_authenticated):
        return False
    return Representative.objects.approved().filter(user=user, organisation=organisation).exists()


def _is_member(organisation: Organisation) -> bool:
    return organisation.memberships.active().exists()


def booking_quote(
    room: Room, organisation: Organisation, start: datetime, end: datetime
) -> tuple[Decimal, bool]:
    """The price the organisation would pay for the room from ``start`` to ``end``
    and whether it is the member price: what booking_create would save."""
    is_member = _is_member(organisation)
    return booking_price(room, start, end, is_member=is_member), is_member


def booking_price(room: Room, start: datetime, end: datetime, *, is_member: bool) -> Decimal:
    hours = Decimal((end - start).total_seconds()) / Decimal(3600)
    price = room.hourly_price(is_member=is_member) * hours
    return price.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _local(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def validate_booking_time(
    room: Room, start: datetime, end: datetime, *, now: datetime, hours: SiteHours | None = None
):
    """Raise BookingError when the time cannot be booked for reasons other than another
    booking: order, past, horizon, duration, opening hours."""
    if not room.is_bookable:
        raise BookingError(_("This room cannot be booked."), field="room")
    if end <= start:
        raise BookingError(_("The end must be after the start."), field="end")
    if start < now:
        raise BookingError(_("The start is in the past."), field="start")
    horizon = now + timedelta(days=room.booking_horizon_days)
    if start > horizon:
        raise BookingError(
            _("Bookings open %(days)s days ahead: choose a start before %(date)s."),
            field="start",
            params={
                "days": room.booking_horizon_days,
                "date": formats.date_format(
                    timezone.localtime(horizon).date(), "SHORT_DATE_FORMAT"
                ),
            },
        )
    minutes = (end - start).total_seconds() / 60
    if minutes < room.min_duration_minutes:
        raise BookingError(
            _("A booking of this room lasts at least %(minutes)s minutes."),
            field="end",
            params={"minutes": room.min_duration_minutes},
        )
    if minutes > room.max_duration_minutes:
        raise BookingError(
            _("A booking of this room lasts at most %(hours)s hours."),
            field="end",
            params={"hours": formats.number_format(room.max_duration_minutes / 60, 1)},
        )
    day = timezone.localtime(start).date()
    if hours is None:
        hours = SiteHours.load(room.site, day, day)
    intervals = hours.open_intervals(day)
    if not intervals:
        reason = hours.closure_reason(day)
        message = (
            _("The premises are closed on %(date)s (%(reason)s).")
            if reason
            else _("The premises are closed on %(date)s.")
        )
        raise BookingError(
            message,
            field="start",
            params={"date": formats.date_format(day, "SHORT_DATE_FORMAT"), "reason": reason},
        )
    if not hours.is_open_for(start, end):
        opening = ", ".join(
            f"{timezone.localtime(o):%H.%M}–{timezone.localtime(c):%H.%M}" for o, c in intervals
        )
        raise BookingError(
            _("The booking must fit within the opening hours of the day: %(hours)s."),
            field="start",
            params={"hours": opening},
        )


def _validate_details(room: Room, organisation: Organisation, *, purpose: str, attendees):
    if organisation.is_dissolved:
        raise BookingError(_("The organisation has been dissolved."), field="organisation")
    if not (purpose or "").strip():
        raise BookingError(_("Tell us what the room is for."), field="purpose")
    if attendees is None or attendees < 1:
        raise BookingError(_("Give the number of expected attendees."), field="attendees")
    if attendees > room.capacity:
        raise BookingError(
            _("The room holds at most %(capacity)s people."),
            field="attendees",
            params={"capacity": room.capacity},
        )


def _is_overlap_violation(error: IntegrityError) -> bool:
    diag = getattr(error.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None) == "booking_no_overlap"


DEADLOCK_DETECTED = "40P01"
INSERT_ATTEMPTS = 3


def _is_deadlock(error: OperationalError) -> bool:
    return getattr(error.__cause__, "sqlstate", None) == DEADLOCK_DETECTED


def _insert(booking: Booking) -> Booking:
    """Insert in a savepoint, so that a conflict leaves the outer transaction usable.

    Inserts of overlapping times at the same moment wait on each other's check of the
    exclusion constraint; with several at once PostgreSQL may find them in a deadlock
    and abort one. Rolling back to the savepoint releases what that insert held, and it
    is tried again: it then meets the booking that won (a conflict) or goes in."""
    for attempt in range(1, INSERT_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                booking.save()
            return booking
        except IntegrityError as error:
            if _is_overlap_violation(error):
                raise BookingConflict(TIME_TAKEN, field="start") from None
            raise
        except OperationalError as error:
            if not _is_deadlock(error) or attempt == INSERT_ATTEMPTS:
                raise
            logger.info("booking insert deadlocked with another; trying again (%s)", attempt)
    raise AssertionError("unreachable")


@transaction.atomic
def booking_create(
    *,
    actor,
    room: Room,
    organisation: Organisation,
    start: datetime,
    end: datetime,
    purpose: str,
    attendees: int,
    requests: str = "",
    language: str = "fi",
) -> Booking:
    """Book a room for an organisation. Confirmed at once, unless the room needs approval
    and the booker is not staff."""
    if not may_book_for(actor, organisation):
        raise PermissionDenied
    _validate_details(room, organisation, purpose=purpose, attendees=attendees)
    validate_booking_time(room, start, end, now=clock.now())
    is_member = _is_member(organisation)
    confirmed = is_staff(actor) or not room.requires_approval
    booking = _insert(
        Booking(
            room=room,
            organisation=organisation,
            start=start,
            end=end,
            held_until=end + room.buffer,
            status=Booking.Status.CONFIRMED if confirmed else Booking.Status.REQUESTED,
            purpose=purpose.strip(),
            attendees=attendees,
            requests=(requests or "").strip(),
            price=booking_price(room, start, end, is_member=is_member),
            member_price=is_member,
            language=language,
            created_by=actor,
        )
    )
    notifications.queue(
        booking, NotificationKind.CONFIRMED if confirmed else NotificationKind.RECEIVED
    )
    logger.info("booking %s created by user %s", booking.pk, actor.pk)
    return booking


def _require_staff(actor):
    if not is_staff(actor):
        raise PermissionDenied


def _locked(booking: Booking) -> Booking:
    return Booking.objects.select_for_update().select_related("room").get(pk=booking.pk)


@transaction.atomic
def booking_approve(*, actor, booking: Booking) -> Booking:
    _require_staff(actor)
    booking = _locked(booking)
    if booking.status != Booking.Status.REQUESTED:
        raise BookingError(_("Only a requested booking can be approved."))
    booking.status = Booking.Status.CONFIRMED
    booking.decided_by = actor
    booking.decided_at = clock.now()
    booking.save(update_fields=["status", "decided_by", "decided_at"])
    notifications.queue(booking, NotificationKind.APPROVED)
    return booking


@transaction.atomic
def booking_reject(*, actor, booking: Booking, reason: str) -> Booking:
    _require_staff(actor)
    reason = (reason or "").strip()
    if not reason:
        raise BookingError(_("Give a reason for the rejection."), field="reason")
    booking = _locked(booking)
    if booking.status != Booking.Status.REQUESTED:
        raise BookingError(_("Only a requested booking can be rejected."))
    booking.status = Booking.Status.REJECTED
    booking.rejection_reason = reason
    booking.decided_by = actor
    booking.decided_at = clock.now()
    booking.save(update_fields=["status", "rejection_reason", "decided_by", "decided_at"])
    notifications.queue(booking, NotificationKind.REJECTED)
    return booking


def may_cancel(
    user, booking: Booking, *, now: datetime | None = None, represented_ids=None
) -> bool:
    """Staff at any time; the organisation's representative before the deadline.
    ``represented_ids`` (the user's organisation ids) saves a query per booking in lists."""
    if not booking.is_holding:
        return False
    if is_staff(user):
        return True
    now = now or clock.now()
    if now >= booking.cancellation_deadline:
        return False
    if represented_ids is not None:
        return booking.organisation_id in represented_ids
    return may_book_for(user, booking.organisation)


def _cancel_one(actor, booking: Booking, now: datetime):
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_by = actor
    booking.cancelled_at = now
    booking.save(update_fields=["status", "cancelled_by", "cancelled_at"])
    notifications.queue(booking, NotificationKind.CANCELLED)


@transaction.atomic
def booking_cancel(*, actor, booking: Booking) -> Booking:
    if not (is_staff(actor) or may_book_for(actor, booking.organisation)):
        raise PermissionDenied
    booking = _locked(booking)
    now = clock.now()
    if not booking.is_holding:
        raise BookingError(_("This booking is no longer valid, so it cannot be cancelled."))
    if not is_staff(actor) and now >= booking.cancellation_deadline:
        raise BookingError(
            _(
                "The cancellation deadline passed on %(deadline)s. "
                "Ask the staff to cancel the booking."
            ),
            params={"deadline": _local(booking.cancellation_deadline)},
        )
    _cancel_one(actor, booking, now)
    return booking


@transaction.atomic
def booking_series_cancel_rest(*, actor, booking: Booking) -> list[Booking]:
    """Cancel this occurrence and every later one of its series that still holds the room."""
    if booking.series_id is None:
        return [booking_cancel(actor=actor, booking=booking)]
    first = booking_cancel(actor=actor, booking=booking)
    later = list(
        Booking.objects.holding()
        .select_for_update()
        .filter(series_id=booking.series_id, start__gt=booking.start)
        .order_by("start")
    )
    now = clock.now()
    for occurrence in later:
        _cancel_one(actor, occurrence, now)
    return [first, *later]


# --- Recurring bookings ----------------------------------------------------------------


@dataclass
class Occurrence:
    start: datetime
    end: datetime
    problem: str = ""  # why it cannot be booked ("" when it can)
    conflict: bool = False  # taken by another booking


def _series_dates(weekdays, first_date: date, until: date):
    day = first_date
    while day <= until:
        if day.weekday() in weekdays:
            yield day
        day += timedelta(days=1)


def booking_series_plan(
    *,
    room: Room,
    weekdays: list[int],
    first_date: date,
    until: date,
    start_time: time,
    end_time: time,
) -> list[Occurrence]:
    """Every occurrence of a weekly series with the reason it cannot be booked, if any.
    Local wall-clock times, so 18:00 stays 18:00 across daylight-saving changes."""
    if not weekdays:
        raise BookingError(_("Choose at least one weekday."), field="weekdays")
    if until < first_date:
        raise BookingError(_("The last date must not be before the first."), field="until")
    if end_time <= start_time:
        raise BookingError(_("The end must be after the start."), field="end_time")
    days = list(_series_dates(set(weekdays), first_date, until))
    if not days:
        raise BookingError(
            _("No chosen weekday falls between the first and last date."), field="weekdays"
        )
    if len(days) > MAX_SERIES_OCCURRENCES:
        raise BookingError(
            _("A series can have at most %(count)s occurrences."),
            field="until",
            params={"count": MAX_SERIES_OCCURRENCES},
        )
    now = clock.now()
    hours = SiteHours.load(room.site, days[0], days[-1])
    occurrences = [
        Occurrence(local_datetime(day, start_time), local_datetime(day, end_time)) for day in days
    ]
    held = list(
        Booking.objects.holding()
        .filter(room=room)
        .overlapping(occurrences[0].start, occurrences[-1].end + room.buffer)
        .values_list("start", "held_until")
    )
    for occurrence in occurrences:
        try:
            validate_booking_time(room, occurrence.start, occurrence.end, now=now, hours=hours)
        except BookingError as error:
            occurrence.problem = " ".join(error.messages)
            continue
        held_until = occurrence.end + room.buffer
        if any(s < held_until and e > occurrence.start for s, e in held):
            occurrence.problem = str(TIME_TAKEN)
            occurrence.conflict = True
    return occurrences


def booking_series_quote(
    *, room: Room, organisation: Organisation, **series
) -> tuple[list[Occurrence], Decimal, bool]:
    """The price summary of a weekly series before booking it: each occurrence with its
    price, or the reason it cannot be booked (a holiday, closed, taken: the rules of
    ``booking_series_plan``), the total of those that can, and whether it is the member
    price. Nothing is saved."""
    occurrences = booking_series_plan(room=room, **series)
    is_member = _is_member(organisation)
    total = Decimal("0.00")
    for occurrence in occurrences:
        occurrence.price = None
        if not occurrence.problem:
            occurrence.price = booking_price(
                room, occurrence.start, occurrence.end, is_member=is_member
            )
            total += occurrence.price
    return occurrences, total, is_member


@transaction.atomic
def booking_series_create(
    *,
    actor,
    room: Room,
    organisation: Organisation,
    weekdays: list[int],
    first_date: date,
    until: date,
    start_time: time,
    end_time: time,
    purpose: str,
    attendees: int,
    requests: str = "",
    language: str = "fi",
    book_free_only: bool = False,
) -> tuple[BookingSeries, list[Booking], list[Occurrence]]:
    """Book every occurrence of a weekly series. If any cannot be booked, nothing is
    saved and BookingConflict lists them, unless ``book_free_only``: then the free ones
    are booked and the others returned as skipped."""
    if not may_book_for(actor, organisation):
        raise PermissionDenied
    _validate_details(room, organisation, purpose=purpose, attendees=attendees)
    plan = booking_series_plan(
        room=room,
        weekdays=weekdays,
        first_date=first_date,
        until=until,
        start_time=start_time,
        end_time=end_time,
    )
    skipped = [o for o in plan if o.problem]
    if skipped and not book_free_only:
        raise BookingConflict(
            _("%(count)s of %(total)s occurrences cannot be booked."),
            params={"count": len(skipped), "total": len(plan)},
        )
    free = [o for o in plan if not o.problem]
    if not free:
        raise BookingConflict(_("None of the occurrences can be booked."))
    series = BookingSeries.objects.create(
        room=room,
        organisation=organisation,
        weekdays=sorted(set(weekdays)),
        first_date=first_date,
        until=until,
        start_time=start_time,
        end_time=end_time,
        created_by=actor,
    )
    is_member = _is_member(organisation)
    confirmed = is_staff(actor) or not room.requires_approval
    created = []
    for occurrence in free:
        try:
            booking = _insert(
                Booking(
                    room=room,
                    organisation=organisation,
                    series=series,
                    start=occurrence.start,
                    end=occurrence.end,
                    held_until=occurrence.end + room.buffer,
                    status=Booking.Status.CONFIRMED if confirmed else Booking.Status.REQUESTED,
                    purpose=purpose.strip(),
                    attendees=attendees,
                    requests=(requests or "").strip(),
                    price=booking_price(
                        room, occurrence.start, occurrence.end, is_member=is_member
                    ),
                    member_price=is_member,
                    language=language,
                    created_by=actor,
                )
            )
        except BookingConflict:
            # Taken by someone else between the plan and now.
            if not book_free_only:
                raise
            occurrence.problem, occurrence.conflict = str(TIME_TAKEN), True
            skipped.append(occurrence)
            continue
        created.append(booking)
    if not created:
        raise BookingConflict(_("None of the occurrences can be booked."))
    # One message for the whole series, on its first occurrence.
    notifications.queue(
        created[0], NotificationKind.CONFIRMED if confirmed else NotificationKind.RECEIVED
    )
    return series, created, sorted(skipped, key=lambda o: o.start)

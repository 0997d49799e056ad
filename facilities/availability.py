"""Opening hours and free time.

A site is open on a day by its weekly rules, unless a dated exception says otherwise;
Finnish public holidays are closed unless an exception opens them. Times are local
(Europe/Helsinki) wall-clock times, turned into aware datetimes per day, so that 8–16
stays 8–16 across the daylight-saving changes."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.utils import timezone
from django.utils.translation import get_language

from core.clock import local_datetime

from .models import Booking, OpeningException, OpeningHours, Site

SLOT_MINUTES = 30


# The holidays library's name for each language of the portal.
HOLIDAY_LANGUAGES = {"fi": "fi", "sv": "sv_FI", "en": "en_US"}


@lru_cache(maxsize=32)
def finnish_holidays(year: int, language: str = "fi") -> dict:
    """{date: name} of Finland's public holidays (and the eves the lib lists) in a year,
    named in ``language`` (fi, sv or en)."""
    return dict(holidays.Finland(years=year, language=HOLIDAY_LANGUAGES.get(language, "fi")))


def holiday_name(day: date) -> str:
    """The public holiday's name in the current language ('' on other days)."""
    language = (get_language() or "fi").split("-")[0]
    return finnish_holidays(day.year, language).get(day, "")


def is_public_holiday(day: date) -> bool:
    return day in finnish_holidays(day.year)


def _end_of(day: date, at: time) -> datetime:
    # Midnight as a closing time means the end of the day.
    if at == time(0, 0):
        return local_datetime(day + timedelta(days=1), at)
    return local_datetime(day, at)


@dataclass
class SiteHours:
    """A site's rules and exceptions, loaded once for a range of days."""

    site: Site
    rules: list = field(default_factory=list)
    exceptions: dict = field(default_factory=dict)

    @classmethod
    def load(cls, site: Site, start: date, end: date) -> "SiteHours":
        rules = [
            rule
            for rule in OpeningHours.objects.filter(site=site)
            if (rule.valid_from is None or rule.valid_from <= end)
            and (rule.valid_until is None or rule.valid_until >= start)
        ]
        exceptions = {
            exc.date: exc
            for exc in OpeningException.objects.filter(site=site, date__range=(start, end))
        }
        return cls(site=site, rules=rules, exceptions=exceptions)

    def closure_reason(self, day: date) -> str:
        """Why the site is closed all day ('' if it is not, or has no rule that day)."""
        exc = self.exceptions.get(day)
        if exc is not None:
            return exc.reason if exc.is_closed else ""
        if self.site.holidays_closed and is_public_holiday(day):
            return holiday_name(day)
        return ""

    def open_intervals(self, day: date) -> list[tuple[datetime, datetime]]:
        """The open periods of a day as aware datetimes, in order."""
        exc = self.exceptions.get(day)
        if exc is not None:
            if exc.is_closed:
                return []
            return [(local_datetime(day, exc.opens), _end_of(day, exc.closes))]
        if self.site.holidays_closed and is_public_holiday(day):
            return []
        intervals = sorted(
            (local_datetime(day, rule.opens), _end_of(day, rule.closes))
            for rule in self.rules
            if rule.applies_on(day)
        )
        merged: list[tuple[datetime, datetime]] = []
        for start, end in intervals:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def is_open_for(self, start: datetime, end: datetime) -> bool:
        """Is [start, end) inside one open period of the day it starts on?"""
        day = timezone.localtime(start).date()
        return any(opens <= start and end <= closes for opens, closes in self.open_intervals(day))

    def open_seconds(self, start: date, end: date) -> float:
        """Open time, in seconds, from the start day to the end day inclusive."""
        total = 0.0
        day = start
        while day <= end:
            total += sum((c - o).total_seconds() for o, c in self.open_intervals(day))
            day += timedelta(days=1)
        return total


# --- The week view -------------------------------------------------------------------


@dataclass
class Slot:
    start: datetime
    end: datetime
    state: str  # "free", "booked", "buffer", "closed" or "past"
    booking: Booking | None = None


@dataclass
class DayColumn:
    day: date
    slots: list
    closure_reason: str = ""
    is_holiday: bool = False


def room_week(room, start: date, days: int, *, now: datetime) -> list[DayColumn]:
    """Free, booked and closed slots of a room, day by day, in SLOT_MINUTES steps from
    the earliest opening to the latest closing in the range. Two queries in all."""
    end = start + timedelta(days=days - 1)
    hours = SiteHours.load(room.site, start, end)
    range_start = local_datetime(start, time(0, 0))
    range_end = local_datetime(end + timedelta(days=1), time(0, 0))
    bookings = list(
        Booking.objects.holding()
        .filter(room=room)
        .overlapping(range_start, range_end)
        .select_related("organisation")
    )
    open_by_day = {start + timedelta(days=i): None for i in range(days)}
    for day in open_by_day:
        open_by_day[day] = hours.open_intervals(day)
    all_open = [iv for ivs in open_by_day.values() for iv in ivs]
    if all_open:
        first = min(timezone.localtime(o).time() for o, _ in all_open)
        last = max((timezone.localtime(c) - timedelta(microseconds=1)).time() for _, c in all_open)
    else:
        first, last = time(8, 0), time(16, 0)
    first_minutes = (first.hour * 60 + first.minute) // SLOT_MINUTES * SLOT_MINUTES
    last_minutes = last.hour * 60 + last.minute + 1
    columns = []
    for day, intervals in open_by_day.items():
        slots = []
        minute = first_minutes
        while minute < last_minutes:
            slot_start = local_datetime(day, time(minute // 60, minute % 60))
            slot_end = slot_start + timedelta(minutes=SLOT_MINUTES)
            booking = next(
                (b for b in bookings if b.start < slot_end and b.held_until > slot_start), None
            )
            is_open = any(o <= slot_start and slot_end <= c for o, c in intervals)
            if booking is not None and booking.end > slot_start:
                state = "booked"
            elif booking is not None:
                state = "buffer"  # cleaning and setting up after a booking
            elif not is_open:
                state = "closed"
            elif slot_start < now:
                state = "past"
            else:
                state = "free"
            slots.append(Slot(slot_start, slot_end, state, booking))
            minute += SLOT_MINUTES
        columns.append(
            DayColumn(
                day=day,
                slots=slots,
                closure_reason=hours.closure_reason(day),
                is_holiday=is_public_holiday(day),
            )
        )
    return columns


def free_periods(room, start: date, days: int, *, now: datetime) -> dict[date, list]:
    """{day: [(start, end), …]} of bookable time: open, not held by a booking (buffers
    included) and not past. For the availability API."""
    end = start + timedelta(days=days - 1)
    hours = SiteHours.load(room.site, start, end)
    range_start = local_datetime(start, time(0, 0))
    range_end = local_datetime(end + timedelta(days=1), time(0, 0))
    held = sorted(
        Booking.objects.holding()
        .filter(room=room)
        .overlapping(range_start, range_end)
        .values_list("start", "held_until")
    )
    result = defaultdict(list)
    for i in range(days):
        day = start + timedelta(days=i)
        result[day] = []
        for opens, closes in hours.open_intervals(day):
            cursor = max(opens, now)
            for held_start, held_end in held:
                if held_end <= cursor or held_start >= closes:
                    continue
                if held_start > cursor:
                    result[day].append((cursor, held_start))
                cursor = max(cursor, held_end)
            if cursor < closes:
                result[day].append((cursor, closes))
    return dict(result)

"""What the API tests share besides fixtures: addresses, times and a request body."""

from datetime import date

from core import clock
from tests.factories.facilities import at, next_weekday

ROOMS = "/api/v1/rooms/"
BOOKINGS = "/api/v1/bookings/"
TIME_TAKEN = "Tila on jo varattu tuohon aikaan. Valitse toinen aika tai tila."


def working_tuesday(weeks=1) -> date:
    """A Tuesday at least ``weeks`` weeks ahead on which the site is open 8–20."""
    return next_weekday(1, weeks=weeks)


def iso(day, hour, minute=0):
    return at(day, hour, minute).isoformat()


def next_independence_day() -> date:
    today = clock.today()
    day = date(today.year, 12, 6)
    return day if day >= today else date(today.year + 1, 12, 6)


def payload(room, org, start, end, **extra):
    return {
        "room": room.pk,
        "organisation": org.pk,
        "start": start,
        "end": end,
        "purpose": "Hallituksen kokous",
        "attendees": 6,
        **extra,
    }

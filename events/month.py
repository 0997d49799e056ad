"""The month view's grid: the weeks of a month (from the Monday before its first day to
the Sunday after its last), and on each day the first events that are on during it.

An event is on a local day (Europe/Helsinki) from the day it starts to the day it ends
(one longer than ``LONG`` only on its first day shown, with its last day said):
an event that ends exactly at midnight is not on the day that midnight begins, so a
date-only event (stored from local midnight of its first day to local midnight after
its last) is on its own dates only. An event that started before a day and goes on
during it is marked ``continues`` there; so is one that started before the grid.

The days are chosen in the database, in one query whatever the number of events or
days, and then the chosen events are read with their details: every day returns at
most ``limit + 1`` rows (the extra one only says that there are more)."""

import calendar as pycalendar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from core.links import for_each_pk
from core.templatetags.translated import translated

from .filters import day_start
from .models import Event

# An event longer than this (an exhibition, a course of a season) is shown on its first
# day in the month only, with its last day, instead of filling every day's cell.
LONG = timedelta(days=7)


@dataclass
class DayEntry:
    event: Event
    continues: bool  # started on an earlier day
    # What the page prints, set by ``present``: the link, the start time, the name, the
    # last day of a long event and a status other than scheduled.
    url: str = ""
    time: str = ""
    name: str = ""
    until: str = ""
    status: str = ""

    @property
    def long(self) -> bool:
        return self.event.end is not None and self.event.end - self.event.start > LONG


@dataclass
class Day:
    date: date
    in_month: bool
    events: list[DayEntry] = field(default_factory=list)
    more: bool = False
    # Set by ``present``: the list of the day's events and the date as the page says it.
    list_url: str = ""
    iso: str = ""
    heading: str = ""
    full: str = ""
    short: str = ""


def grid_dates(first: date) -> list[list[date]]:
    """The weeks shown for the month of ``first``, Monday first."""
    return pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)


def grid_range(first: date) -> tuple[datetime, datetime]:
    """The grid as [start, end) in aware datetimes."""
    weeks = grid_dates(first)
    return day_start(weeks[0][0]), day_start(weeks[-1][-1] + timedelta(days=1))


# For each day, the first events on during it. The candidates are the filtered events
# that overlap the grid; each is spread over the days from the one it starts on (or
# the first) to the one it ends on, found by bisecting the days' local midnights
# (width_bucket), so the work grows with the days events are on, not with events
# times days. An end at midnight belongs to the day before: hence the microsecond.
_FIRST_BY_DAY = """
WITH candidate AS MATERIALIZED ({candidates}),
bounds (lows) AS (SELECT %s::timestamptz[]),
spans AS MATERIALIZED (
    SELECT
        c.event_id,
        c.starts,
        width_bucket(c.starts, b.lows) AS first_day,
        CASE WHEN c.ends - c.starts > %s THEN greatest(width_bucket(c.starts, b.lows), 1)
        ELSE greatest(
            width_bucket(c.starts, b.lows),
            width_bucket(c.ends - interval '1 microsecond', b.lows)
        ) END AS last_day
    FROM candidate c CROSS JOIN bounds b
)
SELECT day, event_id, continues FROM (
    SELECT
        day,
        s.event_id,
        s.first_day < day AS continues,
        row_number() OVER (PARTITION BY day ORDER BY s.starts, s.event_id) AS number
    FROM spans s
    JOIN generate_series(1, %s) AS day ON day BETWEEN s.first_day AND s.last_day
) AS ranked
WHERE number <= %s
ORDER BY day, number
"""


def first_events_by_day(
    queryset: QuerySet, days: list[date], limit: int
) -> dict[date, list[tuple[int, bool]]]:
    """For each of ``days`` (consecutive), the ids of up to ``limit`` events of
    ``queryset`` on during it, first by start time, with whether each continues from
    an earlier day."""
    if not days:
        return {}
    lows = [day_start(day) for day in days]
    high = day_start(days[-1] + timedelta(days=1))
    # The overlap of the whole range, in the form the (start, end) indexes serve; an
    # event of no length at the very start of the range is on that day too.
    candidates = (
        queryset.filter(start__lt=high, end__gte=lows[0])
        .order_by()
        .values(event_id=F("pk"), starts=F("start"), ends=F("end"))
    )
    try:
        sql, params = candidates.query.sql_with_params()
    except EmptyResultSet:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            _FIRST_BY_DAY.format(candidates=sql), (*params, lows, LONG, len(days), limit)
        )
        rows = cursor.fetchall()
    by_day: dict[date, list[tuple[int, bool]]] = {}
    for number, pk, continues in rows:
        by_day.setdefault(days[number - 1], []).append((pk, continues))
    return by_day


def month_grid(queryset: QuerySet, first: date, limit: int) -> list[list[Day]]:
    """The weeks of the month of ``first``, each day with its first ``limit`` events of
    ``queryset`` (and ``more`` when there are others), in two queries and the ones
    ``queryset`` prefetches."""
    weeks = grid_dates(first)
    days = [day for week in weeks for day in week]
    by_day = first_events_by_day(queryset, days, limit + 1)
    wanted = {pk for entries in by_day.values() for pk, _continues in entries[:limit]}
    events = queryset.in_bulk(wanted) if wanted else {}
    grid = []
    for week in weeks:
        row = []
        for day in week:
            entries = by_day.get(day, [])
            row.append(
                Day(
                    date=day,
                    in_month=day.month == first.month,
                    events=[
                        DayEntry(events[pk], continues)
                        for pk, continues in entries[:limit]
                        if pk in events
                    ],
                    more=len(entries) > limit,
                )
            )
        grid.append(row)
    return grid


def present(weeks: list[list[Day]]) -> None:
    """Each day's and entry's text and links, computed once: the page shows every day
    twice (a list on phones, the table on wide screens), and a URL reversed and a date
    formatted in the template for each took most of the page's time."""
    list_path = reverse("events:list")
    detail = for_each_pk(lambda pk: reverse("events:detail", args=[pk]))
    for week in weeks:
        for day in week:
            day.iso = day.date.isoformat()
            day.list_url = f"{list_path}?start={day.iso}&end={day.iso}"
            day.heading = dateformat.format(day.date, "l j.n.")
            day.full = dateformat.format(day.date, "l j.n.Y")
            day.short = dateformat.format(day.date, "j.n.Y")
            for entry in day.events:
                event = entry.event
                entry.url = detail(event.pk)
                if not entry.continues and not event.all_day:
                    entry.time = dateformat.format(timezone.localtime(event.start), "H.i")
                entry.name = translated(event, "name")
                if entry.long:
                    last = dateformat.format(event.last_day, "j.n.")
                    entry.until = _("until %(last)s") % {"last": last}
                if event.status != Event.Status.SCHEDULED:
                    entry.status = event.get_status_display()

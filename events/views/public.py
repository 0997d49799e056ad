"""The public calendar: the list with filters, the month view, an event's page with
schema.org JSON-LD and its "add to calendar" file, and the feeds (.ics, RSS, Atom) that
honour the list's filters."""

import calendar as pycalendar
import json
from datetime import date, timedelta

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core import clock, pagecache
from core.pagination import capped_count, paginate
from events import ics, selectors
from events.cards import present_cards
from events.feeds import calendar_title, filter_errors_response, set_last_modified
from events.jsonld import event_jsonld, opengraph
from events.month import month_grid, present
from events.selectors import filtered_events

PAGE_SIZE = 20
COUNT_CAP = 1000  # the list says "more than 1,000 events found" past this
FEED_SIZE = 1000  # the most events one feed holds
DAY_LIMIT = 3  # events shown in one day of the month view
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@require_safe
@pagecache.public_page("events")
def event_list(request):
    filterset, events = filtered_events(request)
    # A series shows once, with its next dates, not a row for each date.
    rows = selectors.collapse_series(events)
    # The count stops past the cap: an exact one for a common word read every upcoming
    # event. Paging goes as far as the cap.
    found = capped_count(rows, COUNT_CAP)
    paging = paginate(request, rows, PAGE_SIZE, count=min(found, COUNT_CAP))
    events = list(paging["page_obj"].object_list)
    series = selectors.series_next_dates(events)
    for event in events:
        event.series_dates, event.series_more = series.get(event.pk, ((), 0))
    present_cards(events)
    # The month view is its own time range: the list's quick choice of days would
    # leave most of the month empty, so the link to it leaves that choice out.
    month_query = request.GET.copy()
    for name in ("when", "page"):
        month_query.pop(name, None)
    return render(
        request,
        "events/event_list.html",
        {
            "form": filterset.form,
            "is_filtered": filterset.is_filtered,
            **paging,
            "events": events,
            "count_cap": COUNT_CAP if found > COUNT_CAP else None,
            "query": request.GET.urlencode(),
            "month_query": month_query.urlencode(),
        },
    )


def _month(value: str | None, start: str | None = None) -> date:
    """The month asked for, else that of the ``start`` filter, else this one."""
    today = clock.today()
    try:
        if not value and start:
            first = date.fromisoformat(start).replace(day=1)
            return first if 2000 <= first.year <= 2100 else today.replace(day=1)
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


@require_safe
@pagecache.public_page("events")
def event_calendar(request):
    """A month as a table of weeks; each day lists its first events by start time and
    links to the list of the whole day. An event is shown on every day it is on, marked
    on the days after its first (events/month.py). The list's quick choice of days
    ("when") is not a filter here: the month is the range."""
    first = _month(request.GET.get("month"), request.GET.get("start"))
    if not (2000 <= first.year <= 2100):
        raise Http404
    days_in_month = pycalendar.monthrange(first.year, first.month)[1]
    after = first + timedelta(days=days_in_month)
    data = request.GET.copy()
    data.pop("when", None)
    filterset, events = filtered_events(request, upcoming_by_default=False, data=data)
    weeks = month_grid(events, first, DAY_LIMIT)
    present(weeks)
    previous = (first - timedelta(days=1)).replace(day=1)
    query = data.copy()
    query.pop("month", None)
    return render(
        request,
        "events/event_calendar.html",
        {
            "form": filterset.form,
            "month": first,
            "weeks": weeks,
            "has_events": any(day.events for week in weeks for day in week if day.in_month),
            "previous": previous.strftime("%Y-%m"),
            "next": after.strftime("%Y-%m"),
            "today": clock.today(),
            "query": query.urlencode(),
            "weekdays": [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
        },
    )


@require_safe
def event_detail(request, pk):
    event = get_object_or_404(selectors.public_events(), pk=pk)
    sub_events = list(
        selectors.public_events().filter(super_event=event).upcoming(clock.now())[:50]
    )
    # Where a course is, when none of its sessions is still to come: its last sessions.
    sessions = sub_events or list(
        selectors.public_events().filter(super_event=event).order_by("-start")[:50]
    )
    data = event_jsonld(event, request, sub_events=sub_events, sessions=sessions)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "keywords": list(event.keywords.all()),
            "sub_events": sub_events,
            "opengraph": opengraph(event),
            "jsonld": mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)),
        },
    )


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def event_ics(request, pk):
    event = get_object_or_404(selectors.public_events(), pk=pk)
    if event.start is None:
        raise Http404
    return _ics_response(ics.calendar([event]), f"event-{event.pk}.ics")


@require_safe
@pagecache.public_page("events")
def feed_ics(request):
    """The calendar as a subscribable feed, with the list's filters; filters it cannot
    read answer 400 as in the API."""
    filterset, events = filtered_events(request)
    if filterset.errors:
        return filter_errors_response(filterset)
    items = ics.feed_items(events.without_super_events(), FEED_SIZE)
    response = _ics_response(ics.calendar(items, name=calendar_title()), "events.ics")
    set_last_modified(response, selectors.calendar_last_modified())
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    return response

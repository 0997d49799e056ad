"""Public pages of rooms: the list and each room's week view. Who booked is shown only
to staff and to the organisation's own representatives."""

from datetime import date, timedelta

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from core import clock, pagecache
from facilities import selectors
from facilities.availability import room_week


def room_list(request):
    rooms = selectors.public_rooms().order_by("site__name_fi", "kind", "name_fi")
    return render(request, "facilities/room_list.html", {"rooms": rooms})


def _chosen_day(request) -> date:
    """The day asked for (?paiva=YYYY-MM-DD, the phone's day at a time), or the day of
    the week asked for (?viikko=YYYY-MM-DD), or today; kept within a sensible range so
    crawlers cannot page forever."""
    today = clock.today()
    day = None
    for name in ("paiva", "viikko"):
        try:
            day = date.fromisoformat(request.GET.get(name, ""))
            break
        except ValueError:
            continue
    day = day or today
    return min(max(day, today - timedelta(days=366)), today + timedelta(days=731))


def _week_start(request) -> date:
    """The Monday of the week asked for, or of this week."""
    day = _chosen_day(request)
    return day - timedelta(days=day.weekday())


@pagecache.public_page("rooms")
def room_detail(request, pk):
    room = get_object_or_404(selectors.public_rooms(), pk=pk)
    monday = _week_start(request)
    chosen = _chosen_day(request)
    if "paiva" not in request.GET and not monday <= clock.today() <= monday + timedelta(days=6):
        chosen = monday  # a week asked for shows its Monday first on a phone
    now = clock.now()
    columns = room_week(room, monday, 7, now=now)
    own = selectors.represented_organisation_ids(request.user)
    show_all = request.user.is_authenticated and request.user.is_staff
    for column in columns:
        for slot in column.slots:
            slot.visible = slot.booking is not None and (
                show_all or slot.booking.organisation_id in own
            )
    rows = [
        {"time": timezone.localtime(columns[0].slots[i].start).time(), "cells": cells}
        for i, cells in enumerate(zip(*(c.slots for c in columns), strict=True))
    ]
    return render(
        request,
        "facilities/room_detail.html",
        {
            "room": room,
            "columns": columns,
            "rows": rows,
            "monday": monday,
            "sunday": monday + timedelta(days=6),
            "previous_week": monday - timedelta(days=7),
            "next_week": monday + timedelta(days=7),
            "today": clock.today(),
            "day": next(column for column in columns if column.day == chosen),
            "previous_day": chosen - timedelta(days=1),
            "next_day": chosen + timedelta(days=1),
            "this_week": clock.today() - timedelta(days=clock.today().weekday()),
            "can_book": request.user.is_authenticated and (show_all or bool(own)),
        },
    )

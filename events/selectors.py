"""Reads of the calendar that apply permissions or span relations. Every queryset that
leaves here is scoped to the user it was asked for: another organisation's event is
not in it, so views answer 404."""

from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, Window
from django.db.models.functions import RowNumber

from core import clock
from core.access import is_staff
from organisations.models import Representative

from .filters import EventFilter
from .models import Event, Keyword


def with_details(queryset):
    """Everything a list item, detail page, feed entry or API item shows, in a constant
    number of queries."""
    return (
        queryset.select_related(
            "organisation",
            "place__municipality",
            "room__site__municipality",
            "super_event",
        )
        # The search document is the widest column and only the database reads it.
        .defer("search_vector", "super_event__search_vector")
        .prefetch_related(Prefetch("keywords", queryset=Keyword.objects.order_by("name_fi", "pk")))
    )


def public_events():
    """Published events that are not deleted, with their details."""
    return with_details(Event.objects.public())


def filtered_events(request, *, upcoming_by_default=True, data=None):
    """The public events the request's filters choose (or those of ``data`` in place
    of the query string), and the filterset. Without any date filter, only events that
    are not over yet: the calendar list, the feeds and the API agree on this rule
    because they all ask here."""
    data = request.GET if data is None else data
    filterset = EventFilter(data, queryset=public_events(), request=request)
    if not filterset.is_valid():
        return filterset, filterset.qs.none()
    queryset = filterset.qs
    data = filterset.form.cleaned_data
    if upcoming_by_default and not (data.get("when") or data.get("start") or data.get("end")):
        queryset = queryset.upcoming(clock.now())
    return filterset, queryset


def collapse_series(events):
    """The rows of the calendar list: a date of a series whose series is among the same
    results is left out, so that the series shows once (with its next dates, see
    ``series_next_dates``). The feeds and the API list the dates themselves.

    The series is looked up by its id for each date (``OR pk = 0``, an id no row has,
    keeps it so): correlated by that one equality alone, PostgreSQL 18 turns the
    EXISTS into a hashed set of every event the filters choose, built before the first
    row; for a common search word, tens of thousands of upcoming events each checked
    against the word (EXPLAIN ANALYZE of the count for ``kuoro``: 512 → 104 ms)."""
    listed = events.filter(Q(pk=OuterRef("super_event_id")) | Q(pk=0))
    # The same for ``has_dates``: hashed, it read all published events first (68 ms).
    dates = Event.objects.public().filter(Q(super_event=OuterRef("pk")) | Q(pk=0))
    return events.exclude(Q(super_event__isnull=False) & Exists(listed)).annotate(
        has_dates=Exists(dates)
    )


def series_next_dates(events, *, shown: int = 3) -> dict:
    """For the series among ``events``: {series pk: (its next ``shown`` published
    dates, how many more there are)}. One query for a page of any size."""
    ids = [event.pk for event in events if getattr(event, "has_dates", True)]
    if not ids:
        return {}
    partition = {"partition_by": F("super_event_id")}
    dates = (
        Event.objects.public()
        .filter(super_event_id__in=ids)
        .upcoming(clock.now())
        .annotate(
            number=Window(RowNumber(), order_by=(F("start").asc(), F("pk").asc()), **partition),
            count=Window(Count("pk"), **partition),
        )
        .filter(number__lte=shown)
        .only("pk", "super_event_id", "start", "end", "all_day")
        .order_by("super_event_id", "start", "pk")
    )
    found = {}
    for date in dates:
        found.setdefault(date.super_event_id, ([], date.count - shown))
        found[date.super_event_id][0].append(date)
    return {pk: (shown_dates, max(more, 0)) for pk, (shown_dates, more) in found.items()}


def calendar_last_modified():
    """The latest change of any event (deleted ones and drafts too), or None: the
    ``Last-Modified`` of a list or feed, which a removal from it must also move. One
    read of the ``last_modified`` index."""
    return Event._base_manager.aggregate(latest=Max("last_modified"))["latest"]


def events_for_user(user):
    """The events of the organisations the person represents (all events for staff),
    deleted ones left out."""
    events = Event.objects.alive().select_related("organisation", "room", "place", "booking")
    if is_staff(user):
        return events
    if not (user and user.is_authenticated):
        return events.none()
    represented = Representative.objects.approved().filter(user=user).values("organisation_id")
    return events.filter(organisation_id__in=represented)


def event_previews(user):
    """The events whose page the person may see before it is published: all for staff,
    their organisations' for representatives."""
    return with_details(events_for_user(user))


def moderation_queue():
    """Submitted events waiting for the staff, oldest first."""
    return (
        with_details(Event.objects.submitted())
        .select_related("created_by", "booking")
        .order_by("last_modified", "pk")
    )

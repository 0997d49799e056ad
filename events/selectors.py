"""Reads of the calendar that apply permissions or span relations. Every queryset that
leaves here is scoped to the user it was asked for: another organisation's event is
not in it, so views answer 404."""

from django.db.models import Max, Prefetch

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
        .prefetch_related(Prefetch("keywords", queryset=Keyword.objects.order_by("name_fi")))
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


def moderation_queue():
    """Submitted events waiting for the staff, oldest first."""
    return (
        with_details(Event.objects.submitted())
        .select_related("created_by", "booking")
        .order_by("last_modified", "pk")
    )

"""Linked Events' event parameters over the calendar's own querying: the same published
events and details (``events.api.api_queryset``), the same time window rule
(``EventQuerySet.overlapping``), the same search (``events.search``) and the same date
limits (``core.dates``) as /api/v1/events/. An unknown parameter, or a value this node
does not support, is a 400 naming it; nothing is silently ignored."""

from datetime import timedelta

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from core import clock, dates
from events.api import api_queryset
from events.filters import parse_moment
from events.models import Event, EventLanguage, Keyword
from events.search import search_events
from organisations.models import Municipality

from . import ids

PARAMETERS = {
    "start", "end", "days", "text", "keyword", "keyword_AND", "location", "division",
    "is_free", "language", "in_language", "super_event", "super_event_type",
    "event_status", "hide_recurring_children", "last_modified_since", "publisher",
    "sort", "ids", "page", "page_size", "include", "format",
}  # fmt: skip
SORTS = {
    "start_time": "start",
    "end_time": "end",
    "last_modified_time": "last_modified",
    "days_left": "end",
}
STATUSES = {
    "EventScheduled": [Event.Status.SCHEDULED],
    "EventRescheduled": [],
    "EventCancelled": [Event.Status.CANCELLED],
    "EventPostponed": [Event.Status.POSTPONED],
}
INCLUDES = {"location", "keywords", "in_language"}
BOOLEANS = {"true": True, "false": False}


class ParameterError(Exception):
    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors


def _list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def includes(params) -> set[str]:
    return set(_list(params.get("include", "")))


def events_for(params):
    """The events the parameters choose, in their order, or ParameterError."""
    errors: dict[str, list[str]] = {}

    def refuse(name, message):
        errors.setdefault(name, []).append(str(message))

    for name in params:
        if name not in PARAMETERS:
            refuse(name, _("Unknown parameter."))
    for name in PARAMETERS:
        if len(params.getlist(name)) > 1:
            refuse(name, _("Give this parameter once."))
    get = {name: params.get(name, "") for name in PARAMETERS}
    for name, value in get.items():
        if "\x00" in value or len(value) > 2000:
            refuse(name, _("Enter a valid value."))
    if errors:
        raise ParameterError(errors)

    since = get["last_modified_since"].strip()
    events = api_queryset(include_deleted=bool(since))
    if since:
        try:
            moment = parse_moment(since, end=False)
            events = events.filter(last_modified__gte=moment)
        except forms.ValidationError as error:
            refuse("last_modified_since", error.messages[0])

    start = end = None
    for name in ("start", "end"):
        try:
            value = parse_moment(get[name], end=name == "end")
        except forms.ValidationError as error:
            refuse(name, error.messages[0])
            continue
        if name == "start":
            start = value
        else:
            end = value
    if get["days"]:
        if get["start"] or get["end"]:
            refuse("days", _("Give either days or start and end, not both."))
        elif not get["days"].isdigit() or not 1 <= int(get["days"]) <= 3650:
            refuse("days", _("Give a number of days from 1 to 3650."))
        else:
            start = clock.now()
            end = dates.sane_moment(start + timedelta(days=int(get["days"])))
    if start is not None and end is not None and end <= start:
        refuse("end", _("The end must be after the start."))
    if start is not None or end is not None:
        events = events.overlapping(start, end)
    elif not since and not get["ids"] and not get["super_event"]:
        events = events.upcoming(clock.now())  # as the API: not over yet by default

    if get["text"]:
        events = search_events(events, get["text"][:200])

    through = Event.keywords.through
    for name in ("keyword", "keyword_AND"):
        codes = [ids.keyword_code(value) for value in _list(get[name])]
        if not codes:
            continue
        known = set(Keyword.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [code for code in codes if code not in known]
        if unknown:
            refuse(name, _("Unknown keyword: %(ids)s") % {"ids": ", ".join(unknown)})
        elif name == "keyword":
            events = events.filter(
                Exists(through.objects.filter(event_id=OuterRef("pk"), keyword__code__in=codes))
            )
        else:
            for code in codes:
                events = events.filter(
                    Exists(through.objects.filter(event_id=OuterRef("pk"), keyword__code=code))
                )

    if get["location"]:
        places = Q(pk__in=[])
        for value in _list(get["location"]):
            parsed = ids.parse_place_id(value)
            if parsed is None:
                refuse("location", _("Unknown place: %(id)s") % {"id": value})
                continue
            kind, pk = parsed
            if kind == "online":
                places |= Q(room__isnull=True, place__isnull=True)
            else:
                places |= Q(**{f"{kind}_id": pk})
        events = events.filter(places)

    if get["division"]:
        wanted = set()
        by_ocd = {ids.division_id(m): m.pk for m in Municipality.objects.all()}
        by_name = {
            name.lower(): m.pk
            for m in Municipality.objects.all()
            for name in (m.name_fi, m.name_sv, m.name_en, m.code)
            if name
        }
        for value in _list(get["division"]):
            pk = by_ocd.get(value.lower()) or by_name.get(value.lower())
            if pk is None:
                refuse("division", _("Unknown division: %(id)s") % {"id": value})
            wanted.add(pk)
        events = events.filter(
            Q(place__municipality__in=wanted) | Q(room__site__municipality__in=wanted)
        )

    for name, field in (("is_free", "is_free"), ("hide_recurring_children", None)):
        value = get[name].lower()
        if not value:
            continue
        if value not in BOOLEANS:
            refuse(name, _("Give true or false."))
        elif field:
            events = events.filter(is_free=BOOLEANS[value])
        elif BOOLEANS[value]:
            events = events.filter(super_event__isnull=True)

    if get["language"]:
        condition = Q(pk__in=[])
        for code in _list(get["language"]):
            if code not in ("fi", "sv", "en"):
                refuse("language", _("Give fi, sv or en."))
            else:
                condition |= ~Q(**{f"name_{code}": ""}) & Q(**{f"name_{code}__isnull": False})
        events = events.filter(condition)
    if get["in_language"]:
        codes = _list(get["in_language"])
        if set(codes) - set(EventLanguage.values):
            refuse("in_language", _("Unknown language."))
        events = events.filter(languages__overlap=codes)

    if get["super_event"]:
        if get["super_event"] == "none":
            events = events.filter(super_event__isnull=True)
        else:
            pks = [ids.event_pk(value) for value in _list(get["super_event"])]
            if None in pks:
                refuse("super_event", _("Unknown event."))
            events = events.filter(super_event_id__in=[pk for pk in pks if pk])
    if get["super_event_type"]:
        kinds = set(_list(get["super_event_type"]))
        if kinds - {"recurring", "umbrella", "none"}:
            refuse("super_event_type", _("Give recurring, umbrella or none."))
        condition = Q(pk__in=[])
        if "recurring" in kinds:
            condition |= Q(pk__in=Event.objects.only_super_events().values("pk"))
        if "none" in kinds:
            condition |= ~Q(pk__in=Event.objects.only_super_events().values("pk"))
        events = events.filter(condition)  # no umbrellas here: their filter matches none

    if get["event_status"]:
        statuses = []
        for value in _list(get["event_status"]):
            if value not in STATUSES:
                refuse("event_status", _("Unknown event status: %(id)s") % {"id": value})
            statuses += STATUSES.get(value, [])
        events = events.filter(status__in=statuses)

    if get["publisher"]:
        condition = Q(pk__in=[])
        for value in _list(get["publisher"]):
            organisation = ids.parse_publisher(value)
            if organisation is False:
                refuse("publisher", _("Unknown publisher: %(id)s") % {"id": value})
            elif organisation is None:
                condition |= Q(organisation__isnull=True)
            else:
                condition |= Q(organisation_id=organisation)
        events = events.filter(condition)

    if get["ids"]:
        pks = [ids.event_pk(value) for value in _list(get["ids"])]
        if None in pks:
            refuse("ids", _("Unknown event."))
        events = events.filter(pk__in=[pk for pk in pks if pk])

    if set(_list(get["include"])) - INCLUDES:
        refuse("include", _("Give location, keywords or in_language."))
    if get["format"] and get["format"] != "json":
        refuse("format", _("Only json is served."))

    order = ["start", "pk"]
    if since:
        order = ["last_modified", "pk"]
    if get["sort"]:
        sort = get["sort"]
        field = SORTS.get(sort.removeprefix("-"))
        if field is None:
            refuse("sort", _("Give start_time, end_time, last_modified_time or days_left."))
        else:
            descending = sort.startswith("-")
            order = [f"-{field}" if descending else field, "-pk" if descending else "pk"]
    if errors:
        raise ParameterError(errors)
    return events.order_by(*order)

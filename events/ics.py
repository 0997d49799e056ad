"""iCalendar (RFC 5545) of public events: the calendar feed and the "add to calendar"
file of one event.

Times are given in Europe/Helsinki with the VTIMEZONE included, so that calendar apps
show the local time the organiser meant; date-only events are VALUE=DATE. The UID is
the event's id at our domain and never changes; DTSTAMP and LAST-MODIFIED are the
event's last change, so the same state gives the same bytes on every poll. Events whose
new time is not known yet (postponed, no time) are left out: a VEVENT in a published
calendar needs a DTSTART."""

import functools
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db.models import CharField, ExpressionWrapper
from django.urls import reverse
from django.utils import timezone
from icalendar import Timezone

from core.i18n import localized
from core.links import absolute_url, for_each_pk

from .models import Event

PRODID = "-//Yhteisokeskus//Event calendar//EN"
STATUS = {
    Event.Status.SCHEDULED: "CONFIRMED",
    Event.Status.CANCELLED: "CANCELLED",
    Event.Status.POSTPONED: "TENTATIVE",
}


def event_url(event) -> str:
    return absolute_url(reverse("events:detail", args=[event.pk]))


def uid(event) -> str:
    domain = getattr(settings, "ICAL_UID_DOMAIN", "yhteisokeskus")
    return f"event-{event.pk}@{domain}"


def location_text(event: Event) -> str:
    if event.room_id:
        site = event.room.site
        return f"{event.room.name}, {site.name}, {site.street_address}, {site.postal_code} {site.post_office}"
    if event.place_id:
        return ", ".join(p for p in (event.place.name, event.place.address) if p)
    return event.online_url


@dataclass(frozen=True)
class Item:
    """What a VEVENT shows of an event, in the active language."""

    pk: int
    name: str
    short_description: str
    description: str
    all_day: bool
    start: datetime
    end: datetime
    created_at: datetime
    last_modified: datetime
    status: str
    organiser: str
    location: str
    keywords: tuple[str, ...]

    @classmethod
    def placeholder(cls, pk: int) -> "Item":
        """An item of only an id, for the URL pattern of the feed's events."""
        return cls(pk, *[None] * 12)

    @classmethod
    def of(cls, event: Event) -> "Item":
        return cls(
            event.pk,
            event.name,
            event.short_description,
            event.description,
            event.all_day,
            event.start,
            event.end,
            event.created_at,
            event.last_modified,
            event.status,
            event.organiser_display,
            location_text(event),
            tuple(keyword.name for keyword in event.keywords.all()),
        )


def _localized(field: str):
    return ExpressionWrapper(localized(field), output_field=CharField())


def feed_items(events, limit: int) -> list[Item]:
    """The first ``limit`` events of the queryset (postponed ones without a time left
    out) as Items, in two queries. A feed holds up to a thousand events; as model
    instances with their organiser, place and room, building them took most of the
    feed's time."""
    rows = list(
        events.filter(start__isnull=False)
        .select_related(None)
        .prefetch_related(None)
        .annotate(
            i_name=_localized("name"),
            i_short=_localized("short_description"),
            i_description=_localized("description"),
            i_organisation=_localized("organisation__name"),
            i_room=_localized("room__name"),
            i_site=_localized("room__site__name"),
            i_place=_localized("place__name"),
        )
        .values_list(
            "pk",
            "i_name",
            "i_short",
            "i_description",
            "all_day",
            "start",
            "end",
            "created_at",
            "last_modified",
            "status",
            "i_organisation",
            "organiser_name",
            "i_room",
            "i_site",
            "room__site__street_address",
            "room__site__postal_code",
            "room__site__post_office",
            "i_place",
            "place__street_address",
            "place__postal_code",
            "place__post_office",
            "online_url",
        )[:limit]
    )
    keywords = defaultdict(list)
    links = Event.keywords.through.objects.filter(event_id__in=[row[0] for row in rows])
    for event_id, keyword in links.order_by("keyword__name_fi").values_list(
        "event_id", _localized("keyword__name")
    ):
        keywords[event_id].append(keyword)
    return [_item(row, keywords[row[0]]) for row in rows]


def _item(row, keywords) -> Item:
    (pk, name, short, description, all_day, start, end, created, modified, status) = row[:10]
    organisation, organiser_name, room, site, street, postal, post = row[10:17]
    place, place_street, place_postal, place_post, online_url = row[17:]
    if room is not None:
        location = f"{room}, {site}, {street}, {postal} {post}"
    elif place is not None:
        town = " ".join(p for p in (place_postal, place_post) if p)
        address = ", ".join(p for p in (place_street, town) if p)
        location = ", ".join(p for p in (place, address) if p)
    else:
        location = online_url
    organiser = organisation if organisation is not None else organiser_name
    return Item(
        pk, name or "", short or "", description or "", all_day, start, end, created,
        modified, status, organiser or "", location, tuple(keywords),
    )  # fmt: skip


def vevent(event: Item, url: str) -> list[str]:
    """One VEVENT's content lines; ``url`` is the event's page."""
    description = "\n\n".join(p for p in (event.short_description, event.description) if p)
    lines = [
        "BEGIN:VEVENT",
        "UID:" + uid(event),
        "DTSTAMP:" + _utc(event.last_modified),
        "LAST-MODIFIED:" + _utc(event.last_modified),
        "CREATED:" + _utc(event.created_at),
    ]
    if event.all_day:
        first = timezone.localtime(event.start).date()
        last = max(timezone.localtime(event.end).date(), first + timedelta(days=1))
        lines += [f"DTSTART;VALUE=DATE:{first:%Y%m%d}", f"DTEND;VALUE=DATE:{last:%Y%m%d}"]
    else:
        lines.append(f"DTSTART;TZID={settings.TIME_ZONE}:{_local(event.start)}")
        # RFC 5545 3.6.1: DTEND is after DTSTART; an instant has none (and no DURATION).
        if event.end > event.start:
            lines.append(f"DTEND;TZID={settings.TIME_ZONE}:{_local(event.end)}")
    lines += [
        "SUMMARY:" + _text(event.name),
        "DESCRIPTION:" + _text(f"{description}\n\n{url}".strip()),
        "LOCATION:" + _text(event.location),
        "URL:" + url,
        "STATUS:" + STATUS[event.status],
    ]
    if event.organiser:
        lines.append(f"ORGANIZER;CN={_param(event.organiser)}:mailto:{settings.CONTACT_EMAIL}")
    lines += ["CATEGORIES:" + _text(keyword) for keyword in event.keywords]
    lines.append("END:VEVENT")
    return lines


def calendar(events, *, name: str | None = None) -> bytes:
    """The calendar of Events or Items, written line by line: building a thousand
    events as icalendar objects took most of the feed's time."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:" + PRODID,
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if name:
        lines += [  # NAME is RFC 7986; the X- names are what older clients read.
            "NAME:" + _text(name),
            "X-WR-CALNAME:" + _text(name),
            "X-WR-TIMEZONE:" + settings.TIME_ZONE,
        ]
    parts = ["".join(_fold(line) for line in lines), _vtimezone(settings.TIME_ZONE)]
    # Always there, before the events, even in an empty feed.
    # One reverse() for the whole feed: a thousand of them took a third of its time.
    url_of = for_each_pk(lambda pk: event_url(Item.placeholder(pk)))
    for event in events:
        if event.start is not None:
            item = event if isinstance(event, Item) else Item.of(event)
            url = url_of(item.pk)
            parts.append("".join(_fold(line) for line in vevent(item, url)))
    parts.append("END:VCALENDAR\r\n")
    return "".join(parts).encode()


@functools.cache
def _vtimezone(tzid: str) -> str:
    """The VTIMEZONE block, built once by icalendar from the tz database."""
    return Timezone.from_tzid(tzid).to_ical().decode()


_TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n", "\r": ""})


def _text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped."""
    return (value or "").replace("\r\n", "\n").translate(_TEXT_ESCAPES)


def _param(value: str) -> str:
    """A quoted parameter value; a double quote cannot appear in one (3.2)."""
    return '"' + value.replace('"', "'").replace("\r", " ").replace("\n", " ") + '"'


def _utc(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y%m%dT%H%M%S")


def _fold(line: str) -> str:
    """The line with CRLF, folded at 75 octets (3.1) without splitting a character."""
    data = line.encode()
    if len(data) <= 75:
        return line + "\r\n"
    pieces, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # inside a UTF-8 sequence
            end -= 1
        pieces.append(data[start:end].decode())
        start, limit = end, 74  # continuation lines begin with a space
    return "\r\n ".join(pieces) + "\r\n"

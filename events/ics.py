"""iCalendar (RFC 5545) of public events: the calendar feed and the "add to calendar"
file of one event.

Times are given in Europe/Helsinki with the VTIMEZONE included, so that calendar apps
show the local time the organiser meant; date-only events are VALUE=DATE. The UID is
the event's id at our domain and never changes; DTSTAMP and LAST-MODIFIED are the
event's last change, so the same state gives the same bytes on every poll. Events whose
new time is not known yet (postponed, no time) are left out: a VEVENT in a published
calendar needs a DTSTART."""

import functools
from datetime import UTC, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Timezone

from .models import Event

PRODID = "-//Yhteisokeskus//Event calendar//EN"
STATUS = {
    Event.Status.SCHEDULED: "CONFIRMED",
    Event.Status.CANCELLED: "CANCELLED",
    Event.Status.POSTPONED: "TENTATIVE",
}


def event_url(event: Event) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("events:detail", args=[event.pk])


def uid(event: Event) -> str:
    domain = getattr(settings, "ICAL_UID_DOMAIN", "yhteisokeskus")
    return f"event-{event.pk}@{domain}"


def location_text(event: Event) -> str:
    if event.room_id:
        site = event.room.site
        return f"{event.room.name}, {site.name}, {site.street_address}, {site.postal_code} {site.post_office}"
    if event.place_id:
        return ", ".join(p for p in (event.place.name, event.place.address) if p)
    return event.online_url


def vevent(event: Event) -> list[str]:
    """One VEVENT's content lines, in the active language (texts fall back to Finnish)."""
    url = event_url(event)
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
        lines += [
            f"DTSTART;TZID={settings.TIME_ZONE}:{_local(event.start)}",
            f"DTEND;TZID={settings.TIME_ZONE}:{_local(event.end)}",
        ]
    lines += [
        "SUMMARY:" + _text(event.name),
        "DESCRIPTION:" + _text(f"{description}\n\n{url}".strip()),
        "LOCATION:" + _text(location_text(event)),
        "URL:" + url,
        "STATUS:" + STATUS[event.status],
    ]
    if event.organiser_display:
        lines.append(
            f"ORGANIZER;CN={_param(event.organiser_display)}:mailto:{settings.CONTACT_EMAIL}"
        )
    lines += ["CATEGORIES:" + _text(keyword.name) for keyword in event.keywords.all()]
    lines.append("END:VEVENT")
    return lines


def calendar(events, *, name: str | None = None) -> bytes:
    """The calendar, written line by line: a feed holds up to a thousand events, and
    building them as icalendar objects took most of the feed's time."""
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
    for event in events:
        if event.start is not None:
            parts.append("".join(_fold(line) for line in vevent(event)))
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

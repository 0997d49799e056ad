"""iCalendar (RFC 5545) of public events: the calendar feed and the "add to calendar"
file of one event.

Times are given in Europe/Helsinki with the VTIMEZONE included, so that calendar apps
show the local time the organiser meant; date-only events are VALUE=DATE. The UID is
the event's id at our domain and never changes; DTSTAMP and LAST-MODIFIED are the
event's last change, so the same state gives the same bytes on every poll. Events whose
new time is not known yet (postponed, no time) are left out: a VEVENT in a published
calendar needs a DTSTART."""

from datetime import UTC, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Timezone
from icalendar import Event as VEvent

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


def vevent(event: Event) -> VEvent:
    """One VEVENT in the active language (texts fall back to Finnish)."""
    item = VEvent()
    item.add("uid", uid(event))
    item.add("dtstamp", event.last_modified.astimezone(UTC))
    item.add("last-modified", event.last_modified.astimezone(UTC))
    item.add("created", event.created_at.astimezone(UTC))
    if event.all_day:
        first = timezone.localtime(event.start).date()
        last = timezone.localtime(event.end).date()
        item.add("dtstart", first)
        item.add("dtend", max(last, first + timedelta(days=1)))
    else:
        item.add("dtstart", timezone.localtime(event.start))
        item.add("dtend", timezone.localtime(event.end))
    item.add("summary", event.name)
    description = "\n\n".join(p for p in (event.short_description, event.description) if p)
    url = event_url(event)
    item.add("description", f"{description}\n\n{url}".strip())
    item.add("location", location_text(event))
    item.add("url", url)
    item.add("status", STATUS[event.status])
    if event.organiser_display:
        item.add(
            "organizer",
            f"mailto:{settings.CONTACT_EMAIL}",
            parameters={"CN": event.organiser_display},
        )
    for keyword in event.keywords.all():
        item.add("categories", keyword.name)
    return item


def calendar(events, *, name: str | None = None) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("name", name)  # RFC 7986
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", settings.TIME_ZONE)
    # Always there, before the events, even in an empty feed.
    cal.add_component(Timezone.from_tzid(settings.TIME_ZONE))
    for event in events:
        if event.start is not None:
            cal.add_component(vevent(event))
    return cal.to_ical()

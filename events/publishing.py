"""Events that another part of the portal publishes into the calendar on its own
authority, such as a published training and its sessions (trainings/calendar.py).

Each is keyed by a stable key, created or updated in place, and published at once (the
staff already published what it comes from). The room is not booked again: the caller
passes the booking it already holds. Withdrawing cancels the events, so that calendars
that synced them learn of it; none of this is editable on the calendar's own pages."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction

from facilities.models import Booking, Room
from organisations.models import Organisation
from yhteisokeskus import clock

from .models import Event

# Keys of events published from within the portal, apart from imported ones.
KEY_PREFIX = "portal:"


@dataclass
class CalendarEntry:
    key: str
    name: dict  # {"fi": …, "sv": …, "en": …}; fi required
    start: datetime
    end: datetime
    kind: str = Event.Kind.COURSE
    description: dict = field(default_factory=dict)
    short_description: dict = field(default_factory=dict)
    organisation: Organisation | None = None
    organiser_name: str = ""
    room: Room | None = None
    booking: Booking | None = None
    online_url: str = ""
    is_free: bool = True
    price: str = ""
    registration_url: str = ""
    audiences: list = field(default_factory=list)
    languages: list = field(default_factory=list)
    cancelled: bool = False


def _translated(event: Event, name: str, values: dict, limit: int | None = None):
    for language in ("fi", "sv", "en"):
        value = (values.get(language) or "").strip()
        setattr(event, f"{name}_{language}", value[:limit] if limit else value)


@transaction.atomic
def calendar_entry_publish(entry: CalendarEntry, *, super_event: Event | None = None) -> Event:
    key = KEY_PREFIX + entry.key
    event = (
        Event.objects.select_for_update().filter(source__isnull=True, source_key=key).first()
    ) or Event(source_key=key)
    _translated(event, "name", entry.name, 200)
    _translated(event, "short_description", entry.short_description, 300)
    _translated(event, "description", entry.description)
    event.kind = entry.kind
    event.start, event.end, event.all_day = entry.start, entry.end, False
    event.organisation = entry.organisation
    event.organiser_name = "" if entry.organisation else entry.organiser_name
    # Exactly one location: the room (with the booking the caller holds), or the link.
    event.room = entry.room
    event.booking = entry.booking if entry.room else None
    event.place = None
    event.online_url = "" if entry.room else entry.online_url
    event.is_free, event.price = entry.is_free, entry.price
    event.registration_url = entry.registration_url
    event.audiences = list(entry.audiences)
    event.languages = list(entry.languages)
    event.super_event = super_event
    event.status = Event.Status.CANCELLED if entry.cancelled else Event.Status.SCHEDULED
    event.deleted_at = None
    if event.publication != Event.Publication.PUBLISHED:
        event.publication = Event.Publication.PUBLISHED
        event.published_at = clock.now()
    event.full_clean(exclude=["image", "keywords"])
    event.save()
    return event


@transaction.atomic
def calendar_entries_withdraw(*, keys_starting: str, keep: set[str] = frozenset()) -> int:
    """Cancel the published events whose key starts with `keys_starting`, except those
    in `keep` (keys without the prefix)."""
    events = Event.objects.filter(
        source__isnull=True, source_key__startswith=KEY_PREFIX + keys_starting
    ).exclude(source_key__in=[KEY_PREFIX + k for k in keep])
    return events.exclude(status=Event.Status.CANCELLED).update(
        status=Event.Status.CANCELLED, last_modified=clock.now()
    )

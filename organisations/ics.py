"""iCalendar (RFC 5545) of cooperation group meetings: the attachment of invitations.

As with booking messages, METHOD:PUBLISH, not REQUEST: the invitation is not an iTIP
request whose replies somebody reads; attendance is recorded by staff. A changed meeting
has a higher SEQUENCE with the same UID, so calendar apps update the event."""

from datetime import UTC

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event

from core.links import absolute_url

from .models import Meeting

PRODID = "-//Yhteisokeskus//Cooperation group meetings//EN"


def meeting_url(meeting: Meeting) -> str:
    """The representative's page of the group's meetings, absolute, in the active language."""
    return absolute_url(reverse("organisations:my_groups") + f"#meeting-{meeting.pk}")


def uid(meeting: Meeting) -> str:
    domain = getattr(settings, "ICAL_UID_DOMAIN", "yhteisokeskus")
    return f"meeting-{meeting.pk}@{domain}"


def meeting_event(meeting: Meeting) -> Event:
    event = Event()
    event.add("uid", uid(meeting))
    event.add("dtstamp", meeting.created_at.astimezone(UTC))
    event.add("dtstart", meeting.start.astimezone(UTC))
    event.add("dtend", meeting.end.astimezone(UTC))
    event.add("summary", f"{meeting.group.name}: {meeting.title}")
    if meeting.place:
        event.add("location", meeting.place)
    url = meeting_url(meeting)
    event.add("description", "\n".join(filter(None, [meeting.agenda[:2000], url])))
    event.add("url", url)
    event.add("organizer", f"mailto:{settings.CONTACT_EMAIL}")
    event.add("status", "CONFIRMED")
    event.add("sequence", meeting.sequence)
    return event


def calendar(meetings, *, method: str = "PUBLISH") -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    for meeting in meetings:
        cal.add_component(meeting_event(meeting))
    return cal.to_ical()

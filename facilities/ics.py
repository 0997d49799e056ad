"""iCalendar (RFC 5545) of bookings: the attachment of booking messages and an
organisation's private feed.

Messages use METHOD:PUBLISH, not REQUEST: REQUEST is an iTIP invitation with attendees,
and calendar apps would offer Accept/Decline buttons whose replies nobody reads. PUBLISH
lets the app add or update the event; a cancellation or rejection is METHOD:CANCEL with
the same UID and a higher SEQUENCE, which removes it."""

from datetime import UTC

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from core.links import absolute_url

from .models import Booking

PRODID = "-//Yhteisokeskus//Room bookings//EN"

STATUS = {
    Booking.Status.REQUESTED: "TENTATIVE",
    Booking.Status.CONFIRMED: "CONFIRMED",
    Booking.Status.REJECTED: "CANCELLED",
    Booking.Status.CANCELLED: "CANCELLED",
}
# A booking's time never changes (there is no rescheduling), only its status, and a
# status only moves forward: so the status gives a SEQUENCE that grows with each change.
SEQUENCE = {
    Booking.Status.REQUESTED: 0,
    Booking.Status.CONFIRMED: 1,
    Booking.Status.REJECTED: 2,
    Booking.Status.CANCELLED: 2,
}


def booking_url(booking: Booking) -> str:
    """The booking's page, absolute, in the active language."""
    path = reverse("facilities:booking_detail", args=[booking.pk])
    return absolute_url(path)


def uid(booking: Booking) -> str:
    domain = getattr(settings, "ICAL_UID_DOMAIN", "yhteisokeskus")
    return f"booking-{booking.pk}@{domain}"


def _last_change(booking: Booking):
    return max(t for t in (booking.created_at, booking.decided_at, booking.cancelled_at) if t)


def _location(site) -> str:
    return f"{site.name}, {site.street_address}, {site.postal_code} {site.post_office}"


def booking_event(booking: Booking) -> Event:
    """One VEVENT, in the active language. Times in UTC."""
    room, site = booking.room, booking.room.site
    url = booking_url(booking)
    event = Event()
    event.add("uid", uid(booking))
    # When the booking was last changed: the same bytes for the same state, so a feed
    # does not look changed on every poll.
    event.add("dtstamp", _last_change(booking).astimezone(UTC))
    event.add("created", booking.created_at.astimezone(UTC))
    event.add("dtstart", booking.start.astimezone(UTC))
    event.add("dtend", booking.end.astimezone(UTC))
    event.add("summary", f"{room.name}: {booking.purpose}")
    event.add("location", _location(site))
    event.add(
        "description",
        "\n".join(
            [
                f"{_('Organisation')}: {booking.organisation.name}",
                f"{_('Purpose')}: {booking.purpose}",
                f"{_('Booking status')}: {booking.get_status_display()}",
                url,
            ]
        ),
    )
    event.add("url", url)
    event.add("organizer", f"mailto:{settings.CONTACT_EMAIL}")
    event.add("status", STATUS[booking.status])
    event.add("sequence", SEQUENCE[booking.status])
    return event


def calendar(
    bookings, *, method: str | None = None, name: str | None = None, event=None, prodid=PRODID
) -> bytes:
    """A VCALENDAR of the bookings. ``method`` for messages (PUBLISH or CANCEL), none for
    a subscribed feed; ``name`` is the calendar's name shown by calendar apps. Other apps
    pass their items with ``event`` (item → VEVENT) and their own ``prodid``."""
    event = event or booking_event
    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("name", name)  # RFC 7986
        cal.add("x-wr-calname", name)  # what most apps still read
    for booking in bookings:
        cal.add_component(event(booking))
    return cal.to_ical()

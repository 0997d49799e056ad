"""schema.org Event in JSON-LD for an event's page (search engines read it), and the
OpenGraph tags of the same page.

A date-only event ends on its last day (its stored end is the midnight after it). An
event with sessions (a training's course) is where its sessions are: its own online
link is only the training's page. Offers carry a price in euros (0 when free)."""

import re
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from core.links import absolute_url

from .ics import event_url
from .models import Event

STATUS = {
    Event.Status.SCHEDULED: "https://schema.org/EventScheduled",
    Event.Status.CANCELLED: "https://schema.org/EventCancelled",
    Event.Status.POSTPONED: "https://schema.org/EventPostponed",
}


def _moment(event: Event, value, *, end=False):
    if value is None:
        return None
    if event.all_day:
        return (event.last_day if end else event.first_day).isoformat()
    return timezone.localtime(value).isoformat()


def _attendance_mode(locations: list[dict]) -> str:
    kinds = {location["@type"] for location in locations}
    if kinds == {"VirtualLocation"}:
        return "https://schema.org/OnlineEventAttendanceMode"
    if "VirtualLocation" in kinds:
        return "https://schema.org/MixedEventAttendanceMode"
    return "https://schema.org/OfflineEventAttendanceMode"


def _locations(event: Event, sub_events) -> list[dict]:
    """Where the event is: for an event with sessions, where its sessions are."""
    if sub_events:
        unique = []
        for sub in sub_events:
            location = _location(sub)
            if location not in unique:
                unique.append(location)
        return unique
    return [_location(event)]


_NUMBER = re.compile(r"\d+(?:[.,]\d{1,2})?")


def _offer(event: Event) -> dict:
    offer = {
        "@type": "Offer",
        "priceCurrency": "EUR",
        "availability": "https://schema.org/InStock",
        "url": event.registration_url or event_url(event),
    }
    if event.is_free:
        offer["price"] = "0"
        return offer
    offer["description"] = event.price
    number = _NUMBER.search(event.price or "")
    if number:  # the first amount of a text such as "20 € / 35,50 €"
        offer["price"] = str(Decimal(number.group().replace(",", ".")))
    return offer


def _organizer(event: Event) -> dict:
    organizer = {"@type": "Organization", "name": event.organiser_display}
    if event.organisation_id and event.organisation.is_public:
        organizer["url"] = absolute_url(
            reverse("organisations:detail", args=[event.organisation_id])
        )
    else:
        organizer["url"] = absolute_url("/")
    return organizer


def _location(event: Event) -> dict:
    if event.online_url:
        return {"@type": "VirtualLocation", "url": event.online_url}
    if event.room_id:
        site = event.room.site
        return {
            "@type": "Place",
            "name": f"{event.room.name}, {site.name}",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": site.street_address,
                "postalCode": site.postal_code,
                "addressLocality": site.post_office,
                "addressCountry": "FI",
            },
        }
    place = event.place
    address = {"@type": "PostalAddress", "addressCountry": "FI"}
    if place.street_address:
        address["streetAddress"] = place.street_address
    if place.postal_code:
        address["postalCode"] = place.postal_code
    if place.post_office or place.municipality_id:
        address["addressLocality"] = place.post_office or place.municipality.name
    return {"@type": "Place", "name": place.name, "address": address}


def event_jsonld(event: Event, request=None, *, sub_events=(), sessions=None) -> dict:
    """``sub_events`` are listed as subEvent; ``sessions`` (by default the same) say
    where an event with sessions is."""
    locations = _locations(event, sub_events if sessions is None else sessions)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": event_url(event),
        "url": event_url(event),
        "name": event.name,
        "description": event.short_description or event.description[:300],
        "eventStatus": STATUS[event.status],
        "eventAttendanceMode": _attendance_mode(locations),
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": _organizer(event),
        "isAccessibleForFree": event.is_free,
        "inLanguage": event.languages,
    }
    if event.start is not None:
        data["startDate"] = _moment(event, event.start)
        data["endDate"] = _moment(event, event.end, end=True)
    data["offers"] = _offer(event)
    if event.has_image:
        src = event.image_src
        if src.startswith("/"):
            src = absolute_url(src)
        data["image"] = src
    keywords = [keyword.name for keyword in event.keywords.all()]
    if keywords:
        data["keywords"] = ", ".join(keywords)
    if event.audiences:
        data["audience"] = [
            {"@type": "Audience", "audienceType": str(label)}
            for value, label in Event._meta.get_field("audiences").base_field.choices
            if value in event.audiences
        ]
    if event.super_event_id:
        data["superEvent"] = {"@type": "Event", "@id": event_url(event.super_event)}
    if sub_events:
        data["subEvent"] = [
            {"@type": "Event", "@id": event_url(sub), "startDate": _moment(sub, sub.start)}
            for sub in sub_events
        ]
    return data


def opengraph(event: Event) -> list[tuple[str, str]]:
    """OpenGraph properties of the event's page (what link previews read)."""
    tags = [
        ("og:type", "website"),
        ("og:title", event.name),
        ("og:url", event_url(event)),
        ("og:description", event.short_description or event.description[:300]),
    ]
    if event.has_image:
        src = event.image_src
        tags.append(("og:image", absolute_url(src) if src.startswith("/") else src))
        tags.append(("og:image:alt", event.image_alt))
    return [(name, value) for name, value in tags if value]

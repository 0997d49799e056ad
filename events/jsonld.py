"""schema.org Event in JSON-LD for an event's page (search engines read it)."""

from django.utils import timezone

from core.links import absolute_url

from .ics import event_url
from .models import Event

STATUS = {
    Event.Status.SCHEDULED: "https://schema.org/EventScheduled",
    Event.Status.CANCELLED: "https://schema.org/EventCancelled",
    Event.Status.POSTPONED: "https://schema.org/EventPostponed",
}


def _moment(event: Event, value):
    if value is None:
        return None
    local = timezone.localtime(value)
    return local.date().isoformat() if event.all_day else local.isoformat()


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


def event_jsonld(event: Event, request=None, *, sub_events=()) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": event_url(event),
        "url": event_url(event),
        "name": event.name,
        "description": event.short_description or event.description[:300],
        "eventStatus": STATUS[event.status],
        "eventAttendanceMode": (
            "https://schema.org/OnlineEventAttendanceMode"
            if event.online_url
            else "https://schema.org/OfflineEventAttendanceMode"
        ),
        "location": _location(event),
        "organizer": {"@type": "Organization", "name": event.organiser_display},
        "isAccessibleForFree": event.is_free,
        "inLanguage": event.languages,
    }
    if event.start is not None:
        data["startDate"] = _moment(event, event.start)
        data["endDate"] = _moment(event, event.end)
    if not event.is_free:
        data["offers"] = {
            "@type": "Offer",
            "description": event.price,
            "url": event.registration_url or event_url(event),
        }
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

"""Linked Events' shapes of the calendar's events, places, keywords and languages: the
second serializer over the same events as /api/v1/events/ (events/api.py).

Texts are ``{"fi": …, "sv": …}`` with a language's key only where there is text;
descriptions are HTML, as Linked Events gives them; links are ``{"@id": url}`` that
resolve here (or the embedded object, with ``include``); times are ISO 8601 in UTC, a
date-only event's as dates (its last day as ``end_time``)."""

from datetime import UTC

from django.urls import reverse
from django.utils.html import escape

from core.links import absolute_url, for_each_pk
from events import rows
from events.api import EVENT_STATUS, TYPE_ID, super_event_type
from events.models import Event, EventLanguage

from . import ids

CONTEXT = "http://schema.org"
LANGUAGES = ("fi", "sv", "en")


def url(name: str, pk: str) -> str:
    return absolute_url(reverse(f"linkedevents:{name}-detail", args=[pk]))


def texts(obj, field: str) -> dict | None:
    values = {code: getattr(obj, f"{field}_{code}", "") for code in LANGUAGES}
    values = {code: value for code, value in values.items() if value}
    return values or None


def one_language(value: str) -> dict | None:
    return {"fi": value} if value else None


def html(value: str) -> str:
    """Plain text as the HTML Linked Events gives: paragraphs and line breaks kept."""
    return "<p>" + escape(value).replace("\n", "<br>") + "</p>"


def html_texts(obj, field: str) -> dict | None:
    values = texts(obj, field)
    return {code: html(value) for code, value in values.items()} if values else None


def moment(event: Event, *, end: bool = False) -> str | None:
    value = event.end if end else event.start
    if value is None:
        return None
    if event.all_day:
        return (event.last_day if end else event.first_day).isoformat()
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def place_data(event: Event) -> dict:
    """The place of an event (a room of the centre, a place, or the online place)."""
    pid = ids.place_id(event)
    data = {
        "id": pid,
        "@id": url("place", pid),
        "@context": CONTEXT,
        "@type": "Place",
        "data_source": ids.data_source(),
        "publisher": ids.data_source(),
        "name": None,
        "street_address": None,
        "postal_code": None,
        "address_locality": None,
        "address_country": "FI",
        "divisions": [],
        "position": None,
        "info_url": None,
    }
    municipality = None
    if event.room_id:
        room, site = event.room, event.room.site
        data["name"] = {
            code: f"{getattr(room, f'name_{code}') or room.name_fi}, "
            f"{getattr(site, f'name_{code}', '') or site.name}"
            for code in LANGUAGES
            if getattr(room, f"name_{code}", "") or code == "fi"
        }
        data["street_address"] = one_language(site.street_address)
        data["postal_code"] = site.postal_code or None
        data["address_locality"] = one_language(site.post_office)
        municipality = site.municipality if site.municipality_id else None
    elif event.place_id:
        place = event.place
        data["name"] = texts(place, "name")
        data["street_address"] = one_language(place.street_address)
        data["postal_code"] = place.postal_code or None
        data["address_locality"] = one_language(place.post_office)
        municipality = place.municipality if place.municipality_id else None
    else:
        data["name"] = {"fi": "Internet", "sv": "Internet", "en": "Internet"}
        data["address_country"] = None
    if municipality is not None:
        data["divisions"] = [
            {
                "type": "muni",
                "ocd_id": ids.division_id(municipality),
                "municipality": None,
                "name": texts(municipality, "name"),
            }
        ]
    return data


def keyword_data(keyword) -> dict:
    kid = ids.keyword_id(keyword)
    return {
        "id": kid,
        "@id": url("keyword", kid),
        "@context": CONTEXT,
        "@type": "Keyword",
        "data_source": kid.split(":")[0],
        "name": texts(keyword, "name"),
    }


def language_data(code: str) -> dict:
    from django.utils import translation

    label = dict(EventLanguage.choices).get(code, code)
    names = {}
    for language in LANGUAGES:
        with translation.override(language):
            names[language] = str(label)
    return {
        "id": code,
        "@id": url("language", code),
        "@context": CONTEXT,
        "@type": "Language",
        "name": names,
    }


def _link(value: str) -> dict:
    return {"@id": value}


def event_data(event: Event, include: set[str] = frozenset()) -> dict:
    """One event in Linked Events' shape; ``include`` embeds location, keywords or
    in_language instead of their links."""
    eid = ids.event_id(event.pk)
    if event.is_deleted:
        return {
            "id": eid,
            "@id": url("event", eid),
            "@context": CONTEXT,
            "@type": "Event/LinkedEvent",
            "name": texts(event, "name"),
            "last_modified_time": event.last_modified.isoformat(),
            "deleted": True,
            "replaced_by": None,
        }
    location = place_data(event)
    keywords = [
        keyword_data(k) if "keywords" in include else _link(url("keyword", ids.keyword_id(k)))
        for k in event.keywords.all()
    ]
    languages = [
        language_data(code) if "in_language" in include else _link(url("language", code))
        for code in event.languages
    ]
    sub_events = getattr(event, "public_sub_events", [])
    images = []
    if event.has_image:
        src = event.image_src
        images.append(
            {
                "url": absolute_url(src) if src.startswith("/") else src,
                "name": "",
                "alt_text": event.image_alt_fi or event.image_alt or "",
                "license": None,
                "photographer_name": None,
            }
        )
    return {
        "id": eid,
        "@id": url("event", eid),
        "@context": CONTEXT,
        "@type": "Event/LinkedEvent",
        "data_source": ids.data_source(),
        "publisher": ids.publisher_id(event),
        "name": texts(event, "name"),
        "short_description": texts(event, "short_description"),
        "description": html_texts(event, "description"),
        "provider": one_language(event.organiser_display),
        "start_time": moment(event),
        "end_time": moment(event, end=True),
        "has_start_time": event.start is not None and not event.all_day,
        "event_status": EVENT_STATUS[event.status],
        "type_id": TYPE_ID[event.kind],
        "location": location if "location" in include else _link(location["@id"]),
        "location_extra_info": None,
        "is_virtualevent": bool(event.online_url),
        "virtualevent_url": event.online_url or None,
        "keywords": keywords,
        "audience": [],
        "in_language": languages,
        "offers": [
            {
                "is_free": event.is_free,
                "price": one_language(event.price) if not event.is_free else None,
                "info_url": one_language(event.registration_url),
                "description": None,
            }
        ],
        "info_url": one_language(event.info_url),
        "images": images,
        "videos": [],
        "external_links": [],
        "super_event": _link(url("event", ids.event_id(event.super_event_id)))
        if event.super_event_id
        else None,
        "sub_events": [_link(url("event", ids.event_id(sub.pk))) for sub in sub_events],
        "super_event_type": super_event_type(event),
        "sub_event_type": "sub_recurring" if event.super_event_id else None,
        "replaced_by": None,
        "enrolment_start_time": None,
        "enrolment_end_time": None,
        "audience_min_age": None,
        "audience_max_age": None,
        "custom_data": None,
        "created_time": event.created_at.isoformat(),
        "last_modified_time": event.last_modified.isoformat(),
        "date_published": event.published_at.isoformat() if event.published_at else None,
        "deleted": False,
    }


def list_items(page: list[dict], include: set[str] = frozenset()) -> list[dict]:
    """The node's event list from plain rows (events.rows): the same JSON as
    ``event_data`` gives for the same events, without a model instance per event. Two
    queries for the page's keywords and dates; a reverse() per kind of link (and per
    keyword and language), not per link."""
    related = rows.Related.of(page)
    patterns = {
        "event": for_each_pk(lambda n: url("event", ids.event_id(n))),
        "room": for_each_pk(lambda n: url("place", ids.prefixed(f"room-{n}"))),
        "place": for_each_pk(lambda n: url("place", ids.prefixed(f"place-{n}"))),
    }
    online = url("place", ids.prefixed(ids.ONLINE))
    links: dict = {}

    def numbered(kind: str, pk) -> str:
        return patterns[kind](pk)

    def named(kind: str, pk: str) -> str:
        if (kind, pk) not in links:
            links[kind, pk] = url(kind, pk)
        return links[kind, pk]

    def texts_of(row: dict, field: str) -> dict | None:
        values = {code: row[f"{field}_{code}"] or "" for code in LANGUAGES}
        values = {code: value for code, value in values.items() if value}
        return values or None

    def moment_of(row: dict, *, end: bool = False) -> str | None:
        value = row["end"] if end else row["start"]
        if value is None:
            return None
        if row["all_day"]:
            return (rows.last_day(row) if end else rows.first_day(row)).isoformat()
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")

    def place_of(row: dict) -> dict:
        if row["room_id"]:
            pid, link = ids.prefixed(f"room-{row['room_id']}"), numbered("room", row["room_id"])
        elif row["place_id"]:
            pid, link = ids.prefixed(f"place-{row['place_id']}"), numbered("place", row["place_id"])
        else:
            pid, link = ids.prefixed(ids.ONLINE), online
        data = {
            "id": pid,
            "@id": link,
            "@context": CONTEXT,
            "@type": "Place",
            "data_source": ids.data_source(),
            "publisher": ids.data_source(),
            "name": None,
            "street_address": None,
            "postal_code": None,
            "address_locality": None,
            "address_country": "FI",
            "divisions": [],
            "position": None,
            "info_url": None,
        }
        municipality = None
        if row["room_id"]:
            site_name = rows.translated(row, "room__site__name")
            data["name"] = {
                code: f"{row[f'room__name_{code}'] or row['room__name_fi']}, "
                f"{row[f'room__site__name_{code}'] or site_name}"
                for code in LANGUAGES
                if row[f"room__name_{code}"] or code == "fi"
            }
            data["street_address"] = one_language(row["room__site__street_address"])
            data["postal_code"] = row["room__site__postal_code"] or None
            data["address_locality"] = one_language(row["room__site__post_office"])
            municipality = rows.municipality(row, "room__site__municipality")
        elif row["place_id"]:
            data["name"] = texts_of(row, "place__name")
            data["street_address"] = one_language(row["place__street_address"])
            data["postal_code"] = row["place__postal_code"] or None
            data["address_locality"] = one_language(row["place__post_office"])
            municipality = rows.municipality(row, "place__municipality")
        else:
            data["name"] = {"fi": "Internet", "sv": "Internet", "en": "Internet"}
            data["address_country"] = None
        if municipality is not None:
            data["divisions"] = [
                {
                    "type": "muni",
                    "ocd_id": ids.division_id(municipality),
                    "municipality": None,
                    "name": texts(municipality, "name"),
                }
            ]
        return data

    def language_of(code: str) -> dict:
        if ("language-data", code) not in links:
            links["language-data", code] = language_data(code)
        return links["language-data", code]

    def item(row: dict) -> dict:
        pk = row["pk"]
        eid = ids.event_id(pk)
        if row["deleted_at"] is not None:
            return {
                "id": eid,
                "@id": numbered("event", pk),
                "@context": CONTEXT,
                "@type": "Event/LinkedEvent",
                "name": texts_of(row, "name"),
                "last_modified_time": row["last_modified"].isoformat(),
                "deleted": True,
                "replaced_by": None,
            }
        location = place_of(row)
        keywords = [
            keyword_data(k) if "keywords" in include else _link(named("keyword", ids.keyword_id(k)))
            for k in related.keywords.get(pk, ())
        ]
        in_language = [
            language_of(code) if "in_language" in include else _link(named("language", code))
            for code in row["languages"]
        ]
        sub_events = related.sub_events.get(pk, ())
        images = []
        src = rows.image_src(row)
        if src:
            images.append(
                {
                    "url": absolute_url(src) if src.startswith("/") else src,
                    "name": "",
                    "alt_text": row["image_alt_fi"] or rows.translated(row, "image_alt") or "",
                    "license": None,
                    "photographer_name": None,
                }
            )
        publisher = (
            ids.prefixed(f"org-{row['organisation_id']}")
            if row["organisation_id"]
            else ids.data_source()
        )
        return {
            "id": eid,
            "@id": numbered("event", pk),
            "@context": CONTEXT,
            "@type": "Event/LinkedEvent",
            "data_source": ids.data_source(),
            "publisher": publisher,
            "name": texts_of(row, "name"),
            "short_description": texts_of(row, "short_description"),
            "description": (
                {code: html(value) for code, value in values.items()}
                if (values := texts_of(row, "description"))
                else None
            ),
            "provider": one_language(rows.organiser_display(row)),
            "start_time": moment_of(row),
            "end_time": moment_of(row, end=True),
            "has_start_time": row["start"] is not None and not row["all_day"],
            "event_status": EVENT_STATUS[row["status"]],
            "type_id": TYPE_ID[row["kind"]],
            "location": location if "location" in include else _link(location["@id"]),
            "location_extra_info": None,
            "is_virtualevent": bool(row["online_url"]),
            "virtualevent_url": row["online_url"] or None,
            "keywords": keywords,
            "audience": [],
            "in_language": in_language,
            "offers": [
                {
                    "is_free": row["is_free"],
                    "price": one_language(row["price"]) if not row["is_free"] else None,
                    "info_url": one_language(row["registration_url"]),
                    "description": None,
                }
            ],
            "info_url": one_language(row["info_url"]),
            "images": images,
            "videos": [],
            "external_links": [],
            "super_event": _link(numbered("event", row["super_event_id"]))
            if row["super_event_id"]
            else None,
            "sub_events": [_link(numbered("event", sub)) for sub in sub_events],
            "super_event_type": "recurring" if sub_events else None,
            "sub_event_type": "sub_recurring" if row["super_event_id"] else None,
            "replaced_by": None,
            "enrolment_start_time": None,
            "enrolment_end_time": None,
            "audience_min_age": None,
            "audience_max_age": None,
            "custom_data": None,
            "created_time": row["created_at"].isoformat(),
            "last_modified_time": row["last_modified"].isoformat(),
            "date_published": row["published_at"].isoformat() if row["published_at"] else None,
            "deleted": False,
        }

    return [item(row) for row in page]

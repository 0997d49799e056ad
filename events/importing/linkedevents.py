"""Reading a Linked Events–compatible API response into records.

The response is the list envelope ``{"meta": {"count", "next", "previous"}, "data":
[...]}``; when read from an address, ``next`` pages are followed (same host only, at
most MAX_PAGES). Field by field:

- ``id`` is the key; ``super_event`` ``@id`` (its last path part) names the series.
- ``name``, ``short_description``, ``description`` by language; HTML becomes text.
  Some publishers copy the Finnish text into ``sv`` and ``en``: a copy is dropped, so
  the page says honestly that the text is in Finnish.
- ``start_time``/``end_time`` in ISO 8601; a date without a time is a date-only event;
  no end: an instant (a date: one day). Both null is allowed only when postponed.
- ``event_status``: EventCancelled → cancelled, EventPostponed → postponed,
  EventScheduled and EventRescheduled (moved, with its new time) → scheduled.
- ``location``: the place ``@id`` (an embedded object gives its name and address);
  ``*:internet`` or ``is_virtualevent`` make an online event; no location uses
  ``location_extra_info`` as the place's name.
- ``keywords`` by their ``@id``s (embedded names when given), ``in_language``,
  ``offers[0]`` for free/price/registration link, ``info_url``, ``images[0]``,
  ``provider`` as the organiser's name.
"""

import json
import urllib.parse
from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from events.errors import ImportFailed

from .common import MAX_EVENTS, Parsed, Record, plain_text, read_url

MAX_PAGES = 20
LANGUAGE_CODES = ("fi", "sv", "en")
STATUS = {
    "EventCancelled": "cancelled",
    "EventPostponed": "postponed",
    "EventScheduled": "scheduled",
    "EventRescheduled": "scheduled",
}


def _last_part(url: str) -> str:
    return (
        [part for part in urllib.parse.urlsplit(url or "").path.split("/") if part][-1:][0]
        if url
        else ""
    )


def _translated(value, *, html=False) -> dict[str, str]:
    if isinstance(value, str):
        value = {"fi": value}
    if not isinstance(value, dict):
        return {}
    texts = {}
    for code in LANGUAGE_CODES:
        text = value.get(code)
        if isinstance(text, str):
            texts[code] = plain_text(text) if html else " ".join(text.split())
    # A copy of the Finnish text is no translation.
    for code in ("sv", "en"):
        if texts.get(code) and texts.get(code) == texts.get("fi"):
            texts[code] = ""
    if not texts.get("fi"):
        # Finnish is required: take the first language given.
        texts["fi"] = next((texts[c] for c in LANGUAGE_CODES if texts.get(c)), "")
    return texts


def _moment(value) -> tuple[datetime | None, bool]:
    """(aware datetime, date only) from an ISO 8601 date or date-time."""
    if value in (None, ""):
        return None, False
    if not isinstance(value, str):
        raise ValueError(f"not a time: {value!r}")
    day = parse_date(value) if len(value) == 10 else None
    if day is not None:
        return timezone.make_aware(datetime.combine(day, time(0))), True
    moment = parse_datetime(value)
    if moment is None:
        raise ValueError(f"not a time: {value!r}")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment, False


def _first_url(value) -> str:
    texts = _translated(value)
    for code in LANGUAGE_CODES:
        url = texts.get(code) or ""
        if url.startswith(("http://", "https://")):
            return url[:1000]
    return ""


def _record(item: dict) -> Record:
    key = item.get("id")
    if not isinstance(key, str) or not key.strip():
        raise ValueError("no id")
    name = _translated(item.get("name"))
    status = STATUS.get(item.get("event_status") or "EventScheduled", "scheduled")
    start, start_is_date = _moment(item.get("start_time"))
    end, end_is_date = _moment(item.get("end_time"))
    all_day = start_is_date
    if start is None:
        if status != "postponed":
            raise ValueError(_("no start time"))
        end = None
    elif end is None:
        end = start + (timedelta(days=1) if all_day else timedelta(0))
    elif end_is_date and all_day:
        end = end + timedelta(days=1)  # the last day, inclusive
    record = Record(
        key=key.strip()[:400],
        name=name,
        short_description=_translated(item.get("short_description"), html=True),
        description=_translated(item.get("description"), html=True),
        start=start,
        end=end,
        all_day=all_day,
        status=status,
        info_url=_first_url(item.get("info_url")),
        organiser_name=_translated(item.get("provider")).get("fi", "")[:200],
    )
    location = item.get("location")
    location_id = _last_part(location.get("@id", "")) if isinstance(location, dict) else ""
    if item.get("is_virtualevent") or location_id.endswith(":internet"):
        # Linked Events names it virtualevent_url; some nodes virtual_event_url.
        virtual = str(item.get("virtualevent_url") or item.get("virtual_event_url") or "")
        record.online_url = (
            (virtual if virtual.startswith(("http://", "https://")) else "")
            or record.info_url
            or str(item.get("@id") or "")
        )
    elif location_id:
        record.location_key = location_id
        record.location_name = _translated(location.get("name")).get("fi") or location_id
        record.street_address = _translated(location.get("street_address")).get("fi", "")
        record.postal_code = str(location.get("postal_code") or "")[:10]
        record.post_office = _translated(location.get("address_locality")).get("fi", "")
    extra = _translated(item.get("location_extra_info")).get("fi", "")
    if not record.online_url and not record.location_key:
        record.location_name = extra
    offers = item.get("offers") or []
    if offers and isinstance(offers[0], dict):
        offer = offers[0]
        record.is_free = bool(offer.get("is_free", True))
        price = _translated(offer.get("price"), html=True)
        record.price = (price.get("fi") or "")[:200]
        if not record.is_free and not record.price:
            record.price = "–"
        record.registration_url = _first_url(offer.get("info_url"))
    for keyword in item.get("keywords") or []:
        if isinstance(keyword, dict) and keyword.get("@id"):
            code = _last_part(keyword["@id"])[:100]
            names = _translated(keyword.get("name")) or {}
            record.keywords.append((code, names if names.get("fi") else {"fi": code}))
    for language in item.get("in_language") or []:
        if isinstance(language, dict) and language.get("@id"):
            record.languages.append(_last_part(language["@id"])[:5])
    images = item.get("images") or []
    if (
        images
        and isinstance(images[0], dict)
        and str(images[0].get("url", "")).startswith(("http://", "https://"))
    ):
        record.image_url = images[0]["url"][:1000]
        alt = _translated(images[0].get("alt_text")).get("fi") or images[0].get("name") or ""
        record.image_alt = (alt or record.name.get("fi", ""))[:300]
    super_event = item.get("super_event")
    if isinstance(super_event, dict) and super_event.get("@id"):
        record.super_key = _last_part(super_event["@id"])[:400]
    return record


def _page(content: bytes) -> dict:
    try:
        body = json.loads(content)
    except (ValueError, RecursionError) as error:
        raise ImportFailed(
            _("The response is not valid JSON: %(error)s") % {"error": str(error)[:200]}
        ) from None
    if not isinstance(body, dict) or not isinstance(body.get("data"), list):
        raise ImportFailed(_('The response is not a Linked Events list: it has no "data" list.'))
    return body


def parse_linkedevents(content: bytes, *, url: str | None = None) -> Parsed:
    """Records of every event in the response (and, with ``url``, its next pages)."""
    parsed = Parsed()
    pages = 0
    host = urllib.parse.urlsplit(url).netloc if url else None
    while True:
        body = _page(content)
        pages += 1
        for item in body["data"]:
            if not isinstance(item, dict):
                parsed.problems.append(_("An item that is not an event was skipped."))
                continue
            if item.get("deleted"):
                continue  # gone upstream: not seen, so removed here too
            try:
                parsed.records.append(_record(item))
            except (ValueError, TypeError, KeyError, AttributeError) as error:
                key = str(item.get("id") or "?")[:400]
                parsed.problems.append(
                    _("Event %(uid)s was skipped: %(error)s") % {"uid": key, "error": error}
                )
                parsed.unreadable_keys.add(key)
        if len(parsed.records) > MAX_EVENTS:
            raise ImportFailed(
                _("The feed has more than %(count)s events.") % {"count": MAX_EVENTS}
            )
        next_url = (
            (body.get("meta") or {}).get("next") if isinstance(body.get("meta"), dict) else None
        )
        if next_url and (not url or pages >= MAX_PAGES):
            parsed.complete = False
            parsed.problems.append(
                _("The feed has more pages than were read; removed events are not looked for.")
            )
            break
        if not next_url:
            break
        if urllib.parse.urlsplit(next_url).netloc != host:
            parsed.complete = False
            parsed.problems.append(_("A next page on another host was not followed."))
            break
        content = read_url(next_url, accept="application/json")
    return parsed

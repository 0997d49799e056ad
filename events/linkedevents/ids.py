"""Linked Events ids of the calendar's objects: strings with the data source's prefix
(``yhteisokeskus:123``), as Linked Events names its own (``helsinki:afy6ikna3u``)."""

import re

from django.conf import settings

from events.models import Keyword

ONLINE = "internet"  # the place of online events, as Linked Events' ``helsinki:internet``


def data_source() -> str:
    return settings.LINKED_EVENTS_DATA_SOURCE


def prefixed(local: str) -> str:
    return f"{data_source()}:{local}"


def local_part(value: str) -> str | None:
    """What follows our prefix, or None for another data source's id."""
    prefix = data_source() + ":"
    return value[len(prefix) :] if value.startswith(prefix) else None


def event_id(pk: int) -> str:
    return prefixed(str(pk))


def event_pk(value: str) -> int | None:
    local = local_part(value)
    return int(local) if local and local.isdigit() and len(local) < 12 else None


def place_id(event) -> str:
    if event.room_id:
        return prefixed(f"room-{event.room_id}")
    if event.place_id:
        return prefixed(f"place-{event.place_id}")
    return prefixed(ONLINE)


_PLACE = re.compile(r"^(room|place)-(\d{1,11})$")


def parse_place_id(value: str) -> tuple[str, int | None] | None:
    """("room", pk), ("place", pk), ("online", None), or None when it is not ours."""
    local = local_part(value)
    if local == ONLINE:
        return "online", None
    match = _PLACE.match(local or "")
    return (match.group(1), int(match.group(2))) if match else None


def keyword_id(keyword: Keyword) -> str:
    """A code that already names its source (``yso:p1235``) stays; our own get our prefix."""
    return keyword.code if ":" in keyword.code else prefixed(keyword.code)


def keyword_code(value: str) -> str:
    local = local_part(value)
    return local if local is not None and ":" not in local else value


def publisher_id(event) -> str:
    if event.organisation_id:
        return prefixed(f"org-{event.organisation_id}")
    return data_source()


def parse_publisher(value: str) -> int | None | bool:
    """The organisation's pk, None for the centre's own publisher, False when unknown."""
    if value == data_source():
        return None
    local = local_part(value) or ""
    if local.startswith("org-") and local[4:].isdigit() and len(local) < 16:
        return int(local[4:])
    return False


def division_id(municipality) -> str:
    """The municipality's OCD division id, as Linked Events gives them."""
    return f"ocd-division/country:fi/kunta:{municipality.name_fi.lower().replace(' ', '_')}"

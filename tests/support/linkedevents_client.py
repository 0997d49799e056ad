"""A small Linked Events client, written against the real responses of Helsinki's and
Turku's Linked Events APIs (the shared feed samples) as a regional calendar would read
them: ``name.fi``, ``location["@id"]``, ``keywords[i]["@id"]``, ``in_language[i]["@id"]``,
``offers``, ``super_event``, and the pages through ``meta.next``. Tests run it unchanged
over the portal's node."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class ClientEvent:
    id: str
    url: str
    name_fi: str | None
    start_time: str | None
    end_time: str | None
    location: str | None
    keywords: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    is_free: bool | None = None
    price_fi: str | None = None
    super_event: str | None = None
    sub_events: list[str] = field(default_factory=list)


def read_event(item: dict) -> ClientEvent:
    offers = item.get("offers") or []
    price = (offers[0].get("price") or {}) if offers else {}
    return ClientEvent(
        id=item["id"],
        url=item["@id"],
        name_fi=(item.get("name") or {}).get("fi"),
        start_time=item.get("start_time"),
        end_time=item.get("end_time"),
        location=item["location"]["@id"] if item.get("location") else None,
        keywords=[keyword["@id"] for keyword in item.get("keywords") or []],
        languages=[language["@id"] for language in item.get("in_language") or []],
        is_free=offers[0].get("is_free") if offers else None,
        price_fi=price.get("fi"),
        super_event=item["super_event"]["@id"] if item.get("super_event") else None,
        sub_events=[sub["@id"] for sub in item.get("sub_events") or []],
    )


def read_all(first: str, get_json: Callable[[str], dict], *, max_pages: int = 50):
    """Every event of the list at ``first``, following ``meta.next``; the count said."""
    events, url, pages, count = [], first, 0, None
    while url and pages < max_pages:
        body = get_json(url)
        count = body["meta"]["count"] if count is None else count
        events += [read_event(item) for item in body["data"]]
        url, pages = body["meta"]["next"], pages + 1
    return events, count

"""What every importer produces: plain records of events, read from a feed, not yet
saved. The services in events/import_services.py turn them into rows."""

import html
import re
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from events.errors import ImportFailed

MAX_BYTES = 5 * 1024 * 1024  # a feed larger than this is refused
MAX_EVENTS = 5000  # events (occurrences included) one import may hold
TIMEOUT_SECONDS = 20


@dataclass
class Record:
    """One event from a feed. ``key`` is unique within the source and stable across
    imports; ``super_key`` names the series it belongs to."""

    key: str
    name: dict[str, str]
    start: datetime | None
    end: datetime | None
    all_day: bool = False
    short_description: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    status: str = "scheduled"
    location_key: str = ""  # stable id of the place upstream ("" when only text)
    location_name: str = ""
    street_address: str = ""
    postal_code: str = ""
    post_office: str = ""
    online_url: str = ""
    info_url: str = ""
    registration_url: str = ""
    organiser_name: str = ""
    is_free: bool = True
    price: str = ""
    keywords: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # (code, names)
    languages: list[str] = field(default_factory=list)
    image_url: str = ""
    image_alt: str = ""
    super_key: str = ""


@dataclass
class Parsed:
    """What a feed gave: its records, and the events it had that could not be read
    (with the reason). Keys of unreadable events are kept, so that their earlier
    copies are not taken for removed."""

    records: list[Record] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unreadable_keys: set[str] = field(default_factory=set)
    # False when the feed was not read to its end (pages left): then nothing missing
    # from it is taken for removed.
    complete: bool = True


_BLOCK_END = re.compile(r"(?i)<\s*(br\s*/?|/p|/div|/li|/h\d)\s*>")
_TAG = re.compile(r"<[^>]*>")


def plain_text(value: str | None) -> str:
    """HTML (as Linked Events gives descriptions) as plain text, line breaks kept."""
    if not value:
        return ""
    text = _BLOCK_END.sub("\n", value)
    text = html.unescape(_TAG.sub("", text))
    text = text.replace("\x00", "").replace("\r\n", "\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def read_url(url: str, *, accept: str) -> bytes:
    """The body at an http(s) URL, at most MAX_BYTES, or ImportFailed saying why."""
    scheme = urllib.parse.urlsplit(url).scheme
    if scheme not in ("http", "https"):
        raise ImportFailed(_("Only http and https addresses can be imported."))
    request = urllib.request.Request(
        url, headers={"Accept": accept, "User-Agent": "yhteisokeskus-event-import/1"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            body = response.read(MAX_BYTES + 1)
    except (OSError, ValueError) as error:
        raise ImportFailed(
            _("The address could not be read: %(error)s") % {"error": error}
        ) from None
    if len(body) > MAX_BYTES:
        raise ImportFailed(
            _("The feed is larger than %(megabytes)s MB.") % {"megabytes": MAX_BYTES // 2**20}
        )
    return body

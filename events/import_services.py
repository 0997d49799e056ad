"""Importing events from external sources (an iCalendar URL or a Linked Events API).

``source_import`` is idempotent: an event is found again by its id in the source, so a
second run updates it (or leaves it alone when nothing changed) and never duplicates
it; an event that is no longer in a feed read to its end becomes deleted here (soft,
so the API's ``last_modified_since`` reports it). The report says what changed.

Bad input: a feed that cannot be read at all (not iCalendar or JSON, too large, the
address fails) is refused with a clear message and nothing of it is saved. An event in
a readable feed that breaks the rules (no start, an over-long name, an end before its
start, a link that is not http(s)) is skipped and named in the report; nothing of that
event is saved, and its earlier copy is not taken for removed.
"""

import hashlib
import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from core import clock, pagecache

from .errors import ImportFailed
from .importing.common import Parsed, Record, read_url
from .importing.ical import parse_ical
from .importing.linkedevents import parse_linkedevents
from .models import Event, ImportSource, Keyword, Place

logger = logging.getLogger(__name__)

WINDOW_PAST = timedelta(days=30)
WINDOW_FUTURE = timedelta(days=365)
UNKNOWN_PLACE = {
    "fi": "Paikka ilmoitetaan myöhemmin",
    "sv": "Platsen meddelas senare",
    "en": "Venue to be announced",
}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    problems: list[str] = field(default_factory=list)
    failed: str = ""  # why nothing was imported, if so

    @property
    def ok(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict:
        return asdict(self)

    def summary(self) -> str:
        if self.failed:
            return _("Import failed, nothing was saved: %(reason)s") % {"reason": self.failed}
        return _(
            "%(created)s new, %(updated)s updated, %(unchanged)s unchanged, "
            "%(deleted)s deleted, %(problems)s skipped with problems."
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
            "problems": len(self.problems),
        }


def parse_source(source: ImportSource, content: bytes | None, window) -> Parsed:
    """Read the source (its address, unless ``content`` is given) into records."""
    if source.kind == ImportSource.Kind.ICALENDAR:
        if content is None:
            content = read_url(source.url, accept="text/calendar")
        return parse_ical(content, window=window)
    if content is None:
        return parse_linkedevents(read_url(source.url, accept="application/json"), url=source.url)
    return parse_linkedevents(content)


def source_import(
    *,
    source: ImportSource,
    content: bytes | None = None,
    window: tuple[datetime, datetime] | None = None,
) -> ImportReport:
    """Import the source's events and store the report on the source."""
    now = clock.now()
    window = window or (now - WINDOW_PAST, now + WINDOW_FUTURE)
    try:
        parsed = parse_source(source, content, window)
        with transaction.atomic():
            report = _apply(source, parsed, now, window)
    except ImportFailed as error:
        report = ImportReport(failed=str(error))
    source.last_run_at = now
    source.last_report = report.as_dict()
    source.save(update_fields=["last_run_at", "last_report"])
    logger.info("import of source %s: %s", source.pk, report.summary())
    return report


def _keyword(code: str, names: dict, cache: dict) -> Keyword:
    if code not in cache:
        keyword, created = Keyword.objects.get_or_create(
            code=code,
            defaults={f"name_{c}": (names.get(c) or "")[:200] for c in ("fi", "sv", "en")},
        )
        cache[code] = keyword
    return cache[code]


def _place(source: ImportSource, record: Record, cache: dict) -> Place:
    if record.location_key:
        key = f"{source.pk}:{record.location_key}"
    else:
        text = record.location_name or ""
        key = f"{source.pk}:text:" + hashlib.sha256(text.encode()).hexdigest()[:32]
    key = key[:300]
    if key not in cache:
        place = Place.objects.filter(source_key=key).first()
        if place is None:
            names = {"fi": record.location_name[:200]} if record.location_name else UNKNOWN_PLACE
            place = Place(
                source_key=key,
                street_address=record.street_address[:200],
                postal_code=record.postal_code[:10],
                post_office=record.post_office[:100],
                municipality=source.municipality,
                **{f"name_{c}": names.get(c, "") for c in ("fi", "sv", "en")},
            )
            place.save()
        cache[key] = place
    return cache[key]


def _values(source: ImportSource, record: Record) -> dict:
    """The event's fields from a record (the location apart)."""
    values = {}
    for name in ("name", "short_description", "description"):
        texts = getattr(record, name)
        for code in ("fi", "sv", "en"):
            values[f"{name}_{code}"] = (texts.get(code) or "").replace("\x00", "")
    values.update(
        start=record.start,
        end=record.end,
        all_day=record.all_day,
        status=record.status,
        online_url=record.online_url,
        info_url=record.info_url,
        registration_url=record.registration_url,
        is_free=record.is_free,
        price=record.price,
        languages=[code for code in record.languages if code],
        image_url=record.image_url,
        image_alt_fi=record.image_alt if record.image_url else "",
        organisation=source.organisation,
        organiser_name="" if source.organisation_id else (record.organiser_name or source.name),
    )
    return values


def _fingerprint(record: Record, values: dict) -> str:
    data = {
        k: (v.isoformat() if isinstance(v, datetime) else getattr(v, "pk", v))
        for k, v in values.items()
    }
    data.update(
        keywords=sorted(code for code, _names in record.keywords),
        location=[record.location_key, record.location_name],
        super_key=record.super_key,
    )
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def _save_one(source, record, existing, now, caches) -> str:
    """Create or update one event; return what happened ("created", "updated",
    "unchanged"). Raises ValidationError when the record breaks the rules."""
    values = _values(source, record)
    digest = _fingerprint(record, values)
    event = existing.get(record.key)
    if event is not None and event.source_hash == digest and event.deleted_at is None:
        return "unchanged"
    outcome = "updated" if event is not None else "created"
    if event is None:
        event = Event(
            source=source,
            source_key=record.key,
            publication=Event.Publication.PUBLISHED,
            published_at=now,
        )
    for name, value in values.items():
        setattr(event, name, value)
    event.place = None if record.online_url else _place(source, record, caches["places"])
    event.room = None
    event.deleted_at = None
    event.source_hash = digest
    event.last_modified = now
    event.full_clean(exclude=["keywords", "created_by", "booking", "source", "super_event"])
    with transaction.atomic():
        event.save()
        event.keywords.set(
            [_keyword(code, names, caches["keywords"]) for code, names in record.keywords]
        )
    existing[record.key] = event
    return outcome


def _problem(record: Record, error: Exception) -> str:
    if isinstance(error, ValidationError):
        detail = "; ".join(
            f"{name}: {' '.join(messages)}" if name not in ("", "__all__") else " ".join(messages)
            for name, messages in getattr(error, "message_dict", {"": error.messages}).items()
        )
    else:
        detail = str(error)[:200]
    return _("Event %(uid)s was skipped: %(error)s") % {"uid": record.key, "error": detail}


def _apply(source: ImportSource, parsed: Parsed, now, window) -> ImportReport:
    report = ImportReport(problems=list(parsed.problems))
    existing = {e.source_key: e for e in Event.objects.filter(source=source)}
    seen = set()
    caches = {"places": {}, "keywords": {}}
    skipped = set(parsed.unreadable_keys)
    # Series parents first, so that their sub-events can point at them.
    records = sorted(parsed.records, key=lambda r: bool(r.super_key))
    for record in records:
        if record.key in seen:
            continue
        seen.add(record.key)
        try:
            outcome = _save_one(source, record, existing, now, caches)
        except (ValidationError, DatabaseError, ValueError) as error:
            report.problems.append(_problem(record, error))
            skipped.add(record.key)
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    for record in records:
        if not record.super_key or record.key in skipped:
            continue
        event, parent = existing.get(record.key), existing.get(record.super_key)
        parent_id = parent.pk if parent is not None and parent.pk != event.pk else None
        if event.super_event_id != parent_id:
            Event.objects.filter(pk=event.pk).update(super_event_id=parent_id)
            pagecache.bump_on_commit("events")  # signals do not see an update()
    if parsed.complete:
        report.deleted = _delete_missing(existing, seen, skipped, now, window)
    return report


def _delete_missing(existing, seen, skipped, now, window) -> int:
    """Soft-delete the source's events that the feed no longer has. Events already over
    before the window are left alone (the feed need not list the past), and so are
    those of events that could not be read this time."""
    gone = [
        event.pk
        for key, event in existing.items()
        if key not in seen
        and event.deleted_at is None
        and not any(key == s or key.startswith(f"{s}@") for s in skipped)
        and (event.end is None or event.end > window[0])
    ]
    if gone:
        Event.objects.filter(pk__in=gone).update(deleted_at=now, last_modified=now)
        pagecache.bump_on_commit("events")  # signals do not see an update()
    return len(gone)


def import_active_sources() -> list[tuple[int, str]]:
    """Import every active source; return (source id, summary) pairs."""
    results = []
    for source in ImportSource.objects.filter(is_active=True).order_by("pk"):
        report = source_import(source=source)
        results.append((source.pk, report.summary()))
    return results

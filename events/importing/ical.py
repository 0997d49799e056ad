"""Reading an iCalendar (RFC 5545) feed into records.

- Several VCALENDARs in one file are read as one (some exporters concatenate them).
- A recurring VEVENT (RRULE/RDATE) becomes a series: a parent record keyed by its UID
  and one record per occurrence inside the import window, keyed by UID and the
  occurrence's original start. Occurrences are stepped in the event's own wall-clock
  time, so 18:00 stays 18:00 across daylight-saving changes; EXDATEs (in any time
  zone) remove occurrences, RECURRENCE-ID overrides move or cancel one, and a series
  without an end stops at the window (and at MAX_OCCURRENCES).
- No DTEND: a date lasts one day, a date-time is an instant (RFC 5545 §3.6.1).
- Floating times are read as Europe/Helsinki.
- An event that cannot be read (a broken property, no start) is reported and skipped;
  a file that cannot be parsed at all raises ImportFailed and nothing is saved.
"""

import hashlib
import re
from datetime import UTC, date, datetime, time, timedelta

from dateutil.rrule import rruleset, rrulestr
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar

from events.errors import ImportFailed

from .common import MAX_EVENTS, Parsed, Record, plain_text

MAX_OCCURRENCES = 400  # of one series


def _text(component, name) -> str:
    value = component.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0]
    return plain_text(str(value)) if name == "DESCRIPTION" else " ".join(str(value).split())


def _uid(component) -> str:
    uid = _text(component, "UID")
    if uid:
        return uid[:400]
    # No UID (it is required, but not always there): a key from what identifies it.
    raw = "|".join(
        str(component.get(name).to_ical() if component.get(name) is not None else "")
        for name in ("DTSTART", "SUMMARY", "DESCRIPTION")
    )
    return "nouid-" + hashlib.sha256(raw.encode()).hexdigest()[:32]


def _local(value) -> tuple[datetime, bool]:
    """(an aware datetime, is it a whole date) for a DTSTART-like value."""
    if isinstance(value, datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value, False
    if isinstance(value, date):
        return timezone.make_aware(datetime.combine(value, time(0))), True
    raise ValueError(f"not a date or date-time: {value!r}")


def _duration(component, start, all_day) -> timedelta:
    if component.get("DTEND") is not None:
        end, _ = _local(component.decoded("DTEND"))
        return max(end - start, timedelta(0))
    if component.get("DURATION") is not None:
        return component.decoded("DURATION")
    return timedelta(days=1) if all_day else timedelta(0)


def _status(component) -> str:
    status = _text(component, "STATUS").upper()
    return "cancelled" if status == "CANCELLED" else "scheduled"


def _record(component, key: str, start: datetime, end: datetime, all_day: bool) -> Record:
    summary = _text(component, "SUMMARY")
    description = _text(component, "DESCRIPTION")
    name = summary or (description.split("\n", 1)[0][:200] if description else "") or key
    location = _text(component, "LOCATION")
    url = _text(component, "URL")
    organiser = component.get("ORGANIZER")
    organiser_name = str(organiser.params.get("CN", "")) if organiser is not None else ""
    categories = []
    found = component.get("CATEGORIES")
    for value in found if isinstance(found, list) else [found] if found is not None else []:
        for category in getattr(value, "cats", [value]):
            label = " ".join(str(category).split())[:200]
            if label:
                categories.append(("ical:" + label.lower()[:90], {"fi": label}))
    return Record(
        key=key,
        name={"fi": name},
        description={"fi": description},
        start=start,
        end=end,
        all_day=all_day,
        status=_status(component),
        location_name=location,
        info_url=url if url.startswith(("http://", "https://")) else "",
        organiser_name=organiser_name,
        keywords=categories,
    )


_UNTIL = re.compile(r"UNTIL=(\d{8}T\d{6})Z", re.I)


def _rule_text(component, tz, all_day: bool) -> str:
    """The RRULE lines, with a UTC UNTIL turned into the event's wall-clock time (the
    expansion runs on naive local times). For a series of whole days UNTIL is read as
    the date it names."""
    rules = component.get("RRULE")
    rules = rules if isinstance(rules, list) else [rules]
    lines = []
    for rule in rules:
        text = rule.to_ical().decode()

        def local_until(match):
            moment = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
            return "UNTIL=" + moment.astimezone(tz).strftime("%Y%m%dT%H%M%S")

        if all_day:
            lines.append("RRULE:" + _UNTIL.sub(lambda m: "UNTIL=" + m.group(1), text))
        else:
            lines.append("RRULE:" + _UNTIL.sub(local_until, text))
    return "\n".join(lines)


def _naive(value, tz, all_day):
    """A date/date-time as naive wall-clock time in ``tz`` (dates at midnight)."""
    moment, is_date = _local(value)
    if is_date:
        return datetime.combine(value, time(0)), True
    return moment.astimezone(tz).replace(tzinfo=None), False


def _dates(component, name):
    """The values of every EXDATE/RDATE line."""
    found = component.get(name)
    if found is None:
        return []
    found = found if isinstance(found, list) else [found]
    values = []
    for line in found:
        values.extend(item.dt for item in line.dts)
    return values


def _expand(component, window, overrides: dict, parsed: Parsed) -> list[Record]:
    uid = _uid(component)
    first, all_day = _local(component.decoded("DTSTART"))
    tz = first.tzinfo
    length = _duration(component, first, all_day)
    naive_start = first.replace(tzinfo=None)
    rules = rruleset()
    if component.get("RRULE") is not None:
        for rule in rrulestr(
            _rule_text(component, tz, all_day), dtstart=naive_start, forceset=True
        )._rrule:
            rules.rrule(rule)
    for value in _dates(component, "RDATE"):
        rules.rdate(_naive(value, tz, all_day)[0])
    excluded_days = set()
    for value in _dates(component, "EXDATE"):
        naive, is_date = _naive(value, tz, all_day)
        if is_date and not all_day:
            excluded_days.add(naive.date())
        else:
            rules.exdate(naive)
    low = window[0].astimezone(tz).replace(tzinfo=None) - length - timedelta(days=1)
    high = window[1].astimezone(tz).replace(tzinfo=None)
    records = []
    for naive in rules.xafter(max(low, naive_start - timedelta(seconds=1)), inc=True):
        if naive > high or len(records) >= MAX_OCCURRENCES:
            break
        if naive.date() in excluded_days:
            continue
        start = timezone.make_aware(naive, tz) if not all_day else timezone.make_aware(naive)
        key = f"{uid}@{naive.isoformat()}"
        override = overrides.pop(naive, None)
        if override is not None:
            records.append(_override(override, key))
            continue
        records.append(_record(component, key, start, start + length, all_day))
    # Overrides of occurrences outside the rule (moved in from elsewhere) stay events too.
    for naive, override in overrides.items():
        records.append(_override(override, f"{uid}@{naive.isoformat()}"))
    records = [r for r in records if r.end > window[0] and r.start < window[1]] if records else []
    if not records:
        return []
    parent = _record(component, uid, records[0].start, max(r.end for r in records), all_day)
    parent.status = "scheduled"
    for record in records:
        record.super_key = uid
    return [parent, *records]


def _override(component, key) -> Record:
    start, all_day = _local(component.decoded("DTSTART"))
    return _record(component, key, start, start + _duration(component, start, all_day), all_day)


def parse_ical(content: bytes, *, window: tuple[datetime, datetime]) -> Parsed:
    """Records of the events that touch ``window`` ([start, end), aware)."""
    try:
        calendars = Calendar.from_ical(content, multiple=True)
    except (ValueError, IndexError, KeyError, TypeError) as error:
        raise ImportFailed(
            _("The file is not valid iCalendar: %(error)s") % {"error": str(error)[:200]}
        ) from None
    if not calendars:
        raise ImportFailed(_("The file holds no calendar."))
    components = [c for cal in calendars for c in cal.walk("VEVENT")]
    parsed = Parsed()
    # RECURRENCE-ID overrides, by UID and the original start (naive, in the series' zone).
    overrides: dict[str, list] = {}
    masters = []
    for component in components:
        if component.get("RECURRENCE-ID") is not None:
            overrides.setdefault(_uid(component), []).append(component)
        else:
            masters.append(component)
    for component in masters:
        uid = _uid(component)
        try:
            if getattr(component, "errors", None):
                name, message = component.errors[0]
                raise ValueError(f"{name}: {message}")
            if component.get("DTSTART") is None:
                raise ValueError("DTSTART missing")
            first, _all_day = _local(component.decoded("DTSTART"))
            by_start = {}
            for override in overrides.pop(uid, []):
                rid = override.decoded("RECURRENCE-ID")
                by_start[_naive(rid, first.tzinfo, False)[0]] = override
            if component.get("RRULE") is not None or component.get("RDATE") is not None:
                records = _expand(component, window, by_start, parsed)
            else:
                start, all_day = _local(component.decoded("DTSTART"))
                end = start + _duration(component, start, all_day)
                records = [_record(component, uid, start, end, all_day)]
                records = [r for r in records if r.end >= window[0] and r.start < window[1]]
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as error:
            parsed.problems.append(
                _("Event %(uid)s was skipped: %(error)s") % {"uid": uid, "error": str(error)[:200]}
            )
            parsed.unreadable_keys.add(uid)
            continue
        parsed.records.extend(records)
        if len(parsed.records) > MAX_EVENTS:
            raise ImportFailed(
                _("The feed has more than %(count)s events.") % {"count": MAX_EVENTS}
            )
    # Overrides whose master is missing: plain events.
    for uid, items in overrides.items():
        for component in items:
            try:
                record = _override(component, f"{uid}@{component.decoded('RECURRENCE-ID')}")
            except (ValueError, TypeError, KeyError) as error:
                parsed.problems.append(
                    _("Event %(uid)s was skipped: %(error)s") % {"uid": uid, "error": error}
                )
                continue
            if record.end >= window[0] and record.start < window[1]:
                parsed.records.append(record)
    return parsed

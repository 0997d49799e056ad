"""Import of real-world feeds from the project's shared data (Linked Events responses of
Helsinki and Turku, iCalendar files with recurrences, exceptions, daylight-saving
changes and two broken files), read in place; see data/feeds/SOURCES.md there.

The folder is found through SHARED_DATA_DIR, by default ``../shared/data`` beside the
repository; the tests skip with the reason when it is not there."""

import datetime
import os
import zoneinfo
from pathlib import Path

import pytest
from django.db.models import F

from events.import_services import source_import
from events.models import Event, ImportSource

pytestmark = pytest.mark.django_db

REPOSITORY = Path(__file__).resolve().parents[2]
SHARED_DATA = Path(os.environ.get("SHARED_DATA_DIR", REPOSITORY.parent / "shared" / "data"))
FEEDS = SHARED_DATA / "feeds"
WINDOW = (
    datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC),
    datetime.datetime(2031, 1, 1, tzinfo=datetime.UTC),
)


@pytest.fixture
def feed():
    if not FEEDS.is_dir():
        pytest.skip(f"shared feed samples not found at {FEEDS} (set SHARED_DATA_DIR)")

    def read(name: str) -> bytes:
        return (FEEDS / name).read_bytes()

    return read


def run(feed, name, kind="ical", window=WINDOW):
    source = ImportSource.objects.create(name=name, kind=kind, url="https://example.fi/feed")
    return source, source_import(source=source, content=feed(name), window=window)


def occurrences(source):
    return list(Event.objects.filter(source=source, super_event__isnull=False).order_by("start"))


def test_weekly_series_with_two_exdates_in_utc_across_dst(feed):
    source, report = run(feed, "each_week_but_two_deleted.ics")
    assert report.ok and report.problems == []
    found = occurrences(source)
    assert len(found) == 6
    # 00:30 Berlin time every time, before and after the change on 31 March 2019.
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    assert [o.start.astimezone(berlin).strftime("%H:%M") for o in found] == ["00:30"] * 6
    days = {o.start.astimezone(berlin).date() for o in found}
    assert datetime.date(2019, 3, 11) not in days and datetime.date(2019, 3, 25) not in days


def test_a_cancelled_occurrence_is_marked_cancelled(feed):
    source, report = run(feed, "issue_18_cancel_status.ics")
    statuses = [o.status for o in occurrences(source)]
    assert statuses == ["scheduled", "cancelled", "scheduled"]


def test_a_moved_occurrence_keeps_its_identity(feed):
    source, report = run(
        feed,
        "issue_62_moved_event.ics",
        window=(
            datetime.datetime(2021, 11, 1, tzinfo=datetime.UTC),
            datetime.datetime(2022, 3, 1, tzinfo=datetime.UTC),
        ),
    )
    moved = Event.objects.get(source_key__endswith="@2021-12-31T21:30:00")
    assert moved.start.date() == datetime.date(2021, 12, 17)
    assert len(occurrences(source)) == 4  # Nov, Dec (moved), Jan, Feb


def test_a_google_feed_with_endless_series_stops_at_the_window(feed):
    window = (
        datetime.datetime(2019, 3, 1, tzinfo=datetime.UTC),
        datetime.datetime(2019, 5, 1, tzinfo=datetime.UTC),
    )
    source, report = run(feed, "daylight_saving_time.ics", window=window)
    assert report.ok and report.created > 0
    assert not Event.objects.filter(start__gte=window[1]).exists()
    assert not Event.objects.filter(end__lt=window[0] - datetime.timedelta(days=1)).exists()
    again = source_import(source=source, content=feed("daylight_saving_time.ics"), window=window)
    assert again.created == 0 and again.unchanged == report.created


def test_no_dtend_and_repeated_time_zones(feed):
    source, report = run(feed, "discourse_no_dtend.ics")
    assert report.ok and report.created >= 1
    # The first event has neither DTEND nor DURATION: an instant (RFC 5545 §3.6.1).
    assert Event.objects.filter(source=source, end=F("start")).exists()


def test_fifty_two_calendars_in_one_file(feed):
    source, report = run(feed, "SwedishHolidays2003-2006.ics")
    assert report.ok and report.created == 52
    new_year = Event.objects.filter(source=source, name_fi="Nyårsdagen").order_by("start").first()
    assert new_year.all_day and new_year.first_day == datetime.date(2003, 1, 1)


def test_a_broken_event_is_reported_and_the_good_one_kept(feed):
    source, report = run(feed, "parsing_error.ics")
    assert report.ok
    assert len(report.problems) == 1 and "EXDATE" in report.problems[0]
    names = set(Event.objects.filter(source=source).values_list("name_fi", flat=True))
    assert names == {"Perfectly OK event"}


def test_a_broken_calendar_is_refused_and_nothing_saved(feed):
    source, report = run(feed, "issue_104_broken_calendar.ics")
    assert not report.ok and "could not be parsed" in report.failed
    assert not Event.objects.exists()


def test_helsinki_linked_events(feed):
    source, report = run(feed, "linkedevents_helsinki_event_list.json", kind="linkedevents")
    assert report.ok and report.created == 2, report.problems
    online = Event.objects.get(source_key="helsinki:afy6ikna3u")
    assert online.location_kind == "online" and online.name_sv == ""
    assert online.keywords.count() == 7 and online.languages == ["fi"] and online.is_free
    postponed = Event.objects.get(source_key="helsinki:afxp6tv4xa")
    assert postponed.status == "postponed" and postponed.start is None
    assert postponed.price == "5-15€" and not postponed.is_free
    assert postponed.name_en == ""  # the same text as in Finnish is no translation
    assert postponed.image_url and postponed.image_alt_fi
    # The more pages upstream are not read from a file, so nothing is deleted.
    assert report.problems


def test_turku_linked_events(feed):
    source, report = run(feed, "linkedevents_turku_event_list.json", kind="linkedevents")
    assert report.ok and report.created == 1, report.problems
    event = Event.objects.get()
    assert event.status == "scheduled"  # EventRescheduled: moved, with its new time
    assert event.place.name_fi and "\n" not in event.place.name_fi
    assert event.price.endswith("2,50 €") and "<p>" not in event.price
    assert event.super_event is None  # its series is not in the feed

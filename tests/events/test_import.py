"""Event import from our own small iCalendar and Linked Events fixtures: idempotent
(the same id updates, never duplicates), removed upstream becomes deleted, a report of
what changed, bad input refused clearly with nothing partial saved; from a local HTTP
server, by the command and by the Celery task."""

import datetime
import http.server
import json
import threading

import pytest
from django.core.management import call_command

from events import tasks
from events.import_services import source_import
from events.models import Event, ImportSource, Keyword
from tests.factories.organisations import MunicipalityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

WINDOW = (
    datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC),
    datetime.datetime(2027, 6, 1, tzinfo=datetime.UTC),
)

ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Porin Kuoro//FI
BEGIN:VTIMEZONE
TZID:Europe/Helsinki
BEGIN:STANDARD
DTSTART:19701025T040000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
TZOFFSETFROM:+0300
TZOFFSETTO:+0200
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700329T030000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
TZOFFSETFROM:+0200
TZOFFSETTO:+0300
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
UID:joulukonsertti-2026@porinkuoro.example
DTSTAMP:20261101T100000Z
DTSTART;TZID=Europe/Helsinki:20261213T180000
DTEND;TZID=Europe/Helsinki:20261213T200000
SUMMARY:Joulukonsertti
DESCRIPTION:Perinteinen joulukonsertti Porin kirkossa.
LOCATION:Keski-Porin kirkko\\, Hallituskatu 1
CATEGORIES:Musiikki,Kuorot
END:VEVENT
BEGIN:VEVENT
UID:harjoitukset@porinkuoro.example
DTSTAMP:20261101T100000Z
DTSTART;TZID=Europe/Helsinki:20270317T180000
DTEND;TZID=Europe/Helsinki:20270317T193000
RRULE:FREQ=WEEKLY;COUNT=3
SUMMARY:Avoimet harjoitukset
END:VEVENT
END:VCALENDAR
"""


def linked_events(*items, next_url=None):
    return json.dumps(
        {"meta": {"count": len(items), "next": next_url, "previous": None}, "data": list(items)}
    ).encode()


def le_event(key="satakunta:1", **overrides):
    item = {
        "id": key,
        "@id": f"https://api.example.fi/v1/event/{key}/",
        "name": {"fi": "Kirjastoilta", "sv": "Biblioteksafton", "en": None},
        "short_description": {"fi": "Tervetuloa!"},
        "description": {"fi": "<p>Ohjelmassa <b>runoja</b>.<br>Vapaa pääsy.</p>"},
        "start_time": "2026-12-10T15:00:00Z",
        "end_time": "2026-12-10T17:00:00Z",
        "event_status": "EventScheduled",
        "location": {"@id": "https://api.example.fi/v1/place/tprek:1/"},
        "location_extra_info": None,
        "keywords": [{"@id": "https://api.example.fi/v1/keyword/yso:p2787/"}],
        "in_language": [{"@id": "https://api.example.fi/v1/language/fi/"}],
        "offers": [{"is_free": True, "price": None, "info_url": None}],
        "info_url": {"fi": "https://kirjasto.example.fi/ilta"},
        "images": [],
        "super_event": None,
        "provider": {"fi": "Porin kaupunginkirjasto"},
    }
    item.update(overrides)
    return item


@pytest.fixture
def ical_source():
    return ImportSource.objects.create(
        name="Porin Kuoro",
        kind=ImportSource.Kind.ICALENDAR,
        url="https://porinkuoro.example/kalenteri.ics",
        organisation=OrganisationFactory(name_fi="Porin Kuoro ry"),
        municipality=MunicipalityFactory(),
    )


@pytest.fixture
def le_source():
    return ImportSource.objects.create(
        name="Kirjasto",
        kind=ImportSource.Kind.LINKED_EVENTS,
        url="https://api.example.fi/v1/event/",
    )


def test_ical_import_creates_events_and_series(ical_source):
    report = source_import(source=ical_source, content=ICS.encode(), window=WINDOW)
    assert report.ok and report.created == 5 and report.problems == []
    concert = Event.objects.get(source_key="joulukonsertti-2026@porinkuoro.example")
    assert concert.name_fi == "Joulukonsertti" and concert.is_public
    assert concert.organisation.name_fi == "Porin Kuoro ry"
    assert concert.start == datetime.datetime(2026, 12, 13, 16, 0, tzinfo=datetime.UTC)
    assert concert.place.name_fi == "Keski-Porin kirkko, Hallituskatu 1"
    assert set(concert.keywords.values_list("name_fi", flat=True)) == {"Musiikki", "Kuorot"}
    series = Event.objects.get(source_key="harjoitukset@porinkuoro.example")
    occurrences = list(series.sub_events.order_by("start"))
    assert len(occurrences) == 3
    # 18:00 local every week, across the change to summer time on 28 March 2027.
    assert [o.start.astimezone(datetime.UTC).hour for o in occurrences] == [16, 16, 15]


def test_a_second_import_changes_nothing_and_duplicates_nothing(ical_source):
    source_import(source=ical_source, content=ICS.encode(), window=WINDOW)
    modified = {e.pk: e.last_modified for e in Event.objects.all()}
    report = source_import(source=ical_source, content=ICS.encode(), window=WINDOW)
    assert (report.created, report.updated, report.unchanged, report.deleted) == (0, 0, 5, 0)
    assert Event.objects.count() == 5
    assert {e.pk: e.last_modified for e in Event.objects.all()} == modified
    ical_source.refresh_from_db()
    assert ical_source.last_report["unchanged"] == 5 and ical_source.last_run_at


def test_a_changed_event_is_updated_and_a_removed_one_deleted(ical_source):
    source_import(source=ical_source, content=ICS.encode(), window=WINDOW)
    changed = ICS.replace("SUMMARY:Joulukonsertti", "SUMMARY:Joulukonsertti (uusi aika)").replace(
        "RRULE:FREQ=WEEKLY;COUNT=3", "RRULE:FREQ=WEEKLY;COUNT=2"
    )
    report = source_import(source=ical_source, content=changed.encode(), window=WINDOW)
    assert report.updated >= 2 and report.deleted == 1 and report.created == 0
    concert = Event.objects.get(source_key="joulukonsertti-2026@porinkuoro.example")
    assert concert.name_fi == "Joulukonsertti (uusi aika)"
    assert Event.objects.filter(source=ical_source, deleted_at__isnull=False).count() == 1
    # Back upstream: back here, the same row.
    report = source_import(source=ical_source, content=ICS.encode(), window=WINDOW)
    assert Event.objects.filter(source=ical_source, deleted_at__isnull=True).count() == 5
    assert Event.objects.count() == 5


def test_linked_events_import(le_source):
    report = source_import(source=le_source, content=linked_events(le_event()), window=WINDOW)
    assert report.ok and report.created == 1
    event = Event.objects.get()
    assert (event.name_fi, event.name_sv, event.name_en) == ("Kirjastoilta", "Biblioteksafton", "")
    assert event.description_fi == "Ohjelmassa runoja.\nVapaa pääsy."
    assert event.organiser_name == "Porin kaupunginkirjasto"
    assert event.languages == ["fi"] and event.info_url == "https://kirjasto.example.fi/ilta"
    assert Keyword.objects.get().code == "yso:p2787"
    assert event.place.source_key.endswith(":tprek:1")


def test_an_event_deleted_upstream_is_deleted_here(le_source):
    source_import(source=le_source, content=linked_events(le_event(), le_event("satakunta:2")))
    report = source_import(source=le_source, content=linked_events(le_event()))
    assert report.deleted == 1
    assert Event.objects.get(source_key="satakunta:2").is_deleted


def test_a_feed_with_more_pages_than_read_deletes_nothing(le_source):
    source_import(source=le_source, content=linked_events(le_event(), le_event("satakunta:2")))
    report = source_import(
        source=le_source,
        content=linked_events(le_event(), next_url="https://api.example.fi/?page=2"),
    )
    assert report.deleted == 0 and report.problems
    assert not Event.objects.filter(deleted_at__isnull=False).exists()


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"name": {"fi": "x" * 500}}, "name_fi"),
        (
            {"start_time": "2026-12-10T18:00:00Z", "end_time": "2026-12-10T17:00:00Z"},
            "Päättymisaika",
        ),
        ({"start_time": None, "end_time": None}, "alkamisaika puuttuu"),
        (
            {
                "info_url": {"fi": "javascript:alert(1)"},
                "location": None,
                "is_virtualevent": True,
                "virtual_event_url": "javascript:alert(1)",
                "@id": "javascript:alert(1)",
            },
            "online_url",
        ),
        ({"start_time": "eilen"}, "not a time"),
    ],
)
def test_a_bad_event_is_skipped_with_a_clear_message(le_source, overrides, reason):
    good = le_event("satakunta:ok")
    report = source_import(
        source=le_source, content=linked_events(good, le_event("satakunta:bad", **overrides))
    )
    assert report.ok and report.created == 1
    assert len(report.problems) == 1 and "satakunta:bad" in report.problems[0]
    assert reason in report.problems[0] or reason in json.dumps(report.problems)
    assert list(Event.objects.values_list("source_key", flat=True)) == ["satakunta:ok"]


@pytest.mark.parametrize(
    "content",
    [b"<html>not json</html>", b'{"meta": {}, "results": []}', b"[1, 2, 3]", b"\xff\xfe\x00"],
)
def test_a_feed_that_cannot_be_read_saves_nothing(le_source, content):
    report = source_import(source=le_source, content=content)
    assert not report.ok and report.failed
    assert Event.objects.count() == 0
    le_source.refresh_from_db()
    assert le_source.last_report["failed"]


def test_a_broken_ical_file_saves_nothing(ical_source):
    source_import(source=ical_source, content=ICS.encode(), window=WINDOW)
    broken = ICS.replace("END:VEVENT\nEND:VCALENDAR", "END:VEVENT\nX\nEND:VCALENDAR")
    report = source_import(source=ical_source, content=broken.encode(), window=WINDOW)
    assert not report.ok and "iCalendar" in report.failed
    # Nothing changed, nothing deleted.
    assert Event.objects.filter(deleted_at__isnull=True).count() == 5


class _Handler(http.server.BaseHTTPRequestHandler):
    pages: dict[str, tuple[str, bytes]] = {}

    def do_GET(self):  # noqa: N802
        if self.path not in self.pages:
            self.send_error(404)
            return
        content_type, body = self.pages[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", _Handler.pages
    httpd.shutdown()
    httpd.server_close()
    _Handler.pages.clear()


def test_import_from_a_local_server_follows_pages(server):
    base, pages = server
    pages["/v1/event/"] = (
        "application/json",
        linked_events(le_event(), next_url=f"{base}/v1/event/?page=2"),
    )
    pages["/v1/event/?page=2"] = ("application/json", linked_events(le_event("satakunta:2")))
    pages["/kalenteri.ics"] = ("text/calendar", ICS.encode())
    le = ImportSource.objects.create(name="LE", kind="linkedevents", url=f"{base}/v1/event/")
    report = source_import(source=le)
    assert report.ok and report.created == 2
    ical = ImportSource.objects.create(name="ICS", kind="ical", url=f"{base}/kalenteri.ics")
    assert source_import(source=ical, window=WINDOW).created == 5
    missing = ImportSource.objects.create(name="404", kind="ical", url=f"{base}/ei-ole.ics")
    report = source_import(source=missing)
    assert not report.ok and "404" in report.failed


def test_the_command_and_the_task(server, capsys):
    base, pages = server
    pages["/v1/event/"] = ("application/json", linked_events(le_event()))
    source = ImportSource.objects.create(
        name="Kirjasto", kind="linkedevents", url=f"{base}/v1/event/"
    )
    call_command("import_events")
    assert f"{source.pk} Kirjasto: 1 " in capsys.readouterr().out
    assert Event.objects.count() == 1
    result = tasks.import_event_source.apply(args=[source.pk]).get()
    assert result["unchanged"] == 1
    ((source_id, summary),) = tasks.import_event_sources.apply().get()
    assert source_id == source.pk and summary.startswith("0 ")


def test_the_command_reports_a_failure(ical_source, tmp_path):
    path = tmp_path / "rikki.ics"
    path.write_bytes(b"BEGIN:VCALENDAR\nX\nEND:VCALENDAR\n")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_events", "--source", str(ical_source.pk), "--file", str(path))
    assert exit_info.value.code == 1


def test_an_event_deleted_upstream_leaves_the_page_cache_at_once(
    le_source, django_capture_on_commit_callbacks
):
    """The deletion is a bulk update, which signals do not see: it bumps the calendar's
    page-cache version itself, so a kept list no longer shows the event."""
    from core import pagecache

    source_import(source=le_source, content=linked_events(le_event(), le_event("satakunta:2")))
    before = pagecache.version("events")
    with django_capture_on_commit_callbacks(execute=True):
        report = source_import(source=le_source, content=linked_events(le_event()))
    assert report.deleted == 1 and report.updated == 0
    assert pagecache.version("events") != before

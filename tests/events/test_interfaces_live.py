"""The named clients against a real server (pytest-django's live_server, over HTTP on
loopback), as other systems read the portal: icalendar and recurring-ical-events read
the calendar feed, feedparser the RSS and Atom feeds, openapi-spec-validator the
schema; each with gzip, ETag and 304 as a polling client sees them."""

import datetime

import feedparser
import pytest
import recurring_ical_events
import requests
import yaml
from icalendar import Calendar
from openapi_spec_validator import validate

from events.models import Event
from tests.factories.events import EventFactory
from tests.factories.facilities import at


def soon(days, hour):
    return at(datetime.date.today() + datetime.timedelta(days=days), hour)


@pytest.fixture
def server(live_server, settings, transactional_db):
    settings.SITE_URL = live_server.url
    EventFactory(name_fi="Konsertti", start=soon(3, 18), end=soon(3, 20))
    EventFactory(name_fi="Hetki", start=soon(4, 12), end=soon(4, 12))
    EventFactory(name_fi="Messut", all_day=True, start=soon(5, 0), end=soon(7, 0))
    course = EventFactory(
        name_fi="Kurssi",
        kind=Event.Kind.COURSE,
        place=None,
        online_url="https://keskus.example.fi/koulutukset/1/",
        start=soon(6, 17),
        end=soon(13, 19),
    )
    for n in (6, 13):
        EventFactory(name_fi="Kurssi", super_event=course, start=soon(n, 17), end=soon(n, 19))
    return live_server.url


def test_calendar_clients_read_the_feed_and_poll_it_with_304(server):
    response = requests.get(server + "/events/feed.ics", timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"  # requests asks for it
    calendar = Calendar.from_ical(response.content)
    today = datetime.date.today()
    occurrences = recurring_ical_events.of(calendar).between(
        today, today + datetime.timedelta(days=30)
    )
    names = sorted(str(event["SUMMARY"]) for event in occurrences)
    assert names == ["Hetki", "Konsertti", "Kurssi", "Kurssi", "Messut"]
    for event in calendar.walk("VEVENT"):
        if "DTEND" in event:
            assert event["DTEND"].dt > event["DTSTART"].dt
    again = requests.get(
        server + "/events/feed.ics",
        headers={"If-None-Match": response.headers["ETag"]},
        timeout=10,
    )
    assert again.status_code == 304
    cors = requests.get(
        server + "/events/feed.ics", headers={"Origin": "https://x.example"}, timeout=10
    )
    assert cors.headers["Access-Control-Allow-Origin"] == "*"


def test_feed_readers_read_rss_and_atom(server):
    for path in ("/events/feed.rss", "/events/feed.atom"):
        feed = feedparser.parse(requests.get(server + path, timeout=10).content)
        assert not feed.bozo, feed.bozo_exception
        assert len(feed.entries) == 5
        assert all(entry.link.startswith(server + "/tapahtumat/") for entry in feed.entries)
        assert feed.feed.link.startswith(server)
    etag = requests.get(server + "/events/feed.atom", timeout=10).headers["ETag"]
    parsed = feedparser.parse(server + "/events/feed.atom", etag=etag)
    assert parsed.status == 304


def test_the_schema_validates_as_served(server):
    response = requests.get(server + "/api/schema/", timeout=10)
    assert response.status_code == 200 and response.headers["Content-Encoding"] == "gzip"
    validate(yaml.safe_load(response.content))

"""iCalendar, RSS, Atom and JSON-LD as their readers expect them: DTEND after DTSTART,
a course's sessions in the feeds instead of one block around them, Atom's required
ids and author, and JSON-LD dates, places, offers and OpenGraph tags."""

import datetime
import json
import re

import feedparser
import pytest
import recurring_ical_events
import time_machine
from icalendar import Calendar

from events.models import Event
from tests.factories.events import EventFactory
from tests.factories.facilities import RoomFactory, at

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def day(n):
    return datetime.date(2026, 12, 2) + datetime.timedelta(days=n)


def course_with_sessions():
    """As trainings/calendar.py announces a training: the course online at the
    training's page, spanning two weeks, and its sessions in a room."""
    room = RoomFactory()
    course = EventFactory(
        name_fi="Hallituskoulutus",
        kind=Event.Kind.COURSE,
        place=None,
        online_url="https://keskus.example.fi/koulutukset/1/",
        start=at(day(14), 17),
        end=at(day(28), 19),
        is_free=False,
        price="20 € / 35,50 €",
    )
    sessions = [
        EventFactory(
            name_fi="Hallituskoulutus",
            kind=Event.Kind.COURSE,
            place=None,
            room=room,
            super_event=course,
            start=at(day(n), 17),
            end=at(day(n), 19),
        )
        for n in (14, 21, 28)
    ]
    return course, sessions


def test_an_instant_has_no_dtend_and_clients_read_it(client):
    EventFactory(name_fi="Hetki", start=at(day(3), 12), end=at(day(3), 12))
    body = client.get("/events/feed.ics").content
    vevent = Calendar.from_ical(body).walk("VEVENT")[0]
    assert "DTEND" not in vevent and "DURATION" not in vevent
    window = recurring_ical_events.of(Calendar.from_ical(body)).between(day(0), day(10))
    assert [str(e["SUMMARY"]) for e in window] == ["Hetki"]


def test_feeds_list_a_courses_sessions_not_the_course(client):
    course, sessions = course_with_sessions()
    cal = Calendar.from_ical(client.get("/events/feed.ics").content)
    starts = sorted(e["DTSTART"].dt for e in cal.walk("VEVENT"))
    assert starts == [s.start for s in sessions]
    assert all(
        e["DTEND"].dt - e["DTSTART"].dt == datetime.timedelta(hours=2) for e in cal.walk("VEVENT")
    )
    rss = feedparser.parse(client.get("/events/feed.rss").content)
    assert len(rss.entries) == 3
    api = client.get("/api/v1/events/").json()["data"]
    types = {item["id"]: (item["super_event_type"], item["sub_event_type"]) for item in api}
    assert types[course.pk] == ("recurring", None)
    assert {types[s.pk] for s in sessions} == {(None, "sub_recurring")}


def test_atom_entries_have_iri_ids_and_the_feed_an_author(client):
    event = EventFactory()
    atom = feedparser.parse(client.get("/events/feed.atom").content)
    assert not atom.bozo
    assert atom.feed.author_detail.name == "Yhteisökeskus"
    (entry,) = atom.entries
    assert entry.id == f"http://127.0.0.1:8000/tapahtumat/{event.pk}/"
    assert entry.link == entry.id


def jsonld(client, event):
    page = client.get(f"/tapahtumat/{event.pk}/").content.decode()
    data = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(data.group(1)), page


def test_a_date_only_event_ends_on_its_last_day(client):
    event = EventFactory(all_day=True, start=at(day(4), 0), end=at(day(6), 0))
    data, _page = jsonld(client, event)
    assert (data["startDate"], data["endDate"]) == (day(4).isoformat(), day(5).isoformat())


def test_a_course_in_a_room_is_not_marked_online(client):
    course, sessions = course_with_sessions()
    data, _page = jsonld(client, course)
    assert data["location"]["@type"] == "Place"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["offers"] == {
        "@type": "Offer",
        "priceCurrency": "EUR",
        "availability": "https://schema.org/InStock",
        "url": f"http://127.0.0.1:8000/tapahtumat/{course.pk}/",
        "description": "20 € / 35,50 €",
        "price": "20",
    }


def test_offers_organizer_url_and_opengraph(client):
    event = EventFactory(name_fi="Ilmainen konsertti", short_description_fi="Tervetuloa!")
    data, page = jsonld(client, event)
    assert data["offers"]["price"] == "0" and data["offers"]["priceCurrency"] == "EUR"
    assert data["organizer"]["url"].startswith("http://127.0.0.1:8000/")
    assert '<meta property="og:title" content="Ilmainen konsertti">' in page
    assert (
        f'<meta property="og:url" content="http://127.0.0.1:8000/tapahtumat/{event.pk}/">' in page
    )
    assert '<meta property="og:description" content="Tervetuloa!">' in page

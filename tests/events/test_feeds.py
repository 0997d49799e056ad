"""The calendar's feeds: /events/feed.ics with the list's filters (valid RFC 5545,
stable UIDs, the time zone included), an event's own .ics, and RSS and Atom."""

import datetime
import xml.etree.ElementTree as ET

import pytest
import time_machine
from icalendar import Calendar

from events.models import Event
from tests.factories.events import EventFactory, KeywordFactory
from tests.factories.facilities import at

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def day(n):
    return datetime.date(2026, 12, 2) + datetime.timedelta(days=n)


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_the_feed_answers_at_events_feed_ics_in_every_language(client):
    EventFactory(name_fi="Konsertti", name_sv="Konsert")
    fi = parse(client.get("/events/feed.ics"))
    sv = parse(client.get("/sv/events/feed.ics"))
    assert [str(e["SUMMARY"]) for e in fi.walk("VEVENT")] == ["Konsertti"]
    assert [str(e["SUMMARY"]) for e in sv.walk("VEVENT")] == ["Konsert"]


def test_the_feed_is_valid_with_time_zone_and_stable_uids(client):
    event = EventFactory(start=at(day(3), 18), end=at(day(3), 20), keywords=[KeywordFactory()])
    EventFactory(all_day=True, start=at(day(4), 0), end=at(day(6), 0))
    first = client.get("/events/feed.ics").content
    cal = Calendar.from_ical(first)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    timed, all_day = cal.walk("VEVENT")
    assert timed["UID"] == f"event-{event.pk}@yhteisokeskus"
    assert timed["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert timed["DTSTART"].dt == event.start
    for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
        assert required in timed
    assert all_day["DTSTART"].dt == day(4) and all_day["DTEND"].dt == day(6)
    assert all_day["DTSTART"].params.get("VALUE") == "DATE"
    assert b"\r\n" in first and all(len(line) <= 75 for line in first.split(b"\r\n"))
    # The same state gives the same bytes: calendar apps see no change on a re-poll.
    assert client.get("/events/feed.ics").content == first


def test_the_feed_honours_the_list_filters(client):
    EventFactory(
        name_fi="Lapsille", audiences=["children"], start=at(day(1), 10), end=at(day(1), 11)
    )
    EventFactory(
        name_fi="Aikuisille", audiences=["adults"], start=at(day(9), 10), end=at(day(9), 11)
    )
    summaries = lambda **q: [  # noqa: E731
        str(e["SUMMARY"]) for e in parse(client.get("/events/feed.ics", q)).walk("VEVENT")
    ]
    assert summaries(audience="children") == ["Lapsille"]
    assert summaries(when="week") == ["Lapsille"]
    assert summaries(text="aikuisille") == ["Aikuisille"]


def test_cancelled_events_stay_in_the_feed_as_cancelled(client):
    EventFactory(status=Event.Status.CANCELLED)
    (item,) = parse(client.get("/events/feed.ics")).walk("VEVENT")
    assert item["STATUS"] == "CANCELLED"


def test_an_events_own_calendar_file(client):
    event = EventFactory(name_fi="Luento")
    response = client.get(f"/tapahtumat/{event.pk}/kalenteriin.ics")
    assert "attachment" in response["Content-Disposition"]
    (item,) = parse(response).walk("VEVENT")
    assert str(item["SUMMARY"]) == "Luento" and str(item["URL"]).endswith(
        f"/tapahtumat/{event.pk}/"
    )


def test_rss_and_atom(client):
    EventFactory(name_fi="Konsertti", audiences=["families"])
    EventFactory(name_fi="Luento", audiences=["adults"])
    rss = ET.fromstring(client.get("/events/feed.rss", {"audience": "families"}).content)
    assert [i.findtext("title") for i in rss.iter("item")] == ["Konsertti"]
    atom = ET.fromstring(client.get("/en/events/feed.atom").content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert {e.findtext("a:title", namespaces=ns) for e in atom.findall("a:entry", ns)} == {
        "Konsertti",
        "Luento",
    }


def test_long_lines_are_folded_at_75_octets_without_splitting_letters(client):
    name = "Äänekosken ja Öljymäen yhteinen kesäjuhla – ääkköset, puolipisteet; ja \\ kenoviiva"
    EventFactory(name_fi=name, short_description_fi="ä" * 120)
    response = client.get("/events/feed.ics")
    lines = response.content.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode()  # every physical line is whole UTF-8
    (event,) = parse(response).walk("VEVENT")
    assert str(event["SUMMARY"]) == name
    assert str(event["DESCRIPTION"]).startswith("ä" * 120 + "\n\n")

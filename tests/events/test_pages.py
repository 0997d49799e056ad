"""The public calendar pages: the list with its filters, the month view and an event's
page, in three languages, with a constant number of queries."""

import datetime
import json
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from events.models import Event
from tests.factories.events import EventFactory, KeywordFactory, PlaceFactory
from tests.factories.facilities import at
from tests.factories.organisations import MunicipalityFactory

pytestmark = pytest.mark.django_db

# Wednesday 2 December 2026, noon in Helsinki.
NOW = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def day(n):
    return datetime.date(2026, 12, 2) + datetime.timedelta(days=n)


def names(response):
    return [e.name for e in response.context["events"]]


def url(name, language="fi", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def test_the_list_shows_upcoming_public_events_only(client):
    EventFactory(name_fi="Tuleva", start=at(day(1), 18), end=at(day(1), 20))
    EventFactory(name_fi="Mennyt", start=at(day(-1), 18), end=at(day(-1), 20))
    EventFactory(name_fi="Luonnos", publication=Event.Publication.DRAFT)
    EventFactory(name_fi="Jätetty", publication=Event.Publication.SUBMITTED)
    EventFactory(name_fi="Poistettu", deleted_at=NOW)
    response = client.get(url("events:list"))
    assert response.status_code == 200
    assert names(response) == ["Tuleva"]


def test_quick_dates_today_week_and_weekend(client):
    EventFactory(name_fi="Tänään", start=at(day(0), 18), end=at(day(0), 20))
    EventFactory(name_fi="Huomenna", start=at(day(1), 18), end=at(day(1), 20))
    EventFactory(name_fi="Lauantaina", start=at(day(3), 12), end=at(day(3), 14))
    EventFactory(name_fi="Ensi viikolla", start=at(day(6), 12), end=at(day(6), 14))
    EventFactory(name_fi="Jo ohi", start=at(day(0), 8), end=at(day(0), 9))
    get = lambda **q: names(client.get(url("events:list"), q))  # noqa: E731
    assert get(when="today") == ["Tänään"]
    assert get(when="tomorrow") == ["Huomenna"]
    assert get(when="week") == ["Tänään", "Huomenna", "Lauantaina"]
    assert get(when="weekend") == ["Lauantaina"]
    assert get(start=day(1).isoformat(), end=day(3).isoformat()) == ["Huomenna", "Lauantaina"]


def test_a_running_event_counts_for_the_range(client):
    EventFactory(name_fi="Näyttely", all_day=True, start=at(day(-3), 0), end=at(day(10), 0))
    assert names(client.get(url("events:list"), {"when": "weekend"})) == ["Näyttely"]


def test_filters(client):
    rauma = MunicipalityFactory(code="684", name_fi="Rauma")
    choir = KeywordFactory(code="kuoro", name_fi="Kuorolaulu")
    EventFactory(
        name_fi="Kuorokonsertti",
        keywords=[choir],
        audiences=["families"],
        languages=["fi", "sv"],
        is_free=False,
        price="10 €",
        induction_loop=True,
    )
    EventFactory(
        name_fi="Rauman kahvila",
        place=PlaceFactory(municipality=rauma),
        audiences=["older_people"],
        wheelchair_accessible=True,
    )
    online = EventFactory(name_fi="Verkkoluento", place=None, online_url="https://x.example.fi")
    get = lambda **q: names(client.get(url("events:list"), q))  # noqa: E731
    assert get(keyword="kuoro") == ["Kuorokonsertti"]
    assert get(audience="older_people") == ["Rauman kahvila"]
    assert get(language="sv") == ["Kuorokonsertti"]
    assert get(municipality="684") == ["Rauman kahvila"]
    assert set(get(is_free="true")) == {"Rauman kahvila", "Verkkoluento"}
    assert get(accessibility=["induction_loop"]) == ["Kuorokonsertti"]
    assert get(accessibility=["induction_loop", "wheelchair_accessible"]) == []
    assert get(organiser=str(online.organisation_id)) == ["Verkkoluento"]
    assert get(text="kuorokonsertteihin") == ["Kuorokonsertti"]


def test_a_bad_filter_shows_a_message_not_an_error(client):
    response = client.get(url("events:list"), {"start": "eilen", "audience": "kaikki"})
    assert response.status_code == 200
    assert names(response) == []
    assert set(response.context["form"].errors) == {"start", "audience"}
    assert "Tarkista rajaukset" in response.content.decode()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_list_in_three_languages(client, language):
    EventFactory(name_fi="Konsertti", name_sv="Konsert", name_en="Concert")
    response = client.get(url("events:list", language))
    expected = {"fi": "Konsertti", "sv": "Konsert", "en": "Concert"}[language]
    assert expected in response.content.decode()
    assert f'<html lang="{language}"' in response.content.decode()


def test_the_list_pages(client):
    for n in range(25):
        EventFactory(start=at(day(1), 8) + datetime.timedelta(minutes=n))
    first = client.get(url("events:list"))
    second = client.get(url("events:list"), {"page": 2})
    assert len(first.context["events"]) == 20 and len(second.context["events"]) == 5


def _queries(client, django_assert_max_num_queries, path, params=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, params or {}).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "name", ["events:list", "events:calendar", "events:feed_ics", "events:feed_rss"]
)
def test_query_count_does_not_grow_with_events(client, django_assert_max_num_queries, name):
    keyword = KeywordFactory(code="kuoro")
    EventFactory(start=at(day(1), 18), end=at(day(1), 19), keywords=[keyword])
    client.get(url(name))  # warm the caches (the current Site)
    few = _queries(client, django_assert_max_num_queries, url(name))
    for n in range(15):
        EventFactory(start=at(day(1 + n % 5), 18), end=at(day(1 + n % 5), 19), keywords=[keyword])
    many = _queries(client, django_assert_max_num_queries, url(name))
    assert few == many


def test_list_query_count(client, django_assert_num_queries):
    for _n in range(5):
        EventFactory(keywords=[KeywordFactory()])
    # count, page, keywords of the page, and the filter form's three choice lists ...
    with django_assert_num_queries(6):
        client.get(url("events:list"))
    # ... which later requests take from the cache.
    with django_assert_num_queries(3):
        client.get(url("events:list"))


def test_the_month_view(client):
    EventFactory(name_fi="Joulukonsertti", start=at(day(18), 18), end=at(day(18), 20))
    for n in range(5):
        EventFactory(
            name_fi=f"Päivän tapahtuma {n}", start=at(day(5), 10 + n), end=at(day(5), 11 + n)
        )
    response = client.get(url("events:calendar"), {"month": "2026-12"})
    body = response.content.decode()
    assert "Joulukonsertti" in body
    cells = {c.date: c for week in response.context["weeks"] for c in week}
    assert [e.event.name for e in cells[day(5)].events] == [
        f"Päivän tapahtuma {n}" for n in range(3)
    ]
    assert cells[day(5)].more
    assert client.get(url("events:calendar"), {"month": "2027-01"}).context["weeks"]
    assert client.get(url("events:calendar"), {"month": "roska"}).status_code == 200


def test_the_detail_page_has_schema_org_json_ld(client):
    event = EventFactory(
        name_fi="Kuorokonsertti",
        is_free=False,
        price="10 €",
        languages=["fi"],
        place=PlaceFactory(name_fi="Porin kirkko", street_address="Hallituskatu 1"),
    )
    response = client.get(url("events:detail", pk=event.pk))
    body = response.content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)[1]
    )
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == "Kuorokonsertti"
    assert data["startDate"].startswith(event.start.astimezone().date().isoformat()[:4])
    assert data["location"]["address"]["streetAddress"] == "Hallituskatu 1"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["offers"]["description"] == "10 €"
    assert url("events:detail_ics", pk=event.pk) in body


def test_hostile_text_cannot_break_out_of_the_json_ld(client):
    event = EventFactory(name_fi="</script><script>alert(1)</script>")
    body = client.get(url("events:detail", pk=event.pk)).content.decode()
    assert "<script>alert(1)" not in body


def test_a_draft_or_deleted_event_answers_404(client):
    draft = EventFactory(publication=Event.Publication.DRAFT)
    deleted = EventFactory(deleted_at=NOW)
    for event in (draft, deleted):
        assert client.get(url("events:detail", pk=event.pk)).status_code == 404
        assert client.get(url("events:detail_ics", pk=event.pk)).status_code == 404


def cells(response):
    return {c.date: c for week in response.context["weeks"] for c in week}


def on_days(response, name):
    """The days of the grid showing the event ``name``, each with whether it is marked
    as continuing there."""
    return {
        c.date: entry.continues
        for c in cells(response).values()
        for entry in c.events
        if entry.event.name == name
    }


def month(client, value="2026-12", **filters):
    return client.get(url("events:calendar"), {"month": value, **filters})


def test_an_event_of_three_days_shows_on_each_of_them(client):
    EventFactory(name_fi="Taidenäyttely", start=at(day(5), 10), end=at(day(7), 16))
    response = month(client)
    assert on_days(response, "Taidenäyttely") == {day(5): False, day(6): True, day(7): True}
    # In the grid of wide screens (the agenda of phones repeats it).
    body = response.content.decode().split('class="table-wrap month-grid"')[1]
    assert body.count("Taidenäyttely") == 3
    assert body.count("(jatkuu)") == 2


def test_an_event_from_the_previous_month_shows_at_the_start_of_this_one(client):
    # From Friday 27 November to Thursday 3 December: the grid of December 2026
    # begins on Monday 30 November.
    EventFactory(
        name_fi="Adventtimyyjäiset",
        start=at(datetime.date(2026, 11, 27), 12),
        end=at(datetime.date(2026, 12, 3), 15),
    )
    shown = on_days(month(client), "Adventtimyyjäiset")
    assert shown == {
        datetime.date(2026, 11, 30): True,
        datetime.date(2026, 12, 1): True,
        datetime.date(2026, 12, 2): True,
        datetime.date(2026, 12, 3): True,
    }
    # And from its first day in the month before.
    earlier = on_days(month(client, "2026-11"), "Adventtimyyjäiset")
    assert earlier[datetime.date(2026, 11, 27)] is False
    assert min(earlier) == datetime.date(2026, 11, 27)


def test_an_event_ending_at_midnight_is_not_on_the_next_day(client):
    EventFactory(name_fi="Yökahvila", start=at(day(10), 20), end=at(day(11), 0))
    EventFactory(name_fi="Valvojaiset", start=at(day(10), 20), end=at(day(11), 0, 1))
    assert on_days(month(client), "Yökahvila") == {day(10): False}
    assert on_days(month(client), "Valvojaiset") == {day(10): False, day(11): True}


def test_an_event_of_no_length_at_midnight_is_on_its_day(client):
    EventFactory(name_fi="Vuodenvaihde", start=at(day(29), 0), end=at(day(29), 0))
    assert on_days(month(client), "Vuodenvaihde") == {day(29): False}


def test_a_date_only_event_of_several_days(client):
    # 14–16 December as dates: stored from midnight of the 14th to midnight of the 17th.
    EventFactory(name_fi="Joulumarkkinat", all_day=True, start=at(day(12), 0), end=at(day(15), 0))
    response = month(client)
    assert on_days(response, "Joulumarkkinat") == {day(12): False, day(13): True, day(14): True}
    first = cells(response)[day(12)].events[0]
    assert f'href="{reverse("events:detail", args=[first.event.pk])}"' in response.content.decode()


def test_an_event_over_the_change_to_summer_time(client):
    # The clocks go forward on Sunday 28 March 2027: that day has 23 hours.
    EventFactory(
        name_fi="Kevätnäyttely",
        all_day=True,
        start=at(datetime.date(2027, 3, 27), 0),
        end=at(datetime.date(2027, 3, 30), 0),
    )
    assert set(on_days(month(client, "2027-03"), "Kevätnäyttely")) == {
        datetime.date(2027, 3, 27),
        datetime.date(2027, 3, 28),
        datetime.date(2027, 3, 29),
    }


def test_continuing_events_count_for_the_day_limit(client):
    EventFactory(name_fi="Viikon kurssi", start=at(day(1), 9), end=at(day(7), 15))
    for n in range(3):
        EventFactory(name_fi=f"Ilta {n}", start=at(day(3), 17 + n), end=at(day(3), 18 + n))
    cell = cells(month(client))[day(3)]
    assert [e.event.name for e in cell.events] == ["Viikon kurssi", "Ilta 0", "Ilta 1"]
    assert cell.more


def test_the_filters_apply_to_events_of_several_days(client):
    EventFactory(
        name_fi="Perhepäivät", audiences=["families"], start=at(day(5), 10), end=at(day(6), 16)
    )
    EventFactory(
        name_fi="Seniorimessut",
        audiences=["older_people"],
        start=at(day(5), 10),
        end=at(day(6), 16),
    )
    response = month(client, audience="families")
    assert on_days(response, "Perhepäivät") == {day(5): False, day(6): True}
    assert on_days(response, "Seniorimessut") == {}
    assert on_days(month(client, text="seniorimessut"), "Seniorimessut") == {
        day(5): False,
        day(6): True,
    }
    assert on_days(month(client, audience="roska"), "Perhepäivät") == {}


def test_the_month_view_query_count_does_not_grow_with_long_events(client):
    EventFactory(start=at(day(1), 18), end=at(day(1), 19))
    month(client)  # warm the caches (the current Site)
    with CaptureQueriesContext(connection) as few:
        month(client)
    for n in range(10):
        EventFactory(start=at(day(n - 8), 10), end=at(day(n + 5), 16), keywords=[KeywordFactory()])
        EventFactory(all_day=True, start=at(day(n), 0), end=at(day(n + 2), 0))
    with CaptureQueriesContext(connection) as many:
        response = month(client)
    assert len(many) == len(few)
    # Events longer than a week are shown on their first day only (events/month.py).
    assert sum(len(c.events) for c in cells(response).values()) > 20

"""The public calendar pages: the list with its filters, the month view and an event's
page, in three languages, with a constant number of queries."""

import datetime
import json
import re

import pytest
import time_machine
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
    # count, page, keywords of the page, and the filter form's three choice lists.
    with django_assert_num_queries(6):
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
    cells = {c["date"]: c for week in response.context["weeks"] for c in week}
    assert [e.name for e in cells[day(5)]["events"]] == [f"Päivän tapahtuma {n}" for n in range(3)]
    assert cells[day(5)]["more"]
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

"""Any date given to the calendar's pages, feeds and API is either used or refused with
a clear answer (400, or the page's form error), never a 500; the same limits and the
same error body everywhere. An end before the start is refused too."""

import datetime

import pytest
import time_machine

from tests.factories.events import EventFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)
FEEDS = ["/events/feed.ics", "/events/feed.rss", "/events/feed.atom", "/api/v1/events/"]
BAD = [
    {"end": "9999-12-31"},
    {"start": "9999-12-31"},
    {"start": "0001-01-01"},
    {"end": "0001-01-01T00:00:00+01:00"},
    {"start": "2026-13-45"},
    {"start": "1" * 500},
    {"text": "\x00"},
    {"start": "2026-12-10", "end": "2026-12-05"},
]


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.parametrize("params", BAD)
@pytest.mark.parametrize("path", FEEDS)
def test_feeds_and_the_api_answer_a_bad_filter_with_the_same_400(client, path, params):
    EventFactory()
    response = client.get(path, params)
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) & set(params) and all(isinstance(m, list) for m in body.values())
    api = client.get("/api/v1/events/", params).json()
    assert body == api


@pytest.mark.parametrize("params", BAD)
@pytest.mark.parametrize("path", ["/tapahtumat/", "/tapahtumat/kalenteri/"])
def test_pages_show_a_form_error(client, path, params):
    response = client.get(path, params)
    assert response.status_code == 200
    assert response.context["form"].errors


def test_typing_31_12_9999_in_the_to_field_is_a_form_error_in_finnish(client):
    response = client.get("/tapahtumat/", {"end": "9999-12-31"})
    assert response.status_code == 200
    assert response.context["form"].errors["end"] == [
        "Anna päivämäärä vuosien 1900 ja 2200 väliltä."
    ]


def test_an_end_before_the_start_is_refused_in_the_calendar_filter(client):
    response = client.get("/tapahtumat/", {"start": "2026-12-10", "end": "2026-12-05"})
    assert response.context["form"].errors["end"] == [
        "Päättymisajan on oltava alkamisajan jälkeen."
    ]
    same_day = client.get("/tapahtumat/", {"start": "2026-12-10", "end": "2026-12-10"})
    assert not same_day.context["form"].errors
    api = client.get("/api/v1/events/", {"start": "2026-12-10", "end": "2026-12-05"})
    assert api.status_code == 400 and "end" in api.json()


@pytest.mark.parametrize(
    "params",
    [{"end": "2200-12-31"}, {"start": "1900-01-01"}, {"start": "today", "end": "2026-12-31"}],
)
def test_dates_at_the_limits_are_used(client, params):
    for path in FEEDS:
        assert client.get(path, params).status_code == 200

"""The events API: Linked Events' envelope, translated fields, schema.org ids, the
filters, incremental sync with deleted events, and a constant number of queries."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import services
from events.models import Event
from tests.factories.events import EventFactory, KeywordFactory, PlaceFactory
from tests.factories.facilities import RoomFactory, at
from tests.factories.organisations import MunicipalityFactory, StaffFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)
LIST = "/api/v1/events/"


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def day(n):
    return datetime.date(2026, 12, 2) + datetime.timedelta(days=n)


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["data"]]


def test_list_envelope_and_item(client):
    keyword = KeywordFactory(code="yso:p1808", name_fi="musiikki", name_sv="musik", name_en="music")
    parent = EventFactory(name_fi="Konserttisarja")
    event = EventFactory(
        name_fi="Konsertti",
        name_sv="Konsert",
        keywords=[keyword],
        is_free=False,
        price="10 €",
        languages=["fi", "sv"],
        audiences=["families"],
        super_event=parent,
        image_url="https://kuvat.example.fi/1.jpg",
        image_alt_fi="Kuoro laulaa.",
    )
    body = client.get(LIST).json()
    assert set(body) == {"meta", "data"}
    assert body["meta"] == {"count": 2, "next": None, "previous": None}
    item = next(i for i in body["data"] if i["id"] == event.pk)
    assert item["@context"] == "http://schema.org" and item["@type"] == "Event"
    assert item["@id"].endswith(f"/api/v1/events/{event.pk}/")
    assert item["name"] == {"fi": "Konsertti", "sv": "Konsert", "en": None}
    assert item["keywords"] == [
        {"id": "yso:p1808", "name": {"fi": "musiikki", "sv": "musik", "en": "music"}}
    ]
    assert item["offers"][0]["is_free"] is False and item["offers"][0]["price"]["fi"] == "10 €"
    assert item["in_language"] == ["fi", "sv"] and item["audience"] == ["families"]
    assert item["event_status"] == "EventScheduled" and item["publication_status"] == "public"
    assert item["super_event"]["@id"].endswith(f"/api/v1/events/{parent.pk}/")
    assert item["images"][0]["alt_text"]["fi"] == "Kuoro laulaa."
    assert item["start_time"] == event.start.astimezone().isoformat() or item["start_time"]
    assert datetime.datetime.fromisoformat(item["start_time"]) == event.start
    parent_item = next(i for i in body["data"] if i["id"] == parent.pk)
    assert parent_item["sub_events"] == [{"@id": item["@id"]}]
    assert client.get(f"{LIST}{event.pk}/").json()["id"] == event.pk


def test_drafts_are_not_in_the_api(client):
    draft = EventFactory(publication=Event.Publication.DRAFT)
    assert ids(client.get(LIST)) == []
    assert client.get(f"{LIST}{draft.pk}/").status_code == 404


def test_filters(client):
    rauma = MunicipalityFactory(code="684", name_fi="Rauma")
    music = KeywordFactory(code="yso:p1808")
    a = EventFactory(
        name_fi="Kuorokonsertti",
        start=at(day(1), 18),
        end=at(day(1), 20),
        keywords=[music],
        audiences=["families"],
        languages=["sv"],
        is_free=False,
        price="5 €",
    )
    b = EventFactory(
        name_fi="Kahvila",
        start=at(day(5), 12),
        end=at(day(5), 14),
        place=PlaceFactory(municipality=rauma),
        audiences=["older_people"],
    )
    get = lambda **q: ids(client.get(LIST, q))  # noqa: E731
    assert get(start=day(2).isoformat()) == [b.pk]
    assert get(end=day(1).isoformat()) == [a.pk]
    assert get(start="today", end=day(5).isoformat()) == [a.pk, b.pk]
    assert get(text="kuorokonsertteihin") == [a.pk]
    assert get(keyword="yso:p1808,yso:p0000") == [a.pk]
    assert get(audience="older_people,youth") == [b.pk]
    assert get(language="sv") == [a.pk]
    assert get(municipality="684") == [b.pk]
    assert get(organiser=str(b.organisation_id)) == [b.pk]
    assert get(is_free="true") == [b.pk]
    assert get(is_free="false") == [a.pk]
    assert client.get(LIST, {"start": "huomenna"}).status_code == 400


def test_page_size_at_most_100(client):
    for n in range(3):
        EventFactory(start=at(day(1), 8) + datetime.timedelta(minutes=n))
    body = client.get(LIST, {"page_size": 2}).json()
    assert len(body["data"]) == 2 and "page=2" in body["meta"]["next"]
    assert client.get(LIST, {"page": 2, "page_size": 2}).json()["meta"]["previous"]
    from core.api import EnvelopePagination

    assert EnvelopePagination.max_page_size == 100


def test_last_modified_since_reports_changes_and_deletions(client):
    old = EventFactory(name_fi="Vanha")
    changed = EventFactory(name_fi="Muuttunut")
    removed = EventFactory(name_fi="Poistuva")
    Event.objects.filter(pk__in=[old.pk, changed.pk, removed.pk]).update(
        last_modified=NOW - datetime.timedelta(days=3)
    )
    since = (NOW - datetime.timedelta(days=1)).isoformat()
    with time_machine.travel(NOW + datetime.timedelta(hours=1), tick=False):
        Event.objects.filter(pk=changed.pk).update(
            name_fi="Muutettu", last_modified=NOW + datetime.timedelta(hours=1)
        )
        services.event_delete(actor=StaffFactory(), event=removed)
    data = client.get(LIST, {"last_modified_since": since}).json()["data"]
    assert [item["id"] for item in data] == [changed.pk, removed.pk]
    assert data[0]["deleted"] is False and data[0]["name"]["fi"] == "Muutettu"
    assert data[1]["deleted"] is True and set(data[1]) >= {"@id", "id", "last_modified_time"}
    # Without last_modified_since the deleted event is simply gone; its address says 410.
    assert removed.pk not in ids(client.get(LIST))
    gone = client.get(f"{LIST}{removed.pk}/")
    assert gone.status_code == 410 and gone.json()["deleted"] is True


def test_query_count_is_constant(client):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    parent = EventFactory(keywords=[KeywordFactory()])
    few = count()
    for _n in range(10):
        EventFactory(keywords=[KeywordFactory(), KeywordFactory()], super_event=parent)
    EventFactory(place=None, room=RoomFactory())
    assert count() == few


@pytest.mark.parametrize(
    "query",
    [
        # Offsets beyond PostgreSQL's ±15:59, years it or the calendar cannot mean.
        "start=0820-04-01T16:55:38%2B17:06&end=0813-07-08T02:00:12-11:10",
        "start=0001-01-01T00:00:00%2B01:00",
        "end=9999-12-31T23:59:59-01:00",
    ],
)
def test_impossible_times_are_400_with_a_message_not_500(client, query):
    EventFactory()
    response = client.get("/api/v1/events/?" + query)
    assert response.status_code == 400
    assert "1900" in response.content.decode()


def test_a_time_with_an_offset_is_read_as_that_moment(client):
    # An offset PostgreSQL does not take is converted to UTC first, not refused.
    url = "/api/v1/events/?last_modified_since=2026-01-01T00:00:00%2B17:06"
    assert client.get(url).status_code == 200
    event = EventFactory()
    local = event.start.astimezone(datetime.timezone(datetime.timedelta(hours=5)))
    before = (local - datetime.timedelta(minutes=1)).isoformat().replace("+", "%2B")
    response = client.get(f"/api/v1/events/?end={before}")
    assert response.json()["meta"]["count"] == 0

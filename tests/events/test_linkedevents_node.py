"""/linkedevents/v1/: a Linked Events node over the calendar. A client written against
the real Linked Events samples runs unchanged over it against a live server; its links
resolve; the portal's own Linked Events importer imports it into a second source with
nothing lost; every parameter is used or refused with a 400."""

import datetime
import json
import os
from pathlib import Path

import pytest
import requests

from events.import_services import source_import
from events.models import Event, ImportSource
from tests.factories.events import EventFactory, KeywordFactory, PlaceFactory
from tests.factories.facilities import RoomFactory, at
from tests.factories.organisations import MunicipalityFactory
from tests.support.linkedevents_client import read_all

REPOSITORY = Path(__file__).resolve().parents[2]
SHARED_DATA = Path(os.environ.get("SHARED_DATA_DIR", REPOSITORY.parent / "shared" / "data"))
SAMPLES = [
    SHARED_DATA / "feeds" / "linkedevents_helsinki_event_list.json",
    SHARED_DATA / "feeds" / "linkedevents_turku_event_list.json",
]
NODE = "/linkedevents/v1/"


def soon(days, hour):
    return at(datetime.date.today() + datetime.timedelta(days=days), hour)


def calendar():
    """Events of every kind: in a place, in a room, online, date-only, a course with
    sessions, paid, with keywords, languages and texts in three languages."""
    music = KeywordFactory(code="yso:p1808", name_fi="musiikki", name_sv="musik", name_en="music")
    own = KeywordFactory(code="kurssit", name_fi="kurssit", name_sv="kurser", name_en="courses")
    pori = MunicipalityFactory(code="886", name_fi="Ulvila", name_sv="Ulvsby", name_en="Ulvila")
    concert = EventFactory(
        name_fi="Konsertti",
        name_sv="Konsert",
        name_en="Concert",
        description_fi="Ensimmäinen kappale.\n\nToinen & viimeinen <kappale>.",
        place=PlaceFactory(name_fi="Kirjasto", municipality=pori),
        start=soon(3, 18),
        end=soon(3, 20),
        keywords=[music],
        languages=["fi", "sv"],
        is_free=False,
        price="10 €",
        registration_url="https://liput.example.fi/konsertti",
        info_url="https://keskus.example.fi/konsertti",
    )
    online = EventFactory(
        name_fi="Verkkoluento",
        place=None,
        online_url="https://meet.example.fi/luento",
        start=soon(4, 12),
        end=soon(4, 13),
    )
    fair = EventFactory(name_fi="Messut", all_day=True, start=soon(5, 0), end=soon(7, 0))
    room = RoomFactory()
    course = EventFactory(
        name_fi="Kurssi",
        kind=Event.Kind.COURSE,
        place=None,
        online_url="https://keskus.example.fi/koulutukset/1/",
        start=soon(6, 17),
        end=soon(13, 19),
        keywords=[own],
    )
    sessions = [
        EventFactory(
            name_fi="Kurssi",
            kind=Event.Kind.COURSE,
            place=None,
            room=room,
            super_event=course,
            start=soon(n, 17),
            end=soon(n, 19),
        )
        for n in (6, 13)
    ]
    return {"concert": concert, "online": online, "fair": fair, "course": course,
            "sessions": sessions, "music": music, "own": own, "pori": pori, "room": room}  # fmt: skip


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_the_client_reads_the_real_samples(sample):
    if not sample.exists():
        pytest.skip(f"shared feed samples not found at {sample.parent} (set SHARED_DATA_DIR)")
    body = json.loads(sample.read_bytes())
    events, count = read_all("sample", lambda url: body, max_pages=1)
    assert count > len(events) > 0 and all(e.name_fi or e.id for e in events)
    assert any(e.keywords for e in events) or any(e.languages for e in events)


@pytest.fixture
def node(live_server, settings, transactional_db):
    settings.SITE_URL = live_server.url
    settings.PAGE_CACHE_SECONDS = 0
    data = calendar()
    session = requests.Session()

    def get_json(url, **params):
        response = session.get(url, params=params or None, timeout=10)
        assert response.status_code == 200, (url, response.text[:500])
        return response.json()

    return live_server.url, data, get_json


def test_the_client_runs_unchanged_over_the_node_and_every_link_resolves(node):
    base, data, get_json = node
    events, count = read_all(base + NODE + "event/?page_size=2", get_json)
    assert count == len(events) == 6
    by_name = {}
    for event in events:
        by_name.setdefault(event.name_fi, []).append(event)
        assert event.id.startswith("yhteisokeskus:")
        assert get_json(event.url)["id"] == event.id
        for link in [event.location, *event.keywords, *event.languages, *event.sub_events]:
            assert get_json(link)["@id"] == link
        if event.super_event:
            assert get_json(event.super_event)["sub_events"]
    (concert,) = by_name["Konsertti"]
    assert concert.is_free is False and concert.price_fi == "10 €"
    assert concert.keywords == [f"{base}{NODE}keyword/yso:p1808/"]
    assert concert.languages == [f"{base}{NODE}language/fi/", f"{base}{NODE}language/sv/"]
    assert concert.start_time.endswith("Z")
    (online,) = by_name["Verkkoluento"]
    assert online.location == f"{base}{NODE}place/yhteisokeskus:internet/"
    (fair,) = by_name["Messut"]
    assert (fair.start_time, fair.end_time) == (
        data["fair"].first_day.isoformat(),
        data["fair"].last_day.isoformat(),
    )
    item = get_json(
        f"{base}{NODE}event/yhteisokeskus:{data['concert'].pk}/", include="location,keywords"
    )
    assert item["@type"] == "Event/LinkedEvent"
    assert item["name"] == {"fi": "Konsertti", "sv": "Konsertti"[:0] + "Konsert", "en": "Concert"}
    assert "sv" not in item["short_description"] or item["short_description"]["sv"]
    assert item["location"]["name"]["fi"] == "Kirjasto"
    assert item["location"]["divisions"][0]["ocd_id"] == "ocd-division/country:fi/kunta:ulvila"
    assert item["keywords"][0]["name"] == {"fi": "musiikki", "sv": "musik", "en": "music"}
    course = get_json(f"{base}{NODE}event/yhteisokeskus:{data['course'].pk}/")
    assert course["super_event_type"] == "recurring" and len(course["sub_events"]) == 2


def test_the_importer_imports_the_node_into_a_second_source_with_nothing_lost(node):
    base, data, get_json = node
    originals = {e.pk: e for e in Event.objects.public()}
    source = ImportSource.objects.create(
        name="Naapurikeskus",
        kind=ImportSource.Kind.LINKED_EVENTS,
        url=f"{base}{NODE}event/?include=location,keywords&page_size=2&ids="
        + ",".join(f"yhteisokeskus:{pk}" for pk in originals),
    )
    report = source_import(source=source)
    assert report.ok and report.created == 6 and not report.problems, report.as_dict()
    for copy in Event.objects.filter(source=source).select_related("place", "super_event"):
        original = originals[int(copy.source_key.split(":")[1])]
        for field in ("name", "short_description", "description"):
            for code in ("fi", "sv", "en"):
                assert (getattr(copy, f"{field}_{code}") or "") == (
                    getattr(original, f"{field}_{code}") or ""
                ), (
                    field,
                    code,
                )
        assert (copy.start, copy.end, copy.all_day) == (
            original.start,
            original.end,
            original.all_day,
        )
        assert (copy.status, copy.is_free, copy.price) == (
            original.status,
            original.is_free,
            original.price,
        )
        assert (copy.registration_url, copy.info_url) == (
            original.registration_url,
            original.info_url,
        )
        assert copy.languages == original.languages
        assert sorted(k.name_fi for k in copy.keywords.all()) == sorted(
            k.name_fi for k in original.keywords.all()
        )
        assert copy.organiser_name == original.organiser_display
        if original.online_url:
            assert copy.online_url == original.online_url
        elif original.place_id:
            assert copy.place.name_fi == original.place.name_fi
            assert copy.place.street_address == original.place.street_address
            assert copy.place.postal_code == original.place.postal_code
        else:
            assert copy.place.name_fi.startswith(original.room.name_fi)
        if original.super_event_id:
            assert copy.super_event.source_key == f"yhteisokeskus:{original.super_event_id}"
    again = source_import(source=source)
    assert again.unchanged == 6 and again.created == again.updated == 0


@pytest.mark.parametrize(
    "query",
    [
        "sort=popularity",
        "location=yhteisokeskus:nowhere",
        "location=helsinki:tprek:123",
        "division=ocd-division/country:fi/kunta:atlantis",
        "super_event=abc",
        "event_type=General",
        "is_free=maybe",
        "hide_recurring_children=perhaps",
        "keyword=yso:p0",
        "event_status=EventMaybe",
        "super_event_type=festival",
        "publisher=ahjo:u541000",
        "include=everything",
        "days=0",
        "days=10&start=today",
        "start=9999-12-31",
        "end=2026-13-45",
        "start=2026-12-10&end=2026-12-05",
        "ids=12",
        "text=%00",
        "nonsense=1",
    ],
)
def test_unknown_or_unsupported_values_are_400(client, db, query):
    EventFactory()
    response = client.get(f"{NODE}event/?{query}")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) & {q.split("=")[0] for q in query.split("&")}


@pytest.mark.django_db
def test_parameters_choose_as_linked_events_does(client):
    data = calendar()

    def names(query):
        response = client.get(f"{NODE}event/?{query}")
        assert response.status_code == 200, response.content
        return sorted(item["name"]["fi"] for item in response.json()["data"])

    pk = lambda e: f"yhteisokeskus:{e.pk}"  # noqa: E731
    assert names("") == sorted(
        ["Konsertti", "Verkkoluento", "Messut", "Kurssi", "Kurssi", "Kurssi"]
    )
    assert names("keyword=yso:p1808") == ["Konsertti"]
    assert names("keyword=yhteisokeskus:kurssit,yso:p1808") == ["Konsertti", "Kurssi"]
    assert names("keyword_AND=yhteisokeskus:kurssit,yso:p1808") == []
    assert names(f"location=yhteisokeskus:place-{data['concert'].place_id}") == ["Konsertti"]
    assert names("location=yhteisokeskus:internet") == ["Kurssi", "Verkkoluento"]
    assert names(f"location=yhteisokeskus:room-{data['room'].pk}") == ["Kurssi", "Kurssi"]
    assert names("division=ocd-division/country:fi/kunta:ulvila") == ["Konsertti"]
    assert names("is_free=false") == ["Konsertti"]
    assert names("language=sv") == ["Konsertti"]
    assert names("in_language=sv") == ["Konsertti"]
    assert names(f"super_event={pk(data['course'])}") == ["Kurssi", "Kurssi"]
    assert names("super_event=none") == ["Konsertti", "Kurssi", "Messut", "Verkkoluento"]
    assert names("super_event_type=recurring") == ["Kurssi"]
    assert names("super_event_type=umbrella") == []
    assert names("hide_recurring_children=true") == names("super_event=none")
    assert names("event_status=EventScheduled") == names("")
    assert names("event_status=EventCancelled") == []
    assert names(f"ids={pk(data['fair'])},{pk(data['online'])}") == ["Messut", "Verkkoluento"]
    assert names("days=2") == []
    assert names("days=30") == names("")
    assert names(f"publisher=yhteisokeskus:org-{data['fair'].organisation_id}") == ["Messut"]
    assert names("text=konsertti") == ["Konsertti"]
    first = client.get(f"{NODE}event/?sort=-start_time").json()["data"][0]
    assert first["id"] == pk(data["sessions"][1])
    by_end = client.get(f"{NODE}event/?sort=end_time").json()["data"]
    assert [e["end_time"] for e in by_end][0] <= [e["end_time"] for e in by_end][-1]
    for path in ("place/", "keyword/", "language/", "search/?q=konsertti"):
        assert client.get(NODE + path).json()["meta"]["count"] >= 1
    assert client.get(NODE + "place/yhteisokeskus:nowhere/").status_code == 404
    assert client.get(NODE + "nothing/")["Content-Type"] == "application/json"


@pytest.mark.django_db
def test_the_api_and_the_node_choose_the_same_events(client):
    calendar()
    for api_query, node_query in [
        ("", ""),
        ("is_free=false", "is_free=false"),
        ("keyword=yso:p1808", "keyword=yso:p1808"),
        ("text=kurssi", "text=kurssi"),
        ("start=today&end=2100-01-01", "start=today&end=2100-01-01"),
    ]:
        api = client.get(f"/api/v1/events/?{api_query}").json()["data"]
        node = client.get(f"{NODE}event/?{node_query}").json()["data"]
        assert [f"yhteisokeskus:{e['id']}" for e in api] == [e["id"] for e in node]

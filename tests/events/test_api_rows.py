"""The API event lists (/api/v1/events/ and the Linked Events node's event list) are
built from plain rows (events/rows.py): their JSON is byte for byte what the serializers
give for the same events (EventSerializer, linkedevents.serializers.event_data, which the
detail endpoints still use), over every kind of field, in fi and sv, with deleted events,
filters, paging and include=; and the number of queries does not grow with the page."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from rest_framework.renderers import JSONRenderer

from events import services
from events.api import EventSerializer, api_queryset
from events.linkedevents import serializers as node
from events.models import Event
from tests.factories.events import EventFactory, KeywordFactory, PlaceFactory
from tests.factories.facilities import RoomFactory, SiteFactory, at
from tests.factories.organisations import MunicipalityFactory, OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)
API = "/api/v1/events/"
NODE = "/linkedevents/v1/event/"


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def soon(days, hour):
    return at(datetime.date(2026, 12, 2) + datetime.timedelta(days=days), hour)


def calendar():
    """One event of every shape the lists show."""
    music = KeywordFactory(code="yso:p1808", name_fi="musiikki", name_sv="musik", name_en="music")
    own = KeywordFactory(code="kurssit", name_fi="kurssit", name_sv="", name_en=None)
    twin = KeywordFactory(code="kurssit-2", name_fi="kurssit", name_sv="kurser")  # same fi name
    ulvila = MunicipalityFactory(code="886", name_fi="Ulvila", name_sv="Ulvsby", name_en="")
    hidden = OrganisationFactory(name_fi="Piiloyhdistys", name_sv="", is_public=False)
    swedish = OrganisationFactory(name_fi="Kuoroyhdistys", name_sv="Körföreningen")
    EventFactory(
        name_fi="Konsertti",
        name_sv="Konsert",
        name_en="Concert",
        short_description_sv="Kort.",
        description_fi="Ensimmäinen kappale.\n\nToinen & viimeinen <kappale>.",
        place=PlaceFactory(name_fi="Kirjasto", name_sv="Bibliotek", municipality=ulvila),
        start=soon(3, 18),
        end=soon(3, 20),
        keywords=[music, own, twin],
        languages=["fi", "sv", "fse"],
        audiences=["families", "children"],
        is_free=False,
        price="10 €",
        registration_url="https://liput.example.fi/konsertti",
        info_url="https://keskus.example.fi/konsertti",
        organisation=swedish,
        image="events/kuva.png",
        image_alt_fi="Kuoro laulaa.",
        image_alt_sv="En kör sjunger.",
        wheelchair_accessible=True,
        sign_language=True,
    )
    EventFactory(
        name_fi="Verkkoluento",
        place=None,
        online_url="https://meet.example.fi/luento",
        start=soon(4, 12),
        end=soon(4, 13),
        organisation=None,
        organiser_name="Lukupiiri ry",
        image_url="https://kuvat.example.fi/1.jpg",
        image_alt_fi="Kuva.",
        kind=Event.Kind.VOLUNTEERING,
        status=Event.Status.CANCELLED,
    )
    site = SiteFactory(municipality=None, postal_code="")
    EventFactory(
        name_fi="Kokous",
        place=None,
        room=RoomFactory(site=site, name_en="", name_sv="Mötesrum"),
        start=soon(5, 9),
        end=soon(5, 10),
        organisation=hidden,
        kind=Event.Kind.MEETING_PLACE,
        induction_loop=True,
        plain_language=True,
    )
    EventFactory(name_fi="Tori", place=None, room=RoomFactory(), start=soon(6, 9), end=soon(6, 10))
    EventFactory(
        name_fi="Markkinat",
        all_day=True,
        start=at(datetime.date(2026, 12, 12), 0),
        end=at(datetime.date(2026, 12, 14), 0),
        place=PlaceFactory(municipality=None, postal_code="", street_address=""),
        keywords=[own],
    )
    course = EventFactory(name_fi="Kurssi", kind=Event.Kind.COURSE, start=soon(7, 17))
    for n in (9, 8):
        EventFactory(name_fi=f"Kurssi {n}", super_event=course, start=soon(n, 17))
    EventFactory(super_event=course, publication=Event.Publication.DRAFT, start=soon(10, 17))
    gone = EventFactory(name_fi="Peruttu", name_sv="Inställt", start=soon(11, 17))
    EventFactory(
        name_fi="Siirretty", status=Event.Status.POSTPONED, start=None, end=None, keywords=[music]
    )
    with time_machine.travel(NOW + datetime.timedelta(minutes=5), tick=False):
        services.event_delete(actor=StaffFactory(), event=gone)
    return course


def reference_api(ids):
    events = api_queryset(include_deleted=True).in_bulk(ids)
    return EventSerializer([events[pk] for pk in ids], many=True).data


def reference_node(ids, include):
    events = api_queryset(include_deleted=True).in_bulk(ids)
    return [node.event_data(events[pk], include) for pk in ids]


def same_bytes(response, data):
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["data"], "the case should list events"
    assert response.content == JSONRenderer().render({"meta": body["meta"], "data": data})


QUERIES = [
    "",
    "page_size=3",
    "page_size=3&page=2",
    f"last_modified_since={(NOW - datetime.timedelta(days=1)).isoformat().replace('+', '%2B')}",
    "keyword=kurssit",
    "municipality=886",
    "is_free=true",
    "text=kurssi",
    "start=2026-12-01&end=2027-01-01",
]


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_api_list_is_the_serializers_json(client, language):
    course = calendar()
    for query in [*QUERIES, f"organiser={course.organisation_id}"]:
        response = client.get(f"{API}?{query}", HTTP_ACCEPT_LANGUAGE=language)
        ids = [item["id"] for item in response.json()["data"]]
        with translation.override(language):
            same_bytes(response, reference_api(ids))


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_node_list_is_event_datas_json(client, language):
    course = calendar()
    queries = [
        *QUERIES[:4],
        "include=location,keywords,in_language",
        "include=location&sort=-start_time",
        f"super_event=yhteisokeskus:{course.pk}",
        "keyword=yso:p1808",
        "division=ulvila",
        "text=kurssi",
    ]
    for query in queries:
        response = client.get(f"{NODE}?{query}", HTTP_ACCEPT_LANGUAGE=language)
        ids = [int(item["id"].split(":")[1]) for item in response.json()["data"]]
        include = set(query.removeprefix("include=").split("&")[0].split(","))
        with translation.override(language):
            same_bytes(response, reference_node(ids, include if "include" in query else set()))


@pytest.mark.parametrize("path", [f"{API}?page_size=100", f"{NODE}?page_size=100&include=keywords"])
def test_the_lists_take_the_same_queries_for_any_page(client, path):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    EventFactory(keywords=[KeywordFactory()])
    few = count()
    calendar()
    for _n in range(5):
        EventFactory(keywords=[KeywordFactory(), KeywordFactory()], place=PlaceFactory())
    assert count() == few

"""The page cache of public pages (core/pagecache.py): anonymous visitors get a
kept copy, an edit shows at once, and nobody with a session sees anything kept."""

import gzip

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Event
from tests.factories.events import EventFactory, KeywordFactory
from tests.factories.organisations import OrganisationFactory, UserFactory
from tests.factories.trainings import EnrolmentFactory, SessionFactory, TrainingFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize(
    "path",
    [
        reverse("events:list"),
        reverse("events:calendar"),
        reverse("events:feed_ics"),
        reverse("trainings:catalogue"),
        reverse("organisations:directory"),
    ],
)
def test_a_second_anonymous_visit_takes_no_queries_and_gets_the_same_page(client, path):
    EventFactory(name_fi="Kuorokonsertti")
    first, page = queries(client, path)
    again, kept = queries(client, path)
    assert first > 0 and again == 0
    assert kept.content == page.content
    assert kept["Content-Type"] == page["Content-Type"]
    assert "Content-Security-Policy" in kept  # the middleware still adds the headers


def test_an_edit_shows_at_once(client):
    event = EventFactory(name_fi="Kuorokonsertti")
    assert "Kuorokonsertti" in client.get(reverse("events:list")).content.decode()
    event.name_fi = "Joulukonsertti"
    event.save()
    body = client.get(reverse("events:list")).content.decode()
    assert "Joulukonsertti" in body and "Kuorokonsertti" not in body


def test_a_new_keyword_link_shows_at_once(client):
    event = EventFactory(name_fi="Kuorokonsertti")
    keyword = KeywordFactory(code="kuoro")
    path = reverse("events:list") + "?keyword=kuoro"
    assert "Kuorokonsertti" not in client.get(path).content.decode()
    event.keywords.add(keyword)
    assert "Kuorokonsertti" in client.get(path).content.decode()


def test_an_enrolment_shows_in_the_catalogues_places_left(client):
    training = TrainingFactory(capacity=5)
    SessionFactory(training=training)
    client.get(reverse("trainings:catalogue"))
    before = client.get(reverse("trainings:catalogue")).content
    EnrolmentFactory(training=training)
    assert client.get(reverse("trainings:catalogue")).content != before


def test_each_address_and_language_is_kept_apart(client):
    EventFactory(name_fi="Konsertti", name_sv="Konsert")
    assert "Konsertti" in client.get("/tapahtumat/").content.decode()
    assert "Konsert<" in client.get("/sv/tapahtumat/").content.decode().replace(" ", "")
    assert "Konsertti" not in client.get("/tapahtumat/?text=lukupiiri").content.decode()


def test_signed_in_people_never_get_a_kept_page(client):
    EventFactory()
    client.get(reverse("events:list"))  # kept for anonymous visitors
    client.force_login(UserFactory())
    count, response = queries(client, reverse("events:list"))
    assert count > 0
    assert "Kirjaudu ulos" in response.content.decode()


def test_a_waiting_message_is_never_kept_or_served_from_the_cache(client):
    EventFactory()
    client.get(reverse("events:list"))
    client.cookies["messages"] = "something"
    count, _response = queries(client, reverse("events:list"))
    assert count > 0


def test_turned_off_with_zero_seconds(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    EventFactory()
    client.get(reverse("events:list"))
    count, _response = queries(client, reverse("events:list"))
    assert count > 0


def test_bulk_updates_are_kept_until_the_time_runs_out(client):
    """What signals do not see (a queryset update) shows when the copy expires; this
    pins the documented limit."""
    event = EventFactory(name_fi="Kuorokonsertti")
    client.get(reverse("events:list"))
    Event.objects.filter(pk=event.pk).update(name_fi="Joulukonsertti")
    assert "Kuorokonsertti" in client.get(reverse("events:list")).content.decode()
    OrganisationFactory()  # any change of a watched model builds the pages again
    assert "Joulukonsertti" in client.get(reverse("events:list")).content.decode()


def test_a_booking_shows_in_the_rooms_week_at_once(client):
    from tests.factories.facilities import BookingFactory, RoomFactory, next_weekday

    room = RoomFactory()
    week = next_weekday(1).isoformat()  # the factory's booking is next Tuesday
    path = reverse("facilities:room_detail", args=[room.pk]) + f"?viikko={week}"
    before = client.get(path).content
    assert client.get(path).content == before
    BookingFactory(room=room)
    assert client.get(path).content != before


def test_feed_clients_asking_for_gzip_get_the_kept_copy_compressed_once(client):
    """The copy keeps its ETag and, once a client asks, its gzip body: a hit neither
    hashes nor compresses again, and an edit drops both."""
    event = EventFactory(name_fi="Kuorokonsertti")
    path = reverse("events:feed_ics")
    plain = client.get(path)
    assert "Content-Encoding" not in plain

    with CaptureQueriesContext(connection) as captured:
        packed = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    assert len(captured) == 0
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert packed["ETag"] == f"W/{plain['ETag']}"
    assert client.get(path, HTTP_ACCEPT_ENCODING="gzip").content == packed.content
    not_changed = client.get(path, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=packed["ETag"])
    assert not_changed.status_code == 304
    again = client.get(path)
    assert again.content == plain.content and again["ETag"] == plain["ETag"]

    from core import pagecache

    pagecache.bump("centre")  # the centre's own details (its name in the feed) changed
    with CaptureQueriesContext(connection) as captured:
        client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    assert len(captured) > 0  # neither kept copy is served under the old version

    event.name_fi = "Joulukonsertti"
    event.save()
    edited = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    assert b"Joulukonsertti" in gzip.decompress(edited.content)
    assert gzip.decompress(client.get(path, HTTP_ACCEPT_ENCODING="gzip").content) == (
        gzip.decompress(edited.content)
    )


def test_a_kept_html_page_gets_no_etag_and_is_never_compressed(client):
    EventFactory(name_fi="Kuorokonsertti")
    path = reverse("events:list")
    client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    kept = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in kept and "ETag" not in kept

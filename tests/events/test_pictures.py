"""Pictures (issue 16): an event card and page show the event's own image or the
illustration of its kind (shipped with the project, with alt text); event and room
pages link their address to OpenStreetMap without loading anything from it; the demo
rooms have photos."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from core.uploads import sniff_image_type
from events.models import Event
from facilities.models import Room
from tests.factories.events import EventFactory
from tests.factories.facilities import RoomFactory

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8"
    b"\xdb\x00\x00\x00\x00IEND\xaeB`\x82"
)


def images(body: str) -> list[dict]:
    return [dict(re.findall(r'(\w+)="([^"]*)"', tag)) for tag in re.findall(r"<img ([^>]*)>", body)]


@pytest.mark.parametrize("kind", [k for k, _label in Event.Kind.choices])
def test_an_event_without_an_image_shows_its_kinds_illustration(client, settings, kind):
    event = EventFactory(kind=kind)
    for name, args in (("events:list", []), ("events:detail", [event.pk])):
        body = client.get(reverse(name, args=args)).content.decode()
        (picture,) = [i for i in images(body) if "event-picture" in i.get("class", "")]
        assert picture["src"] == f"/static/img/events/{kind}.svg"
        assert picture["alt"].startswith("Kuvitus:")
        assert (settings.BASE_DIR / "static" / "img" / "events" / f"{kind}.svg").is_file()


def test_an_event_with_an_image_shows_it_with_its_alt_text(client, media):
    event = EventFactory(
        image=SimpleUploadedFile("kuva.png", PNG, content_type="image/png"),
        image_alt_fi="Kuoro laulaa lavalla.",
    )
    body = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    (picture,) = [i for i in images(body) if "event-picture" in i.get("class", "")]
    assert picture["src"] == event.image.url and picture["alt"] == "Kuoro laulaa lavalla."
    swedish = client.get("/sv" + reverse("events:detail", args=[event.pk])).content.decode()
    assert 'alt="Kuoro laulaa lavalla." lang="fi"' in swedish


def test_an_imported_image_is_not_loaded_from_its_source(client):
    event = EventFactory(image_url="https://kuvat.example.org/a.jpg", image_alt_fi="Kuva")
    body = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert all(not i["src"].startswith("http") for i in images(body))


def test_event_and_room_pages_link_their_address_to_a_map(client):
    event = EventFactory()
    body = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert (
        'href="https://www.openstreetmap.org/search?query=Gallen-Kallelan+katu+12%2C+28100+Pori"'
        in body
    )
    room = RoomFactory()
    body = client.get(reverse("facilities:room_detail", args=[room.pk])).content.decode()
    assert (
        'href="https://www.openstreetmap.org/search?query=Yrj%C3%B6nkatu+1%2C+28100+Pori"' in body
    )
    # A link only: nothing on the page is fetched from elsewhere.
    assert all(not i["src"].startswith("http") for i in images(body))


def test_the_demo_rooms_have_photos(settings, media, client):
    settings.DEBUG = True
    call_command("load_demo_data", stdout=io.StringIO())
    call_command("load_facilities_demo", stdout=io.StringIO())
    with_alt = Room.objects.filter(photo_alt_fi__gt="")
    assert with_alt.count() >= 4
    for room in with_alt:
        assert room.photo, room
        with room.photo.open("rb") as photo:
            assert sniff_image_type(photo.read(16)) == "image/png"
        assert client.get(room.photo.url).status_code == 200
    before = {room.pk: room.photo.name for room in with_alt}
    call_command("load_facilities_demo", stdout=io.StringIO())
    assert {room.pk: room.photo.name for room in with_alt.all()} == before

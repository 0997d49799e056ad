"""The event form in steps (issue 16): what, when, where, for whom and price, and a
preview of the public page before sending. Each step posts the whole event, so nothing
is lost going forward or back; going forward checks the step left, with the service's
own messages; an error on saving is shown on the step its field belongs to. An uploaded
picture is kept between the steps. And the preview of an unpublished event's page for
staff and the organisation's representatives."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from events.forms import STEP_FIELDS, EventForm
from events.models import Event
from tests.factories.events import EventFactory, PlaceFactory
from tests.factories.facilities import (
    BookingFactory,
    RoomFactory,
    at,
    next_weekday,
    representative_of,
)
from tests.factories.organisations import StaffFactory

pytestmark = pytest.mark.django_db

WHAT = {"name_fi": "Lautapeli-ilta", "kind": "general", "status": "scheduled"}


def when(**overrides):
    day = next_weekday(3, weeks=2)
    return {"start_date": day.isoformat(), "start_time": "17:00", "end_time": "19:00", **overrides}


def step(client, url, data, current, go="next"):
    response = client.post(url, {**data, "step": current, "go": go})
    assert response.status_code == 200
    return response


def hidden(body: str, name: str) -> list[str]:
    return re.findall(rf'<input type="hidden" name="{name}" value="([^"]*)"', body)


def test_the_steps_check_what_they_ask_and_keep_the_rest(client):
    user, organisation = representative_of()
    place = PlaceFactory(name_fi="Porin pääkirjasto")
    client.force_login(user)
    url = reverse("events:create")
    first = client.get(url)
    assert first.context["step"] == "what" and 'type="date"' not in first.content.decode()
    # The first step needs a name; the time of the later steps is not asked yet.
    response = step(client, url, {"organisation": organisation.pk, **WHAT, "name_fi": ""}, "what")
    assert response.context["step"] == "what" and "name_fi" in response.context["form"].errors
    data = {"organisation": organisation.pk, **WHAT}
    response = step(client, url, data, "what")
    assert response.context["step"] == "when"
    assert hidden(response.content.decode(), "name_fi") == ["Lautapeli-ilta"]
    # The service's rule about the time, on the step of the time.
    response = step(client, url, {**data, **when(end_time="16:00")}, "when")
    assert response.context["step"] == "when"
    assert "ennen alkamisaikaa" in str(response.context["form"].errors["end_time"])
    data |= when()
    response = step(client, url, data, "when")
    assert response.context["step"] == "where"
    # A room needs the number of attendees for its booking: said on the step of the place.
    room = RoomFactory()
    response = step(client, url, {**data, "location_kind": "room", "room": room.pk}, "where")
    assert response.context["step"] == "where"
    assert "expected_attendees" in response.context["form"].errors
    # Back keeps what was given on the step left, without checking it.
    response = step(client, url, {**data, "location_kind": "online"}, "where", go="back")
    assert response.context["step"] == "when"
    assert hidden(response.content.decode(), "location_kind") == ["online"]
    data |= {"location_kind": "place", "place": place.pk, "audiences": ["everyone"]}
    data |= {"is_free": "", "price": "5 €"}
    response = step(client, url, data, "where", go="preview")
    assert response.context["step"] == "preview"
    body = response.content.decode()
    assert "Lautapeli-ilta" in body and "Porin pääkirjasto" in body and "5 €" in body
    assert not Event.objects.exists()
    response = client.post(url, {**data, "step": "preview", "action": "submit"})
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.name_fi, event.place, event.price) == ("Lautapeli-ilta", place, "5 €")
    assert event.publication == Event.Publication.SUBMITTED


def test_every_field_is_asked_on_one_step():
    asked = [name for fields in STEP_FIELDS.values() for name in fields]
    assert sorted(asked) == sorted(EventForm.base_fields)


def test_only_the_chosen_kind_of_place_is_shown(client):
    user, organisation = representative_of()
    client.force_login(user)
    data = {"organisation": organisation.pk, **WHAT, **when(), "location_kind": "online"}
    body = step(client, reverse("events:create"), data, "where", go="where").content.decode()
    groups = dict(re.findall(r'data-location="(\w+)"( hidden)?', body))
    assert groups == {"room": " hidden", "place": " hidden", "online": ""}


def test_an_error_on_saving_is_shown_on_its_step(client):
    user, organisation = representative_of()
    room = RoomFactory()
    day = next_weekday(3, weeks=2)
    BookingFactory(room=room, start=at(day, 16), end=at(day, 18))
    client.force_login(user)
    data = {
        "organisation": organisation.pk,
        **WHAT,
        **when(),
        "location_kind": "room",
        "room": room.pk,
        "expected_attendees": 8,
        "is_free": "on",
        "step": "preview",
        "action": "submit",
    }
    response = client.post(reverse("events:create"), data)
    assert response.status_code == 200 and response.context["step"] == "when"
    assert response.context["form"].errors and not Event.objects.exists()


def test_the_picture_is_kept_between_the_steps(client, settings, tmp_path):
    user, organisation = representative_of()
    client.force_login(user)
    buffer = io.BytesIO()
    Image.new("RGB", (32, 18), "#00507a").save(buffer, "PNG")
    upload = SimpleUploadedFile("ilta.png", buffer.getvalue(), content_type="image/png")
    url = reverse("events:create")
    data = {"organisation": organisation.pk, **WHAT, "image_alt_fi": "Pelilauta pöydällä"}
    response = step(client, url, {**data, "image": upload}, "what")
    [token] = hidden(response.content.decode(), "pending_image")
    assert list((tmp_path / "private" / "event-pending").iterdir())
    data |= {**when(), "place": PlaceFactory().pk, "location_kind": "place", "is_free": "on"}
    data["pending_image"] = token
    preview = step(client, url, data, "who", go="preview")
    assert 'src="data:image/png;base64,' in preview.content.decode()
    # A token is the person's own: another representative's form does not get the file.
    other, _organisation = representative_of()
    client.force_login(other)
    assert not hidden(step(client, url, data, "what").content.decode(), "pending_image")
    client.force_login(user)
    assert client.post(url, {**data, "action": "submit"}).status_code == 302
    event = Event.objects.get()
    assert event.image.name.startswith("events/") and event.image.read() == buffer.getvalue()
    assert not list((tmp_path / "private" / "event-pending").iterdir())


def test_a_series_is_one_of_the_same_organisers_events(client):
    user, organisation = representative_of()
    own = EventFactory(organisation=organisation, name_fi="Kevään lautapeli-illat")
    others = EventFactory(name_fi="Toisen sarja")
    client.force_login(user)
    url = reverse("events:create")
    data = {"organisation": organisation.pk, **WHAT, **when()}
    body = step(client, url, data, "what").content.decode()
    assert "Kevään lautapeli-illat" in body and "Toisen sarja" not in body
    response = step(client, url, {**data, "super_event": others.pk}, "when")
    assert response.context["step"] == "when" and "super_event" in response.context["form"].errors
    data |= {"super_event": own.pk, "location_kind": "place", "place": PlaceFactory().pk}
    assert client.post(url, {**data, "is_free": "on", "action": "draft"}).status_code == 302
    assert Event.objects.get(name_fi="Lautapeli-ilta").super_event == own


def test_the_preview_of_an_unpublished_event(client, django_assert_max_num_queries):
    user, organisation = representative_of()
    event = EventFactory(
        organisation=organisation,
        publication=Event.Publication.SUBMITTED,
        name_fi="Odottava konsertti",
        is_free=False,
        price="12 €",
    )
    url = reverse("events:preview", args=[event.pk])
    assert client.get(reverse("events:detail", args=[event.pk])).status_code == 404
    client.force_login(StaffFactory())
    queue = client.get(reverse("events:moderation_queue")).content.decode()
    assert url in queue
    with django_assert_max_num_queries(12):
        body = client.get(url).content.decode()
    assert "<h1>Odottava konsertti</h1>" in body and "12 €" in body
    assert "Esikatselu:" in body and "Nyt: Odottaa tarkastusta." in body
    client.force_login(user)
    assert client.get(url).status_code == 200
    client.force_login(representative_of()[0])
    assert client.get(url).status_code == 404

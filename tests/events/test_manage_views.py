"""The representative's and the staff's event pages: submit, edit a draft, my events,
the moderation queue. Another organisation's event answers 404."""

import datetime

import pytest
from django.urls import reverse

from events.models import Event, TrustedOrganiser
from facilities.models import Booking
from tests.factories.events import EventFactory, KeywordFactory, PlaceFactory
from tests.factories.facilities import (
    BookingFactory,
    RoomFactory,
    at,
    next_weekday,
    representative_of,
)
from tests.factories.organisations import StaffFactory

pytestmark = pytest.mark.django_db


def form_data(organisation, **overrides):
    values = {
        "organisation": organisation.pk,
        "name_fi": "Avoin kahvila",
        "kind": "meeting_place",
        "status": "scheduled",
        "start_date": next_weekday(3, weeks=2).isoformat(),
        "start_time": "13:00",
        "end_time": "15:00",
        "location_kind": "place",
        "place": PlaceFactory().pk,
        "audiences": ["everyone"],
        "languages": ["fi"],
        "is_free": "on",
        "action": "submit",
    }
    values.update(overrides)
    return values


def test_a_representative_submits_an_event(client):
    user, organisation = representative_of()
    keyword = KeywordFactory()
    client.force_login(user)
    response = client.post(reverse("events:create"), form_data(organisation, keywords=[keyword.pk]))
    assert response.status_code == 302, response.context["form"].errors
    event = Event.objects.get()
    assert event.publication == Event.Publication.SUBMITTED
    assert event.organisation == organisation and list(event.keywords.all()) == [keyword]
    page = client.get(reverse("events:my_events"))
    assert "Avoin kahvila" in page.content.decode()


def test_a_new_place_can_be_given_in_the_form(client):
    user, organisation = representative_of()
    client.force_login(user)
    municipality = organisation.municipality
    response = client.post(
        reverse("events:create"),
        form_data(
            organisation,
            place="",
            place_name="Kirjakahvila",
            place_street_address="Antinkatu 1",
            place_municipality=municipality.pk,
            action="draft",
        ),
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.place.name_fi == "Kirjakahvila" and event.publication == "draft"


def test_a_taken_room_shows_the_booking_message_and_saves_nothing(client):
    user, organisation = representative_of()
    room = RoomFactory()
    day = next_weekday(3, weeks=2)
    BookingFactory(room=room, start=at(day, 12), end=at(day, 14))
    client.force_login(user)
    response = client.post(
        reverse("events:create"),
        form_data(organisation, location_kind="room", room=room.pk, place="", expected_attendees=5),
    )
    assert response.status_code == 200
    assert "varattu" in response.content.decode() or response.context["form"].errors
    assert not Event.objects.exists() and Booking.objects.count() == 1


def test_over_long_text_gets_a_clear_error(client):
    user, organisation = representative_of()
    client.force_login(user)
    response = client.post(reverse("events:create"), form_data(organisation, name_fi="x" * 300))
    assert response.status_code == 200 and "name_fi" in response.context["form"].errors
    assert not Event.objects.exists()


def test_another_organisations_event_answers_404(client):
    user, _organisation = representative_of()
    other = EventFactory(publication=Event.Publication.DRAFT)
    client.force_login(user)
    assert client.get(reverse("events:edit", args=[other.pk])).status_code == 404
    assert client.post(reverse("events:submit", args=[other.pk])).status_code == 404
    assert client.post(reverse("events:delete", args=[other.pk])).status_code == 404
    # And the staff pages do not exist for the representative.
    assert client.get(reverse("events:moderation_queue")).status_code == 404
    assert client.post(reverse("events:publish", args=[other.pk])).status_code == 404


def test_a_draft_is_edited_with_its_values(client):
    user, organisation = representative_of()
    event = EventFactory(
        organisation=organisation,
        publication=Event.Publication.DRAFT,
        name_fi="Vanha nimi",
        moderation_comment="Korjaa nimi.",
    )
    client.force_login(user)
    page = client.get(reverse("events:edit", args=[event.pk]))
    assert page.context["form"].initial["name_fi"] == "Vanha nimi"
    assert "Korjaa nimi." in page.content.decode()
    data = form_data(organisation, name_fi="Uusi nimi", place=event.place_id, action="draft")
    assert client.post(reverse("events:edit", args=[event.pk]), data).status_code == 302
    event.refresh_from_db()
    assert event.name_fi == "Uusi nimi"


def test_staff_publish_return_and_trust(client):
    staff = StaffFactory()
    first = EventFactory(publication=Event.Publication.SUBMITTED, name_fi="Ensimmäinen")
    second = EventFactory(publication=Event.Publication.SUBMITTED, name_fi="Toinen")
    client.force_login(staff)
    page = client.get(reverse("events:moderation_queue"))
    assert [e.name for e in page.context["events"]] == ["Ensimmäinen", "Toinen"]
    client.post(reverse("events:publish", args=[first.pk]))
    client.post(reverse("events:return", args=[second.pk]), {"comment": "Lisää kuvaus."})
    client.post(reverse("events:trust", args=[second.organisation_id]), {"trusted": "1"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_public
    assert second.publication == "draft" and second.moderation_comment == "Lisää kuvaus."
    assert TrustedOrganiser.objects.filter(organisation=second.organisation).exists()


def test_queue_query_count(client, django_assert_max_num_queries):
    client.force_login(StaffFactory())
    for _n in range(3):
        EventFactory(publication=Event.Publication.SUBMITTED, keywords=[KeywordFactory()])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("events:moderation_queue"))
    for _n in range(5):
        EventFactory(publication=Event.Publication.SUBMITTED, keywords=[KeywordFactory()])
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("events:moderation_queue"))
    assert len(few) == len(many)


def test_my_events_query_count(client):
    user, organisation = representative_of()
    client.force_login(user)
    EventFactory(organisation=organisation)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("events:my_events"))
    for n in range(5):
        EventFactory(
            organisation=organisation, start=at(next_weekday(1), 8) + datetime.timedelta(hours=n)
        )
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("events:my_events"))
    assert len(few) == len(many)


def test_staff_publish_several_at_once_all_or_none(client):
    client.force_login(StaffFactory())
    first = EventFactory(
        publication=Event.Publication.SUBMITTED,
        name_fi="Eka",
        is_free=False,
        price="5 €",
        keywords=[KeywordFactory(name_fi="Musiikki")],
    )
    second = EventFactory(publication=Event.Publication.SUBMITTED, name_fi="Toka")
    draft = EventFactory(publication=Event.Publication.DRAFT, name_fi="Luonnos")
    page = client.get(reverse("events:moderation_queue")).content.decode()
    # The public page's price and topics in the card, and a box to tick for each.
    assert "5 €" in page and "Musiikki" in page
    assert f'name="event" value="{first.pk}"' in page and "Julkaise valitut" in page
    url = reverse("events:publish_many")
    # One that cannot be published: none is.
    response = client.post(url, {"event": [first.pk, draft.pk]}, follow=True)
    assert "Mitään ei julkaistu" in response.content.decode()
    first.refresh_from_db()
    assert first.publication == Event.Publication.SUBMITTED
    response = client.post(url, {"event": [first.pk, second.pk]}, follow=True)
    assert "2 tapahtumaa julkaistu" in response.content.decode()
    assert set(Event.objects.public().values_list("name_fi", flat=True)) >= {"Eka", "Toka"}
    # Nothing chosen: a clear message.
    assert "Valitse julkaistavat" in client.post(url, follow=True).content.decode()

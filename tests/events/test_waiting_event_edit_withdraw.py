"""A representative can change an event waiting for moderation (it stays waiting) or
take it back to a draft, until the staff decide; a published event is no longer theirs
to change, and another organisation's event answers 404."""

import pytest
from django.urls import reverse

from events.models import Event
from tests.factories.events import EventFactory, PlaceFactory
from tests.factories.facilities import next_weekday, representative_of

pytestmark = pytest.mark.django_db


def submitted(organisation, **kwargs):
    return EventFactory(
        organisation=organisation,
        publication=Event.Publication.SUBMITTED,
        published_at=None,
        name_fi="Avoin kahvila",
        **kwargs,
    )


def form_data(organisation, event, **overrides):
    values = {
        "organisation": organisation.pk,
        "name_fi": "Avoin kahvila ja lautapelit",
        "kind": "meeting_place",
        "status": "scheduled",
        "start_date": next_weekday(3, weeks=2).isoformat(),
        "start_time": "13:00",
        "end_time": "15:00",
        "location_kind": "place",
        "place": event.place_id or PlaceFactory().pk,
        "audiences": ["everyone"],
        "languages": ["fi"],
        "is_free": "on",
        "action": "submit",
    }
    values.update(overrides)
    return values


def test_a_waiting_event_is_changed_and_stays_waiting(client):
    user, organisation = representative_of()
    event = submitted(organisation)
    client.force_login(user)
    listing = client.get(reverse("events:my_events")).content.decode()
    assert reverse("events:edit", args=[event.pk]) in listing
    assert reverse("events:unsubmit", args=[event.pk]) in listing
    assert client.get(reverse("events:edit", args=[event.pk])).status_code == 200
    # The form's last step, the preview, saves the changes (it does not submit again).
    preview = client.post(
        reverse("events:edit", args=[event.pk]),
        form_data(organisation, event, action="", step="who", go="next"),
    )
    assert preview.context["step"] == "preview"
    assert "Tallenna muutokset" in preview.content.decode()
    response = client.post(reverse("events:edit", args=[event.pk]), form_data(organisation, event))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.name_fi == "Avoin kahvila ja lautapelit"
    assert event.publication == Event.Publication.SUBMITTED


def test_a_waiting_event_is_taken_back_to_a_draft(client):
    user, organisation = representative_of()
    event = submitted(organisation)
    client.force_login(user)
    response = client.post(reverse("events:unsubmit", args=[event.pk]), follow=True)
    event.refresh_from_db()
    assert event.publication == Event.Publication.DRAFT
    assert "luonnos" in response.content.decode()
    # Twice is a clear message, not an error.
    again = client.post(reverse("events:unsubmit", args=[event.pk]), follow=True)
    assert "Vain tarkastusta odottavan tapahtuman voi perua." in again.content.decode()


def test_a_published_event_or_anothers_is_not_theirs_to_change(client):
    user, organisation = representative_of()
    published = EventFactory(organisation=organisation)
    other_user, other_organisation = representative_of()
    others = submitted(other_organisation)
    client.force_login(user)
    client.post(reverse("events:unsubmit", args=[published.pk]))
    published.refresh_from_db()
    assert published.publication == Event.Publication.PUBLISHED
    assert client.post(reverse("events:unsubmit", args=[others.pk])).status_code == 404
    others.refresh_from_db()
    assert others.publication == Event.Publication.SUBMITTED

"""The calendar's admin pages open for staff; actions go through the services."""

import pytest
from django.urls import reverse

from events.models import Event, ImportSource, TrustedOrganiser
from tests.factories.events import EventFactory, KeywordFactory, PlaceFactory
from tests.factories.organisations import OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def test_admin_pages_open(staff_client):
    event = EventFactory(keywords=[KeywordFactory()])
    source = ImportSource.objects.create(name="S", kind="ical", url="https://x.example.fi/a.ics")
    for name, obj in [
        ("event", event),
        ("keyword", event.keywords.first()),
        ("place", PlaceFactory()),
        ("importsource", source),
    ]:
        assert staff_client.get(reverse(f"admin:events_{name}_changelist")).status_code == 200
        assert (
            staff_client.get(reverse(f"admin:events_{name}_change", args=[obj.pk])).status_code
            == 200
        )


def test_publish_and_soft_delete_actions(staff_client):
    submitted = EventFactory(publication=Event.Publication.SUBMITTED)
    other = EventFactory()
    url = reverse("admin:events_event_changelist")
    staff_client.post(url, {"action": "publish", "_selected_action": [submitted.pk]})
    staff_client.post(url, {"action": "soft_delete", "_selected_action": [other.pk]})
    submitted.refresh_from_db()
    other.refresh_from_db()
    assert submitted.is_public and other.is_deleted


def test_trusting_in_the_admin(staff_client):
    organisation = OrganisationFactory()
    staff_client.post(
        reverse("admin:events_trustedorganiser_add"), {"organisation": organisation.pk}
    )
    assert TrustedOrganiser.objects.get().organisation == organisation

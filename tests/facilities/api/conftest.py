"""Fixtures of the room booking API tests."""

import pytest
from rest_framework.test import APIClient

from facilities import notifications
from facilities.models import Room
from tests.facilities.api.helpers import working_tuesday
from tests.factories.facilities import RoomFactory, SiteFactory, representative_of


@pytest.fixture(autouse=True)
def _no_mail(monkeypatch):
    """The notification task runs after commit (in the transaction test); these tests are
    about the API, not about sending mail."""
    monkeypatch.setattr(notifications, "send_soon", lambda task_name: None)


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def room():
    return RoomFactory(
        name_fi="Sali",
        name_sv="Salen",
        name_en="Hall",
        kind=Room.Kind.HALL,
        capacity=40,
        description_en="A bright hall.",
        photo_alt_fi="Sali ylhäältä",
        buffer_minutes=15,
        site=SiteFactory(name_fi="Järjestötalo", name_sv="Organisationshuset", name_en=None),
    )


@pytest.fixture
def rep():
    return representative_of()


@pytest.fixture
def tuesday():
    return working_tuesday()

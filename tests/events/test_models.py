"""The calendar's rules about one row are database constraints: no code path breaks them."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from events.models import Event
from tests.factories.events import EventFactory, PlaceFactory
from tests.factories.facilities import RoomFactory

pytestmark = pytest.mark.django_db


def refused(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(**fields)


def test_a_valid_event_is_saved():
    event = EventFactory()
    assert event.is_public and event.location_kind == "place"


def test_exactly_one_location():
    refused(place=None)  # none
    refused(room=RoomFactory())  # place and room
    refused(online_url="https://meet.example.fi/x")  # place and link
    online = EventFactory(place=None, online_url="https://meet.example.fi/x")
    assert online.location_kind == "online"
    room = EventFactory(place=None, room=RoomFactory())
    assert room.location_kind == "room"


def test_an_organiser_is_required():
    refused(organisation=None, organiser_name="")
    assert EventFactory(organisation=None, organiser_name="Porin kaupunki").organiser_display


def test_end_not_before_start():
    start = datetime.datetime(2027, 1, 5, 16, tzinfo=datetime.UTC)
    refused(start=start, end=start - datetime.timedelta(minutes=1))
    EventFactory(start=start, end=start)  # zero length, as RFC 5545 allows


def test_only_a_postponed_event_may_have_no_time():
    refused(start=None, end=None)
    EventFactory(start=None, end=None, status=Event.Status.POSTPONED)


def test_an_image_needs_alt_text():
    refused(image_url="https://kuvat.example.fi/1.jpg")
    EventFactory(image_url="https://kuvat.example.fi/1.jpg", image_alt_fi="Kuoro laulaa.")


def test_a_price_when_not_free():
    refused(is_free=False, price="")
    EventFactory(is_free=False, price="5 €")


def test_place_address():
    place = PlaceFactory(street_address="Itäpuisto 4", postal_code="28100", post_office="Pori")
    assert place.address == "Itäpuisto 4, 28100 Pori"

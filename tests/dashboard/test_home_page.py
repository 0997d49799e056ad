"""The front page is the region's front door: the next events, trainings with free
places, the open meeting place's hours today, a way to book a room, and for a signed-in
person their next bookings, enrolments and what waits for them, in a number of queries
that does not grow with the data."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from facilities.models import Room
from tests.factories.events import EventFactory
from tests.factories.facilities import BookingFactory, RoomFactory, representative_of
from tests.factories.trainings import EnrolmentFactory, SessionFactory, TrainingFactory

pytestmark = pytest.mark.django_db

# Wednesday 2 December 2026, 10.00 in Helsinki.
NOW = datetime.datetime(2026, 12, 2, 8, 0, tzinfo=datetime.UTC)
WEEK = datetime.timedelta(days=7)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def home(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def a_training(**kwargs):
    training = TrainingFactory(**kwargs)
    SessionFactory(training=training)
    return training


def test_the_visitor_sees_whats_coming(client):
    EventFactory(name_fi="Joulukonsertti")
    EventFactory(
        name_fi="Mennyt juhla",
        start=NOW - datetime.timedelta(days=3),
        end=NOW - datetime.timedelta(days=3, hours=-2),
    )
    open_training = a_training(title_fi="Somen perusteet")
    full = a_training(title_fi="Täysi koulutus", capacity=1)
    EnrolmentFactory(training=full)
    cafe = RoomFactory(kind=Room.Kind.MEETING_PLACE, name_fi="Olohuone", is_bookable=False)
    body = home(client)
    assert "Joulukonsertti" in body and "Mennyt juhla" not in body
    assert "Somen perusteet" in body and "Täysi koulutus" not in body
    assert reverse("trainings:detail", args=[open_training.pk]) in body
    # The site of the factories is open on weekdays 8–20.
    section = body[body.find("home-today") :][:600]
    assert "Olohuone tänään" in section and "Avoinna tänään: 8.00–20.00" in section, section
    assert cafe.site.name_fi in body
    assert f'href="{reverse("facilities:room_list")}"' in body
    assert "Sinulle" not in body  # nothing personal for a visitor


def test_the_meeting_place_names_the_holiday_it_is_closed_for(client):
    RoomFactory(kind=Room.Kind.MEETING_PLACE, name_fi="Olohuone", is_bookable=False)
    with time_machine.travel(datetime.datetime(2026, 12, 6, 10, tzinfo=datetime.UTC)):
        assert "Suljettu tänään (Itsenäisyyspäivä)" in home(client)
        assert "Stängt i dag (Självständighetsdagen)" in client.get("/sv/").content.decode()


def test_a_signed_in_person_sees_their_bookings_enrolments_and_tasks(client):
    user, organisation = representative_of()
    booking = BookingFactory(organisation=organisation, created_by=user)
    enrolment = EnrolmentFactory(user=user, training=a_training(title_fi="Hallitustyö"))
    offered = EnrolmentFactory(
        user=user, training=a_training(), status="offered", offer_expires_at=NOW + WEEK
    )
    client.force_login(user)
    body = home(client)
    assert "Sinulle" in body
    assert reverse("facilities:booking_detail", args=[booking.pk]) in body
    assert str(booking.room.name_fi) in body
    assert "Hallitustyö" in body
    assert reverse("trainings:detail", args=[enrolment.training_id]) in body
    assert "1 koulutuspaikka tarjolla sinulle" in body
    assert offered.training.title_fi in body


def counted(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        home(client)
    return len(queries)


def test_the_query_count_does_not_grow_with_the_data(client):
    EventFactory()
    a_training()
    RoomFactory(kind=Room.Kind.MEETING_PLACE, is_bookable=False)
    home(client)  # warm the caches (the centre's settings)
    few = counted(client)
    for _n in range(8):
        EventFactory()
        a_training()
    assert counted(client) == few

    user, organisation = representative_of()
    BookingFactory(organisation=organisation, created_by=user)
    EnrolmentFactory(user=user, training=a_training())
    client.force_login(user)
    home(client)
    signed_in = counted(client)
    for _n in range(5):
        BookingFactory(organisation=organisation, created_by=user)
        EnrolmentFactory(
            user=user, training=a_training(), status="offered", offer_expires_at=NOW + WEEK
        )
    assert counted(client) == signed_in

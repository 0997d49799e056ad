"""Published trainings appear in the public calendar as courses with their sessions, in
the rooms the sessions booked, and leave it (cancelled) when the training is cancelled."""

import pytest
from django.urls import reverse

from events.models import Event
from tests.factories.facilities import RoomFactory, at, next_weekday
from tests.factories.organisations import OrganisationFactory, StaffFactory
from tests.factories.trainings import SessionFactory, TrainingFactory
from trainings import services
from trainings.models import Training

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return StaffFactory()


def draft(**kwargs):
    return TrainingFactory(
        status=Training.Status.DRAFT,
        title_fi="Yhdistyksen talous",
        title_sv="Föreningens ekonomi",
        organiser=OrganisationFactory(name_fi="Porin Järjestöverkosto ry"),
        **kwargs,
    )


def test_a_draft_is_not_in_the_calendar_and_a_published_one_is(client, staff):
    training = draft()
    day = next_weekday(1, weeks=3)
    room = RoomFactory(name_fi="Kokoushuone Kuusi")
    session = services.session_create(
        actor=staff, training=training, starts=at(day, 17), ends=at(day, 19), room=room
    )
    assert not Event.objects.exists()

    services.training_publish(actor=staff, training=training)

    event = Event.objects.public().get()
    assert event.kind == Event.Kind.COURSE
    assert (event.name_fi, event.name_sv) == ("Yhdistyksen talous", "Föreningens ekonomi")
    assert (event.start, event.end) == (session.starts, session.ends)
    assert event.room == room and event.booking == session.booking  # not booked twice
    assert event.organisation == training.organiser
    assert reverse("trainings:detail", args=[training.pk]) in event.registration_url
    page = client.get(reverse("events:list") + "?text=talous").content.decode()
    assert "Yhdistyksen talous" in page


def test_a_multi_session_training_is_a_course_with_a_sub_event_per_session(staff):
    training = draft(price_member="20.00", price_other="35.50")
    SessionFactory(training=training, online_url="https://meet.example.fi/a")
    later = next_weekday(3, weeks=4)
    SessionFactory(training=training, starts=at(later, 17), ends=at(later, 19))
    services.training_publish(actor=staff, training=training)

    parent = Event.objects.get(super_event__isnull=True)
    children = list(Event.objects.filter(super_event=parent).order_by("start"))
    assert len(children) == 2
    assert parent.start == children[0].start and parent.end == children[1].end
    assert children[0].online_url == "https://meet.example.fi/a"
    assert not parent.is_free and parent.price == "20 € / 35,50 €"

    # A session added afterwards joins the calendar too.
    training.refresh_from_db()
    third = next_weekday(4, weeks=5)
    services.session_create(
        actor=staff,
        training=training,
        starts=at(third, 9),
        ends=at(third, 11),
        online_url="https://meet.example.fi/c",
    )
    assert Event.objects.filter(super_event=parent).count() == 3
    parent.refresh_from_db()
    assert parent.end == at(third, 11)


def test_cancelling_the_training_cancels_its_events_and_publishing_again_is_idempotent(staff):
    training = draft()
    SessionFactory(training=training)
    services.training_publish(actor=staff, training=training)
    from trainings.calendar import training_calendar_sync

    training_calendar_sync(training)  # a second sync changes nothing
    assert Event.objects.count() == 1

    services.training_cancel(actor=staff, training=training)
    event = Event.objects.get()
    assert event.status == Event.Status.CANCELLED
    assert event.publication == Event.Publication.PUBLISHED  # synced calendars learn of it

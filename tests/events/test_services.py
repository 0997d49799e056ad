"""Submitting and moderation: a representative saves and submits an event for their
organisation, staff publish or return it, trusted organisations publish at once, and an
event in a room of the centre books the room through the booking rules."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from events import services
from events.errors import EventError
from events.models import Event, TrustedOrganiser
from events.services import EventInput
from facilities.errors import BookingConflict
from facilities.models import Booking
from facilities.services import TIME_TAKEN
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


def data(**overrides):
    values = {
        "name": {"fi": "Kuoron kevätkonsertti", "sv": "Körens vårkonsert"},
        "start_date": next_weekday(2, weeks=2),
        "start_time": datetime.time(18),
        "end_time": datetime.time(20),
        "place": PlaceFactory(),
        "audiences": ["everyone"],
        "languages": ["fi"],
    }
    values.update(overrides)
    return EventInput(**values)


def test_a_representative_saves_a_draft_and_submits_it():
    user, organisation = representative_of()
    keyword = KeywordFactory()
    event = services.event_save(
        actor=user, organisation=organisation, data=data(keywords=[keyword])
    )
    assert event.publication == Event.Publication.DRAFT
    assert event.name_fi == "Kuoron kevätkonsertti" and event.name_sv == "Körens vårkonsert"
    assert list(event.keywords.all()) == [keyword]
    event = services.event_submit(actor=user, event=event)
    assert event.publication == Event.Publication.SUBMITTED
    assert not Event.objects.public().exists()


def test_staff_publish_or_return_with_a_comment():
    user, organisation = representative_of()
    staff = StaffFactory()
    first = services.event_save(actor=user, organisation=organisation, data=data(), submit=True)
    second = services.event_save(actor=user, organisation=organisation, data=data(), submit=True)
    services.event_publish(actor=staff, event=first)
    with pytest.raises(EventError):
        services.event_return(actor=staff, event=second, comment="  ")
    services.event_return(actor=staff, event=second, comment="Lisää hinta.")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_public and first.published_at
    assert second.publication == Event.Publication.DRAFT
    assert second.moderation_comment == "Lisää hinta."
    # The representative may edit the returned draft, and resubmitting clears the comment.
    services.event_save(
        actor=user, organisation=organisation, data=data(price="5 €"), event=second, submit=True
    )
    second.refresh_from_db()
    assert second.publication == Event.Publication.SUBMITTED and second.moderation_comment == ""


def test_only_staff_moderate():
    user, organisation = representative_of()
    event = services.event_save(actor=user, organisation=organisation, data=data(), submit=True)
    with pytest.raises(PermissionDenied):
        services.event_publish(actor=user, event=event)
    with pytest.raises(PermissionDenied):
        services.trusted_organiser_set(actor=user, organisation=organisation, trusted=True)


def test_a_trusted_organisation_publishes_at_once():
    user, organisation = representative_of()
    services.trusted_organiser_set(actor=StaffFactory(), organisation=organisation, trusted=True)
    assert TrustedOrganiser.objects.filter(organisation=organisation).exists()
    event = services.event_save(actor=user, organisation=organisation, data=data(), submit=True)
    assert event.is_public


def test_nobody_submits_for_another_organisation():
    user, _own = representative_of()
    _other_user, other = representative_of()
    with pytest.raises(PermissionDenied):
        services.event_save(actor=user, organisation=other, data=data())


def test_a_published_event_is_no_longer_editable_by_the_representative():
    user, organisation = representative_of()
    event = EventFactory(organisation=organisation)
    with pytest.raises(EventError):
        services.event_save(actor=user, organisation=organisation, data=data(), event=event)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": {"fi": " "}}, "name_fi"),
        ({"name": {"fi": "x" * 201}}, "name_fi"),
        ({"end_date": next_weekday(2, weeks=1)}, "end_date"),
        ({"end_time": datetime.time(17)}, "end_time"),
        ({"start_date": next_weekday(2, weeks=-2)}, "start_date"),
        ({"location_kind": "online", "online_url": ""}, "online_url"),
        ({"location_kind": "online", "online_url": "ei-osoite"}, "online_url"),
        ({"is_free": False, "price": ""}, None),
        ({"image_alt": {}, "image": "events/kuva.jpg"}, None),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(overrides, field):
    user, organisation = representative_of()
    with pytest.raises(EventError) as error:
        services.event_save(actor=user, organisation=organisation, data=data(**overrides))
    assert error.value.messages
    if field:
        assert field in error.value.errors_by_field
    assert not Event.objects.exists()


def test_a_date_only_event_runs_to_the_end_of_its_last_day():
    start, end, all_day = services.event_times(
        datetime.date(2027, 3, 27), None, datetime.date(2027, 3, 28), None
    )
    assert all_day
    # Across the change to summer time: local midnights, 47 hours apart.
    assert end.astimezone(datetime.UTC) - start.astimezone(datetime.UTC) == datetime.timedelta(
        hours=47
    )


def test_an_event_in_a_room_books_the_room():
    user, organisation = representative_of()
    room = RoomFactory()
    event = services.event_save(
        actor=user,
        organisation=organisation,
        data=data(location_kind="room", room=room, place=None, expected_attendees=10),
        submit=True,
    )
    booking = event.booking
    assert booking.room == room and booking.organisation == organisation
    assert booking.start == event.start and booking.end == event.end
    assert booking.status == Booking.Status.CONFIRMED


def test_a_taken_room_is_refused_with_the_booking_message_and_nothing_saved():
    user, organisation = representative_of()
    room = RoomFactory()
    day = next_weekday(2, weeks=2)
    BookingFactory(room=room, start=at(day, 17), end=at(day, 19))
    with pytest.raises(BookingConflict) as error:
        services.event_save(
            actor=user,
            organisation=organisation,
            data=data(
                location_kind="room", room=room, place=None, expected_attendees=5, start_date=day
            ),
            submit=True,
        )
    assert error.value.messages == [str(TIME_TAKEN)]
    assert not Event.objects.exists()
    assert Booking.objects.count() == 1


def test_changing_the_time_releases_the_old_booking_and_deleting_cancels_it():
    user, organisation = representative_of()
    staff = StaffFactory()
    room = RoomFactory()
    room_data = {"location_kind": "room", "room": room, "place": None, "expected_attendees": 5}
    event = services.event_save(
        actor=user, organisation=organisation, data=data(**room_data), submit=True
    )
    first = event.booking
    services.event_return(actor=staff, event=event, comment="Vaihda aikaa.")
    event = services.event_save(
        actor=user,
        organisation=organisation,
        event=event,
        data=data(**room_data, start_time=datetime.time(16), end_time=datetime.time(17)),
        submit=True,
    )
    first.refresh_from_db()
    assert first.status == Booking.Status.CANCELLED
    assert event.booking.start == at(event.start.date(), 16) or event.booking.start == event.start
    services.event_delete(actor=staff, event=event)
    event.refresh_from_db()
    assert event.is_deleted and event.booking is None
    assert Booking.objects.holding().count() == 0

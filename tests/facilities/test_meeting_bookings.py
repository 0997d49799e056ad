"""A cooperation group's meeting in a room of the centre: facilities books the room
through booking_create and schedules the meeting through organisations, in one
transaction. A taken room gives the booking conflict message and saves neither the
meeting nor the booking. And organisations never imports facilities."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from facilities.errors import BookingConflict, BookingError
from facilities.meeting_bookings import meeting_room_book
from facilities.models import Booking, MeetingRoomBooking
from organisations.models import Meeting
from tests.factories.facilities import BookingFactory, RoomFactory, at, next_weekday
from tests.factories.organisations import (
    CooperationGroupFactory,
    RepresentativeFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def book(group, room, day, start=10, end=12, **kwargs):
    return meeting_room_book(
        actor=kwargs.pop("actor", None) or StaffFactory(),
        group=group,
        room=room,
        title=kwargs.pop("title", "Kevätkokous"),
        start=at(day, start),
        end=at(day, end),
        attendees=kwargs.pop("attendees", 8),
        **kwargs,
    )


def test_a_meeting_in_a_room_books_it_for_the_convener():
    group = CooperationGroupFactory(name_fi="Yhteistyöryhmä")
    room = RoomFactory(name_fi="Sali Satakunta")
    day = next_weekday(1)
    meeting = book(group, room, day)
    booking = MeetingRoomBooking.objects.get(meeting=meeting).booking
    assert booking.room == room and booking.organisation == group.convener
    assert booking.status == Booking.Status.CONFIRMED
    assert (booking.start, booking.end) == (meeting.start, meeting.end)
    assert booking.purpose == "Yhteistyöryhmä: Kevätkokous"
    assert meeting.place.startswith("Sali Satakunta, ")
    assert "Yrjönkatu 1, 28100 Pori" in meeting.place


def test_a_taken_room_saves_neither_meeting_nor_booking():
    room = RoomFactory()
    day = next_weekday(1)
    BookingFactory(room=room, start=at(day, 11), end=at(day, 13))
    with translation.override("fi"), pytest.raises(BookingConflict) as caught:
        book(CooperationGroupFactory(), room, day)
    assert caught.value.field == "start"
    assert caught.value.messages == [
        "Tila on jo varattu tuohon aikaan. Valitse toinen aika tai tila."
    ]
    assert not Meeting.objects.exists()
    assert Booking.objects.count() == 1
    assert not MeetingRoomBooking.objects.exists()


def test_a_group_without_a_convener_cannot_book():
    with pytest.raises(BookingError) as caught:
        book(CooperationGroupFactory(convener=None), RoomFactory(), next_weekday(1))
    assert caught.value.field == "room"
    assert not Meeting.objects.exists() and not Booking.objects.exists()


def test_only_staff_book_rooms_for_meetings():
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        book(CooperationGroupFactory(), RoomFactory(), next_weekday(1), actor=UserFactory())
    assert not Meeting.objects.exists()


# The staff page -------------------------------------------------------------------------------


def page(group, language="fi"):
    with translation.override(language):
        return reverse("facilities:meeting_schedule", args=[group.pk])


def form_data(day, **overrides):
    return {
        "title": "Syyskokous",
        "date": day.isoformat(),
        "start_time": "10:00",
        "end_time": "12:00",
        "room": "",
        "place": "",
        "attendees": "8",
        "agenda": "1. Avaus",
        **overrides,
    }


def test_the_page_is_404_for_everybody_but_staff(client):
    group = CooperationGroupFactory()
    response = client.get(page(group))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    for user in (RepresentativeFactory(organisation=group.convener).user, UserFactory()):
        client.force_login(user)
        assert client.get(page(group)).status_code == 404


def test_staff_schedule_a_meeting_in_a_room(client):
    client.force_login(StaffFactory())
    group = CooperationGroupFactory()
    room = RoomFactory()
    day = next_weekday(2)
    response = client.post(page(group), form_data(day, room=room.pk))
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.room_booking.booking.room == room
    assert meeting.agenda == "1. Avaus"


def test_staff_schedule_a_meeting_elsewhere(client):
    client.force_login(StaffFactory())
    group = CooperationGroupFactory()
    response = client.post(page(group), form_data(next_weekday(2), place="Teams"))
    assert response.status_code == 302
    assert Meeting.objects.get().place == "Teams"
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fi", "Tila on jo varattu tuohon aikaan. Valitse toinen aika tai tila."),
        ("sv", "Lokalen är redan bokad vid den tiden. Välj en annan tid eller lokal."),
        ("en", "The room is already booked at that time. Choose another time or room."),
    ],
)
def test_a_taken_room_shows_the_conflict_and_saves_nothing(client, language, message):
    client.force_login(StaffFactory())
    group = CooperationGroupFactory()
    room = RoomFactory()
    day = next_weekday(3)
    BookingFactory(room=room, start=at(day, 9), end=at(day, 11))
    response = client.post(page(group, language), form_data(day, room=room.pk))
    assert response.status_code == 400
    assert response.context["form"].errors == {"start_time": [message]}
    assert message in response.content.decode()
    assert not Meeting.objects.exists()
    assert Booking.objects.count() == 1


def test_an_agenda_of_the_wrong_type_saves_nothing(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(StaffFactory())
    group = CooperationGroupFactory()
    room = RoomFactory()
    bad = SimpleUploadedFile("esityslista.pdf", b"MZ\x90\x00" + b"\x00" * 64)
    response = client.post(
        page(group), {**form_data(next_weekday(2), room=room.pk), "agenda_file": bad}
    )
    assert response.status_code == 400
    assert "agenda_file" in response.context["form"].errors
    assert not Meeting.objects.exists() and not Booking.objects.exists()


# The one-way rule ----------------------------------------------------------------------------


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_organisations_never_imports_facilities():
    offenders = [
        (str(path.relative_to(ROOT)), module)
        for path in (ROOT / "organisations").rglob("*.py")
        for module in _imports(path)
        if module.split(".")[0] in {"facilities", "events", "trainings", "pilots"}
    ]
    assert offenders == []


def test_an_agenda_file_is_stored_and_a_member_downloads_it(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories.organisations import GroupMemberFactory

    group = CooperationGroupFactory()
    member = RepresentativeFactory()
    GroupMemberFactory(group=group, organisation=member.organisation)
    client.force_login(StaffFactory())
    agenda = SimpleUploadedFile("esityslista.odt", b"%PDF-1.4 esityslista", "text/plain")
    data = {**form_data(next_weekday(2), room=RoomFactory().pk), "agenda_file": agenda}
    assert client.post(page(group), data).status_code == 302
    meeting = Meeting.objects.get()
    client.force_login(member.user)
    response = client.get(reverse("organisations:meeting_file", args=[meeting.pk, "agenda"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 esityslista"


def test_the_demo_books_a_room_for_the_groups_meeting_once(settings):
    import io

    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_demo_data", stdout=io.StringIO())
    call_command("load_facilities_demo", stdout=io.StringIO())
    call_command("load_facilities_demo", stdout=io.StringIO())
    (link,) = MeetingRoomBooking.objects.select_related("meeting", "booking__room")
    assert link.meeting.title == "Järjestöpäivän suunnittelukokous"
    assert link.booking.room.name_fi == "Kokoushuone Kirjurinluoto"
    assert link.booking.status == Booking.Status.CONFIRMED

"""Booking a room of the centre for a meeting of a cooperation group. Organisations
does not know facilities, so this use case lives here: it schedules the meeting through
the organisations service and books the room through ``booking_create`` in one
transaction. When the room is taken, the BookingConflict rolls both back: neither the
meeting nor the booking is saved."""

import logging

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from organisations.models import CooperationGroup, Meeting
from organisations.services.network import meeting_create

from .errors import BookingError
from .models import Room
from .models_meetings import MeetingRoomBooking
from .services import booking_create

logger = logging.getLogger(__name__)


def room_place(room: Room) -> str:
    site = room.site
    return f"{room.name}, {site.name}, {site.street_address}, {site.postal_code} {site.post_office}"


@transaction.atomic
def meeting_room_book(
    *,
    actor,
    group: CooperationGroup,
    room: Room,
    title: str,
    start,
    end,
    attendees: int,
    agenda: str = "",
    agenda_file=None,
    language: str = "fi",
) -> Meeting:
    """Schedule a meeting in a room of the centre, booked in the name of the group's
    convening organisation."""
    if group.convener_id is None:
        raise BookingError(
            _("Choose the group's convening organisation first: the room is booked in its name."),
            field="room",
            code="no_convener",
        )
    # The room first: when it is taken, nothing (not even the agenda file) is stored.
    booking = booking_create(
        actor=actor,
        room=room,
        organisation=group.convener,
        start=start,
        end=end,
        purpose=f"{group.name}: {(title or '').strip()}"[:200],
        attendees=attendees,
        language=language,
    )
    meeting = meeting_create(
        actor=actor,
        group=group,
        title=title,
        start=start,
        end=end,
        place=room_place(room),
        agenda=agenda,
        agenda_file=agenda_file,
    )
    MeetingRoomBooking.objects.create(meeting=meeting, booking=booking)
    logger.info("meeting %s booked room %s (booking %s)", meeting.pk, room.pk, booking.pk)
    return meeting

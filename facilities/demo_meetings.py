"""Demo of a cooperation group's meeting in a room of the centre, for `make run` (called
by load_facilities_demo after load_demo_data has made the group): booked through
meeting_room_book like any staff booking. Skipped when an upcoming one exists."""

from datetime import time, timedelta

from core import clock
from organisations.models import CooperationGroup, Meeting

from .availability import local_datetime
from .errors import BookingError
from .meeting_bookings import meeting_room_book

GROUP_NAME = "Satakunnan yhdistysten yhteistyöryhmä"
TITLE = "Järjestöpäivän suunnittelukokous"


def load(*, staff, room, days) -> int:
    """Book ``room`` for the meeting on the first of ``days`` it is free; return 1 when
    a meeting was made."""
    group = CooperationGroup.objects.filter(name_fi=GROUP_NAME).first()
    if group is None or room is None:
        return 0
    if Meeting.objects.filter(group=group, title=TITLE, start__gte=clock.now()).exists():
        return 0
    for day in days:
        start = local_datetime(day, time(16))
        try:
            meeting_room_book(
                actor=staff,
                group=group,
                room=room,
                title=TITLE,
                start=start,
                end=start + timedelta(hours=2),
                attendees=8,
                agenda="1. Kokouksen avaus\n2. Järjestöpäivän ohjelma\n3. Työnjako",
            )
        except BookingError:
            continue  # a closed day or a taken time: try the next
        return 1
    return 0

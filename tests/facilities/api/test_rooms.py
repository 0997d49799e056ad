"""JSON API of room booking, /api/v1/rooms/: the public room list and each room's availability. The API answers in Finnish, the site's default
language, so the services' messages are asserted in Finnish (fixtures in conftest.py)."""

from datetime import datetime, timedelta

import pytest
from django.conf import settings

from core import clock
from facilities.models import Booking
from tests.facilities.api.helpers import (
    ROOMS,
    iso,
    next_independence_day,
    working_tuesday,
)
from tests.factories.facilities import (
    BookingFactory,
    OpeningExceptionFactory,
    RoomFactory,
    at,
)
from tests.factories.organisations import (
    OrganisationFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


def test_room_list_envelope_and_item_shape(api, room):
    RoomFactory(is_bookable=False)
    response = api.get(ROOMS)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"meta", "data"}
    assert body["meta"] == {"count": 1, "next": None, "previous": None}
    assert body["data"] == [
        {
            "id": room.pk,
            "site": {
                "id": room.site.pk,
                "name": {"fi": "Järjestötalo", "sv": "Organisationshuset", "en": None},
                "street_address": "Yrjönkatu 1",
                "postal_code": "28100",
                "post_office": "Pori",
            },
            "kind": "hall",
            "name": {"fi": "Sali", "sv": "Salen", "en": "Hall"},
            "description": {"fi": "Valoisa kokoushuone.", "sv": None, "en": "A bright hall."},
            "equipment": {"fi": "Näyttö, fläppitaulu", "sv": None, "en": None},
            "accessibility": {"fi": "Esteetön.", "sv": None, "en": None},
            "capacity": 40,
            "photo": None,
            "photo_alt": {"fi": "Sali ylhäältä", "sv": None, "en": None},
            "requires_approval": False,
            "hourly_price_member": "10.00",
            "hourly_price_non_member": "25.00",
            "buffer_minutes": 15,
            "min_duration_minutes": 30,
            "max_duration_minutes": 480,
            "booking_horizon_days": 180,
            "cancellation_deadline_hours": 24,
        }
    ]


def test_room_detail_with_photo_url_and_unbookable_room_is_404(api, room):
    room.photo = "rooms/sali.jpg"
    room.save()
    item = api.get(f"{ROOMS}{room.pk}/").json()
    # Built from SITE_URL like every link of the API, not from the request's host.
    assert item["photo"] == f"{settings.SITE_URL}/media/rooms/sali.jpg"
    hidden = RoomFactory(is_bookable=False)
    assert api.get(f"{ROOMS}{hidden.pk}/").status_code == 404
    assert api.get(f"{ROOMS}999999/").status_code == 404


def test_room_filters(api, room):
    other_site = RoomFactory(name_fi="Kabinetti", capacity=6)
    RoomFactory(name_fi="Neuvotteluhuone", site=room.site, capacity=12)

    def names(query):
        return [item["name"]["fi"] for item in api.get(ROOMS, query).json()["data"]]

    # By site, then kind (a hall before meeting rooms), then name.
    assert names({"site": room.site.pk}) == ["Sali", "Neuvotteluhuone"]
    assert names({"kind": "hall"}) == ["Sali"]
    assert names({"min_capacity": 12}) == ["Sali", "Neuvotteluhuone"]
    assert names({"min_capacity": 41}) == []
    assert names({"site": other_site.site.pk, "min_capacity": 1}) == ["Kabinetti"]
    for bad in [{"kind": "castle"}, {"site": "x"}, {"min_capacity": "many"}]:
        response = api.get(ROOMS, bad)
        assert response.status_code == 400
        assert set(response.json()) == set(bad)


def test_rooms_are_read_only(api, room):
    assert api.post(ROOMS, {}, format="json").status_code == 405
    api.force_authenticate(StaffFactory())
    assert api.post(ROOMS, {}, format="json").status_code == 405
    assert api.delete(f"{ROOMS}{room.pk}/").status_code == 405


# --- Availability --------------------------------------------------------------------


def test_availability_shape_free_and_booked_without_names(api, room):
    tuesday = working_tuesday()
    org = OrganisationFactory(name_fi="Salainen Seura ry")
    BookingFactory(
        room=room, organisation=org, start=at(tuesday, 10), purpose="Vuosikokous", attendees=5
    )
    BookingFactory(
        room=room,
        start=at(tuesday, 14),
        end=at(tuesday, 15),
        status=Booking.Status.REQUESTED,
    )
    # A cancelled booking frees its time.
    BookingFactory(
        room=room, start=at(tuesday, 17), end=at(tuesday, 18), status=Booking.Status.CANCELLED
    )
    response = api.get(f"{ROOMS}{room.pk}/availability/", {"start": str(tuesday), "days": 2})
    assert response.status_code == 200
    days = response.json()
    assert days[0] == {
        "date": str(tuesday),
        "closed": False,
        "closure_reason": "",
        "open": [{"start": iso(tuesday, 8), "end": iso(tuesday, 20)}],
        # The buffer of 15 minutes after each booking is neither free nor booked.
        "free": [
            {"start": iso(tuesday, 8), "end": iso(tuesday, 10)},
            {"start": iso(tuesday, 12, 15), "end": iso(tuesday, 14)},
            {"start": iso(tuesday, 15, 15), "end": iso(tuesday, 20)},
        ],
        "booked": [
            {"start": iso(tuesday, 10), "end": iso(tuesday, 12)},
            {"start": iso(tuesday, 14), "end": iso(tuesday, 15)},
        ],
    }
    wednesday = tuesday + timedelta(days=1)
    assert days[1]["date"] == str(wednesday)
    assert days[1]["booked"] == []
    assert days[1]["free"] == [{"start": iso(wednesday, 8), "end": iso(wednesday, 20)}]
    # Times carry the Helsinki offset.
    assert days[0]["open"][0]["start"][-6:] in ("+02:00", "+03:00")
    text = response.content.decode()
    assert "Salainen" not in text and "Vuosikokous" not in text


def test_availability_defaults_to_a_week_from_today(api, room):
    now = clock.now()
    days = api.get(f"{ROOMS}{room.pk}/availability/").json()
    today = clock.today()
    assert [d["date"] for d in days] == [str(today + timedelta(days=i)) for i in range(7)]
    # Nothing before now is free, and free time starts on a whole minute.
    starts = [datetime.fromisoformat(p["start"]) for d in days for p in d["free"]]
    assert starts and min(starts) >= now
    assert all(s.second == s.microsecond == 0 for s in starts)


def test_availability_closed_on_a_public_holiday_and_on_an_exception(api, room):
    independence_day = next_independence_day()
    response = api.get(
        f"{ROOMS}{room.pk}/availability/", {"start": str(independence_day), "days": 1}
    )
    assert response.json() == [
        {
            "date": str(independence_day),
            "closed": True,
            "closure_reason": "Itsenäisyyspäivä",
            "open": [],
            "free": [],
            "booked": [],
        }
    ]

    tuesday = working_tuesday()
    OpeningExceptionFactory(site=room.site, date=tuesday, reason_fi="Remontti")
    monday = tuesday - timedelta(days=1)
    days = api.get(f"{ROOMS}{room.pk}/availability/", {"start": str(monday)}).json()
    by_date = {d["date"]: d for d in days}
    closed = by_date[str(tuesday)]
    assert (closed["closed"], closed["closure_reason"], closed["free"]) == (True, "Remontti", [])
    # Sunday has no opening hours: closed, with no reason to give.
    sunday = by_date[str(monday + timedelta(days=6))]
    assert (sunday["closed"], sunday["closure_reason"], sunday["open"]) == (True, "", [])


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"start": "2025-13-01"}, "start"),
        ({"start": "tomorrow"}, "start"),
        ({"start": "2999-01-01"}, "start"),
        ({"days": 0}, "days"),
        ({"days": 32}, "days"),
        ({"days": "seven"}, "days"),
    ],
)
def test_availability_bad_parameters_are_400(api, room, query, field):
    response = api.get(f"{ROOMS}{room.pk}/availability/", query)
    assert response.status_code == 400
    body = response.json()
    assert list(body) == [field]
    assert body[field][0]


def test_availability_messages_are_translated(api, room):
    body = api.get(f"{ROOMS}{room.pk}/availability/", {"days": 32}).json()
    assert body == {"days": ["Tämän arvon on oltava pienempi tai yhtä suuri kuin 31."]}


def test_availability_of_unknown_or_unbookable_room_is_404(api):
    hidden = RoomFactory(is_bookable=False)
    assert api.get(f"{ROOMS}{hidden.pk}/availability/").status_code == 404
    assert api.get(f"{ROOMS}999999/availability/").status_code == 404

"""JSON API of room booking: /api/v1/rooms/ (public, with availability) and
/api/v1/bookings/ (representatives and staff). The API answers in Finnish, the site's
default language, so the services' messages are asserted in Finnish."""

import threading
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.middleware.csrf import CSRF_ALLOWED_CHARS
from django.utils.crypto import get_random_string
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from facilities import notifications
from facilities.models import Booking, Room
from organisations.models import Representative
from tests.factories.facilities import (
    BookingFactory,
    OpeningExceptionFactory,
    RoomFactory,
    SiteFactory,
    at,
    next_weekday,
    representative_of,
)
from tests.factories.organisations import (
    MembershipFactory,
    OrganisationFactory,
    RepresentativeFactory,
    StaffFactory,
    UserFactory,
)
from yhteisokeskus import clock

pytestmark = pytest.mark.django_db

ROOMS = "/api/v1/rooms/"
BOOKINGS = "/api/v1/bookings/"
TIME_TAKEN = "Tila on jo varattu tuohon aikaan. Valitse toinen aika tai tila."


@pytest.fixture(autouse=True)
def _no_mail(monkeypatch):
    """The notification task runs after commit (in the transaction test); these tests are
    about the API, not about sending mail."""
    monkeypatch.setattr(notifications, "_send_soon", lambda: None)


@pytest.fixture
def api():
    return APIClient()


def working_tuesday(weeks=1) -> date:
    """A Tuesday at least ``weeks`` weeks ahead on which the site is open 8–20."""
    return next_weekday(1, weeks=weeks)


def iso(day, hour, minute=0):
    return at(day, hour, minute).isoformat()


def next_independence_day() -> date:
    today = clock.today()
    day = date(today.year, 12, 6)
    return day if day >= today else date(today.year + 1, 12, 6)


# --- Rooms ---------------------------------------------------------------------------


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
    assert item["photo"] == "http://testserver/media/rooms/sali.jpg"
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


# --- Bookings: reading ---------------------------------------------------------------


@pytest.fixture
def rep():
    return representative_of()


def test_bookings_require_authentication(api, rep):
    _user, org = rep
    booking = BookingFactory(organisation=org)
    for url in [BOOKINGS, f"{BOOKINGS}{booking.pk}/"]:
        assert api.get(url).status_code in (401, 403)
    assert api.post(f"{BOOKINGS}{booking.pk}/cancel/").status_code in (401, 403)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_booking_list_shows_own_organisations_only(api, rep):
    user, org = rep
    second_org = OrganisationFactory()
    RepresentativeFactory(user=user, organisation=second_org, role=Representative.Role.MEMBER)
    tuesday = working_tuesday()
    own = BookingFactory(organisation=org, start=at(tuesday, 10))
    own_second = BookingFactory(organisation=second_org, start=at(tuesday, 14))
    others = BookingFactory(start=at(tuesday, 12))
    # A representative still waiting for approval sees nothing of that organisation.
    RepresentativeFactory(
        user=user, organisation=others.organisation, status=Representative.Status.REQUESTED
    )

    api.force_authenticate(user)
    body = api.get(BOOKINGS).json()
    assert body["meta"]["count"] == 2
    assert [item["id"] for item in body["data"]] == [own.pk, own_second.pk]
    assert api.get(f"{BOOKINGS}{others.pk}/").status_code == 404

    api.force_authenticate(StaffFactory())
    body = api.get(BOOKINGS).json()
    assert [item["id"] for item in body["data"]] == [own.pk, others.pk, own_second.pk]
    assert api.get(f"{BOOKINGS}{others.pk}/").status_code == 200


def test_booking_detail_shape(api, rep):
    user, org = rep
    tuesday = working_tuesday()
    booking = BookingFactory(
        organisation=org,
        room=RoomFactory(name_fi="Sali", name_en="Hall"),
        start=at(tuesday, 10),
        requests="Kahvit",
        price=Decimal("20.00"),
        member_price=True,
    )
    api.force_authenticate(user)
    item = api.get(f"{BOOKINGS}{booking.pk}/").json()
    created_at = datetime.fromisoformat(item.pop("created_at"))
    assert abs(created_at - booking.created_at) < timedelta(seconds=1)
    assert item == {
        "id": booking.pk,
        "room": booking.room.pk,
        "room_name": {"fi": "Sali", "sv": None, "en": "Hall"},
        "organisation": org.pk,
        "organisation_name": {"fi": org.name_fi, "sv": None, "en": None},
        "start": iso(tuesday, 10),
        "end": iso(tuesday, 12),
        "status": "confirmed",
        "purpose": "Hallituksen kokous",
        "attendees": 8,
        "requests": "Kahvit",
        "price": "20.00",
        "member_price": True,
        "series": None,
        "cancellable": True,
    }


def test_booking_filters(api, rep):
    user, org = rep
    room = RoomFactory()
    tuesday = working_tuesday()
    first = BookingFactory(organisation=org, room=room, start=at(tuesday, 10))
    later = BookingFactory(organisation=org, start=at(tuesday + timedelta(days=7), 10))
    cancelled = BookingFactory(
        organisation=org, room=room, start=at(tuesday, 14), status=Booking.Status.CANCELLED
    )
    other_org = OrganisationFactory()
    api.force_authenticate(user)

    def ids(query):
        response = api.get(BOOKINGS, query)
        assert response.status_code == 200
        return [item["id"] for item in response.json()["data"]]

    assert ids({"room": room.pk}) == [first.pk, cancelled.pk]
    assert ids({"status": "cancelled"}) == [cancelled.pk]
    assert ids({"organisation": org.pk}) == [first.pk, cancelled.pk, later.pk]
    assert ids({"organisation": other_org.pk}) == []
    assert ids({"start": str(tuesday + timedelta(days=1))}) == [later.pk]
    assert ids({"end": str(tuesday)}) == [first.pk, cancelled.pk]
    assert ids({"start": str(tuesday), "end": str(tuesday), "status": "confirmed"}) == [first.pk]
    for bad in [{"status": "lost"}, {"start": "31.12.2025"}, {"room": "sali"}]:
        response = api.get(BOOKINGS, bad)
        assert response.status_code == 400
        assert set(response.json()) == set(bad)


def test_no_put_patch_or_delete(api, rep):
    user, org = rep
    booking = BookingFactory(organisation=org)
    api.force_authenticate(user)
    url = f"{BOOKINGS}{booking.pk}/"
    assert api.put(url, {}, format="json").status_code == 405
    assert api.patch(url, {"status": "cancelled"}, format="json").status_code == 405
    assert api.delete(url).status_code == 405
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


# --- Bookings: creating --------------------------------------------------------------


def payload(room, org, start, end, **extra):
    return {
        "room": room.pk,
        "organisation": org.pk,
        "start": start,
        "end": end,
        "purpose": "Hallituksen kokous",
        "attendees": 6,
        **extra,
    }


@pytest.fixture
def tuesday():
    return working_tuesday()


def test_create_reads_naive_times_as_helsinki_and_prices_by_membership(api, room, tuesday):
    member_user, member = representative_of()
    MembershipFactory(organisation=member)
    api.force_authenticate(member_user)
    response = api.post(
        BOOKINGS,
        payload(room, member, f"{tuesday}T10:00", f"{tuesday}T11:30", requests="Kahvit"),
        format="json",
    )
    assert response.status_code == 201, response.json()
    item = response.json()
    booking = Booking.objects.get()
    assert (booking.start, booking.end) == (at(tuesday, 10), at(tuesday, 11, 30))
    assert (booking.created_by, booking.language) == (member_user, "fi")
    assert item["id"] == booking.pk
    assert (item["start"], item["end"]) == (iso(tuesday, 10), iso(tuesday, 11, 30))
    assert (item["price"], item["member_price"]) == ("15.00", True)
    assert (item["status"], item["requests"], item["cancellable"]) == ("confirmed", "Kahvit", True)
    assert item["organisation_name"]["fi"] == member.name_fi

    other_user, other = representative_of()
    api.force_authenticate(other_user)
    # The same wall-clock time given in UTC.
    start = at(tuesday, 13).astimezone(UTC).isoformat()
    end = at(tuesday, 14, 30).isoformat()
    response = api.post(BOOKINGS, payload(room, other, start, end), format="json")
    assert response.status_code == 201, response.json()
    assert start.endswith("+00:00")
    assert response.json()["start"] == iso(tuesday, 13)
    assert (response.json()["price"], response.json()["member_price"]) == ("37.50", False)


def test_room_needing_approval_makes_a_request(api, rep, tuesday):
    user, org = rep
    room = RoomFactory(requires_approval=True)
    api.force_authenticate(user)
    response = api.post(
        BOOKINGS, payload(room, org, iso(tuesday, 10), iso(tuesday, 12)), format="json"
    )
    assert response.status_code == 201
    assert response.json()["status"] == "requested"


def test_taken_time_is_409_with_the_message(api, rep, room, tuesday):
    BookingFactory(room=room, start=at(tuesday, 10))
    user, org = rep
    api.force_authenticate(user)
    # The room's buffer of 15 minutes after 12.00 is taken too.
    response = api.post(
        BOOKINGS, payload(room, org, iso(tuesday, 12, 10), iso(tuesday, 13)), format="json"
    )
    assert response.status_code == 409
    assert response.json() == {"start": [TIME_TAKEN]}
    assert Booking.objects.filter(organisation=org).count() == 0


@pytest.mark.parametrize(
    ("times", "field", "message"),
    [
        (((12, 0), (10, 0)), "end", "Päättymisajan on oltava alkamisajan jälkeen."),
        (
            ((19, 0), (21, 0)),
            "start",
            "Varauksen on mahduttava päivän aukioloaikoihin: 08.00–20.00.",
        ),
        (((10, 0), (10, 15)), "end", "Tämän tilan varaus kestää vähintään 30 minuuttia."),
        (((8, 0), (17, 0)), "end", "Tämän tilan varaus kestää enintään 8,0 tuntia."),
    ],
    ids=["end-before-start", "outside-opening-hours", "too-short", "too-long"],
)
def test_time_rules_are_400_under_their_field(api, rep, room, tuesday, times, field, message):
    user, org = rep
    api.force_authenticate(user)
    (sh, sm), (eh, em) = times
    response = api.post(
        BOOKINGS, payload(room, org, iso(tuesday, sh, sm), iso(tuesday, eh, em)), format="json"
    )
    assert response.status_code == 400
    assert response.json() == {field: [message]}
    assert not Booking.objects.exists()


def test_past_and_beyond_the_horizon_are_400(api, rep, room):
    user, org = rep
    api.force_authenticate(user)
    yesterday = clock.today() - timedelta(days=1)
    response = api.post(
        BOOKINGS, payload(room, org, iso(yesterday, 10), iso(yesterday, 12)), format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"start": ["Alkamisaika on menneisyydessä."]}

    far = clock.today() + timedelta(days=room.booking_horizon_days + 7)
    response = api.post(BOOKINGS, payload(room, org, iso(far, 10), iso(far, 12)), format="json")
    assert response.status_code == 400
    [message] = response.json()["start"]
    assert message.startswith("Varaukset avautuvat 180 päivää etukäteen: valitse alkamisaika")
    assert not Booking.objects.exists()


def test_closed_day_and_details_are_400(api, rep, room, tuesday):
    user, org = rep
    api.force_authenticate(user)
    OpeningExceptionFactory(site=room.site, date=tuesday, reason_fi="Remontti")
    response = api.post(
        BOOKINGS, payload(room, org, iso(tuesday, 10), iso(tuesday, 12)), format="json"
    )
    assert response.status_code == 400
    [message] = response.json()["start"]
    assert message.startswith("Tilat ovat suljettuina") and message.endswith("(Remontti).")

    wednesday = tuesday + timedelta(days=1)
    good = payload(room, org, iso(wednesday, 10), iso(wednesday, 12))
    response = api.post(BOOKINGS, {**good, "attendees": 41}, format="json")
    assert (response.status_code, response.json()) == (
        400,
        {"attendees": ["Tilaan mahtuu enintään 40 henkeä."]},
    )
    response = api.post(BOOKINGS, {**good, "purpose": "  "}, format="json")
    assert (response.status_code, response.json()) == (
        400,
        {"purpose": ["Kerro, mihin tilaa käytetään."]},
    )
    response = api.post(BOOKINGS, {**good, "start": "huomenna"}, format="json")
    assert response.status_code == 400 and list(response.json()) == ["start"]
    assert not Booking.objects.exists()


def test_booking_for_an_organisation_one_does_not_represent_is_400(api, rep, room, tuesday):
    user, _org = rep
    stranger = OrganisationFactory()
    api.force_authenticate(user)
    cannot = {"organisation": ["Et voi varata tämän organisaation puolesta."]}
    response = api.post(
        BOOKINGS, payload(room, stranger, iso(tuesday, 10), iso(tuesday, 12)), format="json"
    )
    assert (response.status_code, response.json()) == (400, cannot)
    # An id that does not exist gets the same answer: the API does not tell which exist.
    response = api.post(
        BOOKINGS,
        {**payload(room, stranger, iso(tuesday, 10), iso(tuesday, 12)), "organisation": 999999},
        format="json",
    )
    assert (response.status_code, response.json()) == (400, cannot)
    assert not Booking.objects.exists()


def test_staff_book_for_any_organisation(api, room, tuesday):
    org = OrganisationFactory()
    api.force_authenticate(StaffFactory())
    response = api.post(
        BOOKINGS, payload(room, org, iso(tuesday, 10), iso(tuesday, 12)), format="json"
    )
    assert response.status_code == 201
    assert Booking.objects.get().organisation == org


# --- Bookings: cancelling ------------------------------------------------------------


def test_cancel_before_the_deadline(api, rep, tuesday):
    user, org = rep
    booking = BookingFactory(organisation=org, start=at(tuesday, 10))
    api.force_authenticate(user)
    response = api.post(f"{BOOKINGS}{booking.pk}/cancel/")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["cancellable"]) == ("cancelled", False)
    booking.refresh_from_db()
    assert (booking.status, booking.cancelled_by) == (Booking.Status.CANCELLED, user)
    # Cancelling again: the booking no longer holds the room.
    response = api.post(f"{BOOKINGS}{booking.pk}/cancel/")
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Varaus ei ole enää voimassa, joten sitä ei voi perua."]},
    )


def test_cancel_after_the_deadline_only_by_staff(api, rep):
    user, org = rep
    start = (clock.now() + timedelta(hours=3)).replace(microsecond=0)
    booking = BookingFactory(organisation=org, start=start)
    api.force_authenticate(user)
    assert api.get(f"{BOOKINGS}{booking.pk}/").json()["cancellable"] is False
    response = api.post(f"{BOOKINGS}{booking.pk}/cancel/")
    assert response.status_code == 400
    [message] = response.json()["non_field_errors"]
    assert message.startswith("Peruutuksen määräaika päättyi")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED

    api.force_authenticate(StaffFactory())
    assert api.get(f"{BOOKINGS}{booking.pk}/").json()["cancellable"] is True
    response = api.post(f"{BOOKINGS}{booking.pk}/cancel/")
    assert (response.status_code, response.json()["status"]) == (200, "cancelled")


def test_cancel_another_organisations_booking_is_404(api, rep, tuesday):
    user, _org = rep
    booking = BookingFactory(start=at(tuesday, 10))
    api.force_authenticate(user)
    assert api.post(f"{BOOKINGS}{booking.pk}/cancel/").status_code == 404
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


# --- Authentication ------------------------------------------------------------------


def test_token_authentication(rep, room, tuesday):
    user, org = rep
    own = BookingFactory(organisation=org, room=room, start=at(tuesday, 14))
    token = Token.objects.create(user=user)
    api = APIClient(enforce_csrf_checks=True)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert [item["id"] for item in api.get(BOOKINGS).json()["data"]] == [own.pk]
    # A token is no cookie, so no CSRF token is needed.
    response = api.post(
        BOOKINGS, payload(room, org, iso(tuesday, 10), iso(tuesday, 12)), format="json"
    )
    assert response.status_code == 201
    api.credentials(HTTP_AUTHORIZATION="Token wrong")
    assert api.get(BOOKINGS).status_code in (401, 403)


def test_session_post_needs_the_csrf_token(rep, room, tuesday):
    user, org = rep
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(user)
    body = payload(room, org, iso(tuesday, 10), iso(tuesday, 12))
    response = api.post(BOOKINGS, body, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Booking.objects.exists()

    secret = get_random_string(32, allowed_chars=CSRF_ALLOWED_CHARS)
    api.cookies[settings.CSRF_COOKIE_NAME] = secret
    response = api.post(BOOKINGS, body, format="json", HTTP_X_CSRFTOKEN=secret)
    assert response.status_code == 201
    # Reading needs no token.
    assert api.get(BOOKINGS).status_code == 200


# --- Query counts --------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 15])
def test_room_list_queries_do_not_grow(api, django_assert_max_num_queries, count):
    site = SiteFactory()
    for _ in range(count):
        RoomFactory(site=site)
    # count, page (rooms with their site)
    with django_assert_max_num_queries(2):
        response = api.get(ROOMS)
    assert len(response.json()["data"]) == count


@pytest.mark.parametrize("count", [1, 15])
def test_booking_list_queries_do_not_grow(django_assert_max_num_queries, rep, count):
    user, org = rep
    room = RoomFactory()
    tuesday = working_tuesday()
    for week in range(count):
        BookingFactory(organisation=org, room=room, start=at(tuesday + timedelta(weeks=week), 10))
    BookingFactory(start=at(tuesday, 10))  # another organisation's
    api = APIClient()
    api.force_login(user)
    # session, user, count, page (with room, site, organisation), represented organisations
    with django_assert_max_num_queries(5):
        response = api.get(BOOKINGS)
    assert len(response.json()["data"]) == count


@pytest.mark.parametrize("count", [1, 15])
def test_availability_queries_do_not_grow(api, django_assert_max_num_queries, room, count):
    monday = working_tuesday() - timedelta(days=1)
    for i in range(count):
        day = monday + timedelta(days=i % 5)
        hour = 8 + (i // 5) * 3
        BookingFactory(room=room, start=at(day, hour), end=at(day, hour + 2))
    # room, opening hours, exceptions; free_periods: the same two and the held times;
    # the booked times
    with django_assert_max_num_queries(7):
        response = api.get(f"{ROOMS}{room.pk}/availability/", {"start": str(monday)})
    assert sum(len(day["booked"]) for day in response.json()) == count


# --- Two people at once --------------------------------------------------------------

THREADS = 8


@pytest.mark.django_db(transaction=True)
def test_same_slot_at_once_through_the_api_exactly_one_wins():
    room = RoomFactory()
    tuesday = working_tuesday()
    clients = []
    for _ in range(THREADS):
        user, org = representative_of()
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
        clients.append((client, payload(room, org, iso(tuesday, 10), iso(tuesday, 12))))
    barrier = threading.Barrier(THREADS)
    results = [None] * THREADS

    def post(i):
        client, body = clients[i]
        try:
            barrier.wait()
            response = client.post(BOOKINGS, body, format="json")
            results[i] = (response.status_code, response.json())
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    codes = sorted(code for code, _body in results)
    assert codes == [201] + [409] * (THREADS - 1), results
    assert all(body == {"start": [TIME_TAKEN]} for code, body in results if code == 409)
    assert Booking.objects.filter(room=room).count() == 1


# --- Schema --------------------------------------------------------------------------


def test_schema_documents_the_booking_api(tmp_path):
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = out.read_text()
    for path in [
        "/api/v1/rooms/:",
        "/api/v1/rooms/{id}/availability/:",
        "/api/v1/bookings/:",
        "/api/v1/bookings/{id}/cancel/:",
    ]:
        assert path in schema
    assert "'409':" in schema


def test_person_representing_nobody_sees_no_bookings():
    api = APIClient()
    api.force_authenticate(UserFactory())
    BookingFactory()
    body = api.get(BOOKINGS).json()
    assert body == {"meta": {"count": 0, "next": None, "previous": None}, "data": []}

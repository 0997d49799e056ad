"""JSON API of room booking, /api/v1/bookings/: reading, creating and cancelling bookings. The API answers in Finnish, the site's default
language, so the services' messages are asserted in Finnish (fixtures in conftest.py)."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from core import clock
from facilities.models import Booking
from organisations.models import Representative
from tests.facilities.api.helpers import (
    BOOKINGS,
    TIME_TAKEN,
    iso,
    payload,
    working_tuesday,
)
from tests.factories.facilities import (
    BookingFactory,
    OpeningExceptionFactory,
    RoomFactory,
    at,
    representative_of,
)
from tests.factories.organisations import (
    MembershipFactory,
    OrganisationFactory,
    RepresentativeFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


# --- Bookings: reading ---------------------------------------------------------------


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

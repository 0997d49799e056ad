"""JSON API of room booking, authentication, query counts, two people at once and the schema. The API answers in Finnish, the site's default
language, so the services' messages are asserted in Finnish (fixtures in conftest.py)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.middleware.csrf import CSRF_ALLOWED_CHARS
from django.utils.crypto import get_random_string
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from facilities.models import Booking
from tests.facilities.api.helpers import (
    BOOKINGS,
    ROOMS,
    TIME_TAKEN,
    iso,
    payload,
    working_tuesday,
)
from tests.factories.facilities import (
    BookingFactory,
    RoomFactory,
    SiteFactory,
    at,
    representative_of,
)
from tests.factories.organisations import (
    UserFactory,
)
from tests.support.concurrency import THREADS, race

pytestmark = pytest.mark.django_db


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

    def post(i):
        client, body = clients[i]
        response = client.post(BOOKINGS, body, format="json")
        return response.status_code, response.json()

    results = race(post, THREADS)
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

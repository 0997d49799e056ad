"""The booking pages: the public week view, booking once and weekly, my bookings,
cancelling, and the staff approval queue."""

import datetime

import pytest
from django.urls import reverse

from facilities.models import Booking
from tests.factories.facilities import (
    BookingFactory,
    RoomFactory,
    SiteFactory,
    at,
    next_weekday,
    representative_of,
)
from tests.factories.organisations import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def room():
    return RoomFactory(name_fi="Kokoushuone Kuusi")


@pytest.fixture
def rep():
    return representative_of()


def test_room_list_is_public_and_constant_in_queries(client, django_assert_max_num_queries):
    site = SiteFactory()
    RoomFactory(site=site)
    with django_assert_max_num_queries(4):
        first = client.get(reverse("facilities:room_list"))
    RoomFactory.create_batch(10, site=site)
    RoomFactory(is_bookable=False, name_fi="Varasto")
    with django_assert_max_num_queries(4):
        response = client.get(reverse("facilities:room_list"))
    assert first.status_code == response.status_code == 200
    assert response.content.decode().count('class="card room-card"') == 11
    assert "Varasto" not in response.content.decode()


def test_week_view_shows_free_booked_and_closed_without_who_booked(client, room):
    tuesday = next_weekday(1)
    BookingFactory(
        room=room, start=at(tuesday, 10), end=at(tuesday, 12), organisation__name_fi="Salainen ry"
    )
    response = client.get(
        reverse("facilities:room_detail", args=[room.pk]), {"viikko": tuesday.isoformat()}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Varattu" in html and "Vapaa" in html and "Suljettu" in html
    assert "Salainen ry" not in html
    # Monday to Sunday of that week, with navigation that needs no JavaScript.
    monday = tuesday - datetime.timedelta(days=1)
    assert f"?viikko={(monday + datetime.timedelta(days=7)).isoformat()}" in html
    assert f"?viikko={(monday - datetime.timedelta(days=7)).isoformat()}" in html


def test_week_view_names_the_booker_to_its_own_representative_and_staff(client, room):
    tuesday = next_weekday(1)
    booking = BookingFactory(room=room, start=at(tuesday, 10), end=at(tuesday, 12))
    user, _ = representative_of(booking.organisation)
    client.force_login(user)
    url = reverse("facilities:room_detail", args=[room.pk])
    assert (
        booking.organisation.name
        in client.get(url, {"viikko": tuesday.isoformat()}).content.decode()
    )
    client.force_login(StaffFactory())
    assert (
        booking.organisation.name
        in client.get(url, {"viikko": tuesday.isoformat()}).content.decode()
    )


def test_week_view_queries_do_not_grow_with_bookings(client, room, django_assert_max_num_queries):
    tuesday = next_weekday(1)
    url = reverse("facilities:room_detail", args=[room.pk])
    BookingFactory(room=room, start=at(tuesday, 8), end=at(tuesday, 9))
    with django_assert_max_num_queries(6):
        client.get(url, {"viikko": tuesday.isoformat()})
    for hour in range(10, 19):
        BookingFactory(room=room, start=at(tuesday, hour), end=at(tuesday, hour, 30))
    with django_assert_max_num_queries(6):
        client.get(url, {"viikko": tuesday.isoformat()})


def test_a_bad_week_parameter_shows_this_week(client, room):
    response = client.get(reverse("facilities:room_detail", args=[room.pk]), {"viikko": "huomenna"})
    assert response.status_code == 200


def test_booking_needs_login(client, room):
    response = client.get(reverse("facilities:booking_create", args=[room.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def form_data(org, day, start="10:00", end="12:00", **extra):
    return {
        "organisation": org.pk,
        "date": day.isoformat(),
        "start_time": start,
        "end_time": end,
        "purpose": "Hallituksen kokous",
        "attendees": "6",
        **extra,
    }


def test_representative_books_a_room(client, room, rep):
    user, org = rep
    client.force_login(user)
    day = next_weekday(2)
    url = reverse("facilities:booking_create", args=[room.pk])
    prefilled = client.get(url, {"paiva": day.isoformat(), "alku": "14:00"}).content.decode()
    assert f'value="{day.isoformat()}"' in prefilled and 'value="14:00"' in prefilled
    response = client.post(url, form_data(org, day))
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("facilities:booking_detail", args=[booking.pk])
    assert booking.organisation == org and booking.start == at(day, 10)
    page = client.get(response.url).content.decode()
    assert "Vahvistettu" in page and "Hallituksen kokous" in page


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("12:00", "10:00", "Päättymisajan on oltava alkamisajan jälkeen."),
        ("06:00", "09:00", "aukioloaikoihin"),
        ("10:00", "10:15", "vähintään 30 minuuttia"),
    ],
)
def test_bad_input_shows_a_finnish_message_and_keeps_what_was_typed(
    client, room, rep, start, end, message
):
    user, org = rep
    client.force_login(user)
    day = next_weekday(2)
    response = client.post(
        reverse("facilities:booking_create", args=[room.pk]),
        form_data(org, day, start, end, requests="Kahvit kymmenelle"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Kahvit kymmenelle" in html
    assert not Booking.objects.exists()


def test_a_taken_time_is_a_clear_conflict(client, room, rep):
    user, org = rep
    day = next_weekday(2)
    BookingFactory(room=room, start=at(day, 11), end=at(day, 13))
    client.force_login(user)
    response = client.post(
        reverse("facilities:booking_create", args=[room.pk]), form_data(org, day)
    )
    assert "Tila on jo varattu" in response.content.decode()
    assert Booking.objects.count() == 1


def test_booking_for_an_organisation_one_does_not_represent_is_refused(client, room, rep):
    user, _ = rep
    _, other = representative_of()
    client.force_login(user)
    response = client.post(
        reverse("facilities:booking_create", args=[room.pk]), form_data(other, next_weekday(2))
    )
    assert response.status_code == 200
    assert not Booking.objects.exists()


def test_weekly_series_with_a_collision_asks_before_saving(client, room, rep):
    user, org = rep
    client.force_login(user)
    first = next_weekday(1, span=4)
    taken = first + datetime.timedelta(weeks=2)
    BookingFactory(room=room, start=at(taken, 18), end=at(taken, 19))
    url = reverse("facilities:booking_create", args=[room.pk])
    data = form_data(
        org,
        first,
        "18:00",
        "20:00",
        repeat="on",
        weekdays=["1"],
        until=(first + datetime.timedelta(weeks=3)).isoformat(),
    )
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vain 3 kertaa voidaan varata" in html
    assert taken.strftime("%-d.%-m.%Y") in html
    assert Booking.objects.count() == 1
    # Book none: still nothing.
    client.post(url, {**data, "choice": "none"})
    assert Booking.objects.count() == 1
    # Book the free ones.
    response = client.post(url, {**data, "choice": "free"})
    assert response.status_code == 302
    assert Booking.objects.filter(organisation=org).count() == 3


def test_my_bookings_lists_only_my_organisations(client, rep, django_assert_max_num_queries):
    user, org = rep
    mine = BookingFactory(organisation=org, purpose="Oma kokous")
    BookingFactory(purpose="Vieras kokous")
    client.force_login(user)
    url = reverse("facilities:my_bookings")
    with django_assert_max_num_queries(12):
        html = client.get(url).content.decode()
    assert "Oma kokous" in html and "Vieras kokous" not in html
    for day in range(2, 12):
        BookingFactory(
            organisation=org,
            room=mine.room,
            start=at(next_weekday(1, weeks=day), 10),
            end=at(next_weekday(1, weeks=day), 11),
        )
    with django_assert_max_num_queries(12):
        client.get(url)


def test_another_organisations_booking_answers_404(client, rep):
    user, _ = rep
    other = BookingFactory()
    client.force_login(user)
    assert client.get(reverse("facilities:booking_detail", args=[other.pk])).status_code == 404
    response = client.post(reverse("facilities:booking_cancel", args=[other.pk]))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == Booking.Status.CONFIRMED


def test_cancel_from_the_booking_page(client, rep):
    user, org = rep
    booking = BookingFactory(organisation=org, start=at(next_weekday(1, weeks=2), 10))
    client.force_login(user)
    response = client.post(
        reverse("facilities:booking_cancel", args=[booking.pk]), {"scope": "one"}
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_staff_queue_approves_and_rejects(client, rep):
    user, org = rep
    room = RoomFactory(requires_approval=True)
    a = BookingFactory(
        room=room,
        organisation=org,
        status="requested",
        start=at(next_weekday(1), 9),
        end=at(next_weekday(1), 10),
    )
    b = BookingFactory(
        room=room,
        organisation=org,
        status="requested",
        start=at(next_weekday(1), 12),
        end=at(next_weekday(1), 13),
    )
    client.force_login(user)
    assert client.get(reverse("facilities:booking_queue")).status_code == 404
    assert client.post(reverse("facilities:booking_approve", args=[a.pk])).status_code == 404
    a.refresh_from_db()
    assert a.status == "requested"

    client.force_login(StaffFactory())
    html = client.get(reverse("facilities:booking_queue")).content.decode()
    assert org.name in html
    client.post(reverse("facilities:booking_approve", args=[a.pk]))
    client.post(reverse("facilities:booking_reject", args=[b.pk]), {"reason": ""})
    b.refresh_from_db()
    assert b.status == "requested"
    client.post(
        reverse("facilities:booking_reject", args=[b.pk]), {"reason": "Päällekkäinen tapahtuma"}
    )
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == ("confirmed", "rejected")
    assert b.rejection_reason == "Päällekkäinen tapahtuma"


def test_my_bookings_pages_through_the_shared_pagination_links(client, rep):
    user, org = rep
    room = RoomFactory()
    start = next_weekday(0, weeks=2)
    for n in range(27):  # 25 a page
        day = start + datetime.timedelta(days=7 * (n // 3))
        BookingFactory(
            organisation=org, room=room, purpose=f"Kokous {n:02d}", start=at(day, 9 + 2 * (n % 3))
        )
    client.force_login(user)
    first = client.get(reverse("facilities:my_bookings")).content.decode()
    assert "Kokous 00" in first and "Kokous 26" not in first
    assert "?page=2" in first
    second = client.get(reverse("facilities:my_bookings") + "?page=2").content.decode()
    assert "Kokous 26" in second and "Kokous 00" not in second


def test_price_summary_before_booking_saves_nothing(client, room):
    from tests.factories.organisations import MembershipFactory

    user, org = representative_of()
    client.force_login(user)
    day = next_weekday(1)
    url = reverse("facilities:booking_create", args=[room.pk])
    page = client.post(url, form_data(org, day, "10:00", "11:30", preview="1")).content.decode()
    assert "Hintayhteenveto" in page and "37,50 €" in page and "muiden hinta" in page
    assert not Booking.objects.exists()
    MembershipFactory(organisation=org)
    page = client.post(url, form_data(org, day, "10:00", "11:30", preview="1")).content.decode()
    assert "15,00 €" in page and "jäsenhinta" in page
    assert not Booking.objects.exists()
    client.post(url, form_data(org, day, "10:00", "11:30"))
    assert Booking.objects.get().price == 15

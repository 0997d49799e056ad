"""Cancelling from my bookings asks first ("Peru varaus", then a confirmation page with
the booking's details); a booking can be added to one's calendar as an .ics file."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from facilities.models import Booking
from tests.factories.facilities import BookingFactory, at, next_weekday, representative_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking_and_user():
    user, org = representative_of()
    booking = BookingFactory(
        organisation=org, start=at(next_weekday(1, weeks=2), 10), purpose="Kevätkokous"
    )
    return booking, user


def test_cancel_asks_for_confirmation_first(client, booking_and_user):
    booking, user = booking_and_user
    client.force_login(user)
    listing = client.get(reverse("facilities:my_bookings")).content.decode()
    assert "Peru varaus" in listing and 'name="ask" value="1"' in listing
    url = reverse("facilities:booking_cancel", args=[booking.pk])
    asked = client.post(url, {"ask": "1", "scope": "one"})
    page = asked.content.decode()
    assert asked.status_code == 200
    assert "Perutaanko varaus?" in page and "Kevätkokous" in page
    assert "Kyllä, peru varaus" in page and 'name="ask"' not in page.split("<main")[1]
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED  # nothing cancelled yet
    assert client.post(url, {"scope": "one"}).status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_a_booking_as_a_calendar_file(client, booking_and_user):
    booking, user = booking_and_user
    client.force_login(user)
    detail = client.get(reverse("facilities:booking_detail", args=[booking.pk])).content.decode()
    ics_url = reverse("facilities:booking_ics", args=[booking.pk])
    assert ics_url in detail
    assert ics_url in client.get(reverse("facilities:my_bookings")).content.decode()
    response = client.get(ics_url)
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("dtstart") == booking.start
    assert "Kevätkokous" in str(event["summary"]) + str(event.get("description", ""))
    # Someone else's booking is not theirs to download.
    other, _org = representative_of()
    client.force_login(other)
    assert client.get(ics_url).status_code == 404

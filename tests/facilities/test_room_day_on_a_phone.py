"""A room's week on a phone: one day at a time, with links to the previous and next day
(the week's table is for wide screens); the day's list says what each time is."""

import datetime

import pytest
from django.urls import reverse

from tests.factories.facilities import BookingFactory, RoomFactory, at, next_weekday

pytestmark = pytest.mark.django_db


def test_the_day_view_shows_the_chosen_day_with_previous_and_next(client):
    room = RoomFactory()
    tuesday = next_weekday(1)
    BookingFactory(room=room, start=at(tuesday, 10), end=at(tuesday, 12))
    url = reverse("facilities:room_detail", args=[room.pk])
    response = client.get(url, {"paiva": tuesday.isoformat()})
    html = response.content.decode()
    day_part = html.split('class="room-day"')[1].split("</section>")[0]
    assert f"{tuesday.day}.{tuesday.month}.{tuesday.year}" in day_part
    previous, following = (tuesday + datetime.timedelta(days=d) for d in (-1, 1))
    assert f'href="?paiva={previous.isoformat()}" rel="prev"' in day_part
    assert f'href="?paiva={following.isoformat()}" rel="next"' in day_part
    assert "<strong>10.00</strong> Varattu" in day_part
    # The week around it is the one the table shows.
    monday = tuesday - datetime.timedelta(days=1)
    assert response.context["monday"] == monday
    # From a week's link, the day list starts on its Monday.
    later = monday + datetime.timedelta(days=14)
    assert client.get(url, {"viikko": later.isoformat()}).context["day"].day == later

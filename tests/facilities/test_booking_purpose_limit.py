"""A long booking purpose is not cut without a word: the browser is not told to cut it,
the page says the limit, and a longer one is answered with the limit and its length."""

import pytest
from django.urls import reverse

from facilities.models import Booking
from tests.factories.facilities import RoomFactory, next_weekday, representative_of

pytestmark = pytest.mark.django_db


def test_a_purpose_over_the_limit_is_refused_with_a_message_not_cut(client):
    room = RoomFactory()
    user, org = representative_of()
    client.force_login(user)
    url = reverse("facilities:booking_create", args=[room.pk])
    page = client.get(url).content.decode()
    purpose_input = next(tag for tag in page.split("<input") if 'name="purpose"' in tag)
    assert "maxlength" not in purpose_input
    assert "Enintään 200 merkkiä" in page
    long_purpose = "Hallituksen kokous ja sen jälkeen vapaamuotoinen keskustelu " * 5
    response = client.post(
        url,
        {
            "organisation": org.pk,
            "date": next_weekday(2).isoformat(),
            "start_time": "10:00",
            "end_time": "12:00",
            "purpose": long_purpose,
            "attendees": "6",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f"enintään 200 merkkiä pitkä (tällä hetkellä {len(long_purpose.strip())})" in html
    assert long_purpose.strip() in html  # what was typed is kept, whole
    assert not Booking.objects.exists()

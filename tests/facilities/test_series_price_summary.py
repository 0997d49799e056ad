"""The price summary is a step of booking (issue 16): "Next: the price summary" comes
before confirming, and a weekly series shows each date with its price, the dates that
cannot be booked (a public holiday, a taken time) with the reason, and the total of
the rest. Nothing is saved until the booking is confirmed."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from facilities.models import Booking
from tests.factories.facilities import BookingFactory, RoomFactory, at, representative_of

pytestmark = pytest.mark.django_db
INDEPENDENCE_DAY = datetime.date(2027, 12, 6)  # a Monday


def test_a_weekly_series_shows_each_dates_price_and_the_total(client):
    room = RoomFactory(hourly_price_member=10, hourly_price_non_member=25)
    user, org = representative_of()
    first = INDEPENDENCE_DAY - datetime.timedelta(weeks=1)
    taken = INDEPENDENCE_DAY + datetime.timedelta(weeks=1)
    with time_machine.travel(at(datetime.date(2027, 11, 1), 9), tick=False):
        BookingFactory(room=room, start=at(taken, 18), end=at(taken, 19))
        client.force_login(user)
        url = reverse("facilities:booking_create", args=[room.pk])
        form = client.get(url).content.decode()
        assert "Seuraavaksi hintayhteenveto" in form and "Vahvista varaus" not in form
        data = {
            "organisation": org.pk,
            "date": first.isoformat(),
            "start_time": "18:00",
            "end_time": "20:00",
            "purpose": "Kuoroharjoitus",
            "attendees": "6",
            "repeat": "on",
            "weekdays": ["0"],
            "until": (first + datetime.timedelta(weeks=3)).isoformat(),
        }
        page = client.post(url, {**data, "preview": "1"}).content.decode()
        assert not Booking.objects.filter(organisation=org).exists()
        summary = page[page.index("price-summary") : page.index("</section>")]
        rows = re.findall(
            r"<tr(?: class=\"skipped\")?>\s*<td>([^<]*)</td>.*?<td class=\"number\">(.*?)</td>",
            summary,
            re.S,
        )
        assert [price.strip()[:11] for _day, price in rows] == [
            "50,00 €",
            "Ei varata: ",
            "Ei varata: ",
            "50,00 €",
        ]
        assert "Itsenäisyyspäivä" in summary and "Yhteensä 2 kertaa" in summary
        assert "100,00 €" in summary and "muiden hinta" in summary
        # The free dates are booked from the summary.
        assert "Varaa 2 vapaata kertaa" in page
        response = client.post(url, {**data, "choice": "free"})
        assert response.status_code == 302
        assert sorted(b.price for b in Booking.objects.filter(organisation=org)) == [50, 50]

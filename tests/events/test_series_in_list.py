"""A series shows once in the calendar list, with its next dates ("Seuraavat kerrat:
8.12., 15.12., 22.12. ja 5 muuta"), not a row for each date beside it (issue 16). The
feeds list the dates themselves, as before; the list's query count stays constant."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from tests.factories.events import EventFactory, PlaceFactory
from tests.factories.facilities import at, next_weekday

pytestmark = pytest.mark.django_db
WEEK = datetime.timedelta(weeks=1)


def series(name, dates=8, **kwargs):
    first = next_weekday(2)
    place = PlaceFactory()
    parent = EventFactory(
        name_fi=name,
        all_day=True,
        start=at(first, 0),
        end=at(first + (dates - 1) * WEEK + datetime.timedelta(days=1), 0),
        place=place,
        **kwargs,
    )
    children = [
        EventFactory(
            name_fi=name,
            super_event=parent,
            start=at(first + week * WEEK, 13),
            end=at(first + week * WEEK, 15),
            place=place,
        )
        for week in range(dates)
    ]
    return parent, children


def rows(body: str) -> list[str]:
    return [name.strip() for name in re.findall(r"<h3><a [^>]*>([^<]*)</a></h3>", body)]


def test_a_series_is_one_row_with_its_next_dates(client):
    parent, children = series("Avoin olohuone")
    EventFactory(name_fi="Kuorokonsertti")
    body = client.get(reverse("events:list")).content.decode()
    assert sorted(rows(body)) == ["Avoin olohuone", "Kuorokonsertti"]
    dates = re.search(r'class="meta series-dates">(.*?)</p>', body, re.S).group(1)
    expected = [f"{timezone.localtime(child.start):%-d.%-m.}" for child in children]
    shown = re.findall(r"<time [^>]*>([^<]*)</time>", dates)
    assert shown == expected[:3]
    assert "Seuraavat kerrat:" in dates and "ja 5 muuta" in dates
    # The feed still lists each date.
    feed = client.get(reverse("events:feed_ics")).content.decode()
    assert feed.count("SUMMARY:Avoin olohuone") == 8


def test_a_date_shows_alone_when_its_series_is_not_listed(client):
    parent, children = series("Kuvataidekurssi", dates=2, publication=Event.Publication.DRAFT)
    body = client.get(reverse("events:list")).content.decode()
    assert rows(body) == ["Kuvataidekurssi", "Kuvataidekurssi"]
    assert "series-dates" not in body


def test_the_list_reads_a_constant_number_of_queries(client, django_assert_num_queries):
    series("Sarja 1", dates=3)
    client.get(reverse("events:list"))  # the settings and the filter choices are cached
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("events:list"))
    for number in range(2, 5):
        series(f"Sarja {number}", dates=4)
    with django_assert_num_queries(len(one)):
        body = client.get(reverse("events:list")).content.decode()
    assert len(rows(body)) == 4

"""A card in the calendar list prints values computed once (events/cards.py) instead of
including when.html and where.html: it says the same as they do, for every kind of time
and place, in fi and sv."""

import datetime

import pytest
import time_machine
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from events.cards import present_cards
from events.models import Event
from tests.factories.events import EventFactory, PlaceFactory
from tests.factories.facilities import RoomFactory, at

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_card_says_when_and_where_as_the_includes_do(language):
    day = datetime.date(2026, 12, 9)
    with time_machine.travel(NOW, tick=False):
        events = [
            EventFactory(start=at(day, 18), end=at(day, 20)),
            EventFactory(start=at(day, 18), end=at(day, 18), place=None, room=RoomFactory()),
            EventFactory(start=at(day, 18), end=at(day + datetime.timedelta(days=2), 1)),
            EventFactory(
                all_day=True,
                start=at(day, 0),
                end=at(day + datetime.timedelta(days=3), 0),
                place=PlaceFactory(municipality=None, name_sv="Biblioteket"),
            ),
            EventFactory(all_day=True, start=at(day, 0), end=at(day + datetime.timedelta(1), 0)),
            EventFactory(
                status=Event.Status.POSTPONED,
                start=None,
                end=None,
                place=None,
                online_url="https://meet.example.fi/a",
            ),
        ]
    with translation.override(language):
        present_cards(events)
        for event in events:
            card = render_to_string("events/includes/event_card.html", {"event": event})
            when = render_to_string("events/includes/when.html", {"event": event})
            where = render_to_string("events/includes/where.html", {"event": event})
            assert f'<p class="meta">{when}</p>' in card
            assert f'<p class="meta">{where}</p>' in card
            assert f'<h3><a href="{reverse("events:detail", args=[event.pk])}">' in card

"""The calendar's time vocabulary: ``overlapping`` and ``upcoming`` bound their scan of
the start index by the earliest event going on at the range's start (through the GiST
index ``event_span``); that bound must never drop an event that is on."""

import datetime

import pytest
import time_machine

from events.models import Event
from tests.factories.events import EventFactory
from tests.factories.facilities import at

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 12, 2)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def names(queryset):
    return sorted(queryset.values_list("name_fi", flat=True))


def span(name, first_day, days, *, hours=2):
    start = at(TODAY + datetime.timedelta(days=first_day), 12)
    return EventFactory(
        name_fi=name, start=start, end=start + datetime.timedelta(days=days, hours=hours)
    )


def test_a_long_event_that_began_months_ago_is_still_upcoming_and_on_this_week():
    span("Näyttely", -120, 200)
    span("Eilen", -1, 0)
    span("Huomenna", 1, 0)
    span("Vanha", -300, 0)
    assert names(Event.objects.upcoming(NOW)) == ["Huomenna", "Näyttely"]
    week = (at(TODAY, 0), at(TODAY + datetime.timedelta(days=7), 0))
    assert names(Event.objects.overlapping(*week)) == ["Huomenna", "Näyttely"]


def test_an_event_ending_at_the_moment_is_over_and_one_starting_then_is_on():
    EventFactory(name_fi="Loppui", start=NOW - datetime.timedelta(hours=2), end=NOW)
    EventFactory(name_fi="Alkaa", start=NOW, end=NOW + datetime.timedelta(hours=2))
    assert names(Event.objects.upcoming(NOW)) == ["Alkaa"]


def test_the_bound_comes_from_any_event_so_unpublished_ones_cannot_hide_public_ones():
    # A draft going on since long ago lowers the bound; the public one is still found.
    draft = span("Luonnos", -400, 500)
    Event.objects.filter(pk=draft.pk).update(publication=Event.Publication.DRAFT)
    span("Julkinen", -30, 60)
    assert names(Event.objects.public().upcoming(NOW)) == ["Julkinen"]


def test_the_lists_query_plan_uses_the_bound(django_assert_max_num_queries):
    span("Näyttely", -120, 200)
    with django_assert_max_num_queries(1) as captured:
        list(Event.objects.public().upcoming(NOW).order_by("start", "pk")[:20])
    assert "TSTZRANGE" in captured.captured_queries[0]["sql"]

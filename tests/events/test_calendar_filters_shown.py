"""The calendar says which filters are on: the list and the month view show them as
chips that each remove one; the month view is its own range of days and does not keep
the list's quick choice of days ("Milloin"); each audience is offered once."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from tests.factories.events import EventFactory, KeywordFactory
from tests.factories.facilities import at

pytestmark = pytest.mark.django_db

# Wednesday 2 December 2026, noon in Helsinki.
NOW = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def day(n):
    return datetime.date(2026, 12, 2) + datetime.timedelta(days=n)


def url(name, language="fi"):
    with translation.override(language):
        return reverse(name)


def month_names(response):
    return {
        entry.event.name
        for week in response.context["weeks"]
        for cell in week
        for entry in cell.events
    }


def test_the_month_view_does_not_keep_the_lists_quick_choice_of_days(client):
    EventFactory(name_fi="Lauantaina", start=at(day(3), 12), end=at(day(3), 14))
    EventFactory(name_fi="Ensi viikolla", start=at(day(8), 12), end=at(day(8), 14))
    listed = client.get(url("events:list"), {"when": "weekend"})
    assert [e.name for e in listed.context["events"]] == ["Lauantaina"]
    # The list's link to the month leaves "when" out ...
    body = listed.content.decode()
    month_link = re.search(r'href="(/tapahtumat/kalenteri/[^"]*)"', body)[1]
    assert "when" not in month_link
    # ... and the month ignores it when it comes all the same.
    response = client.get(url("events:calendar"), {"month": "2026-12", "when": "weekend"})
    assert month_names(response) == {"Lauantaina", "Ensi viikolla"}
    assert 'name="when"' not in response.content.decode()


def test_the_month_view_says_which_filters_are_on_and_removes_each(client):
    choir = KeywordFactory(code="kuoro", name_fi="Kuorolaulu")
    EventFactory(name_fi="Kuorokonsertti", keywords=[choir], start=at(day(5), 18))
    EventFactory(name_fi="Luento", start=at(day(5), 12))
    response = client.get(
        url("events:calendar"), {"month": "2026-12", "keyword": "kuoro", "audience": "families"}
    )
    body = response.content.decode()
    assert month_names(response) == set()
    assert "2 rajausta käytössä" in body
    assert "Aihe: Kuorolaulu" in body and "Kenelle: Perheet" in body
    chips = dict(re.findall(r'<a class="chip" href="([^"]*)"><span>([^<]*)</span>', body))
    removed = {label: link.replace("&amp;", "&") for link, label in chips.items()}
    assert removed["Aihe: Kuorolaulu"] == "?month=2026-12&audience=families"
    without_topic = client.get(url("events:calendar") + removed["Kenelle: Perheet"])
    assert month_names(without_topic) == {"Kuorokonsertti"}
    # Without filters there are no chips.
    plain = client.get(url("events:calendar"), {"month": "2026-12"}).content.decode()
    assert 'class="chip"' not in plain and month_names(
        client.get(url("events:calendar"), {"month": "2026-12"})
    ) == {"Kuorokonsertti", "Luento"}


def test_the_list_shows_its_filters_as_chips_in_each_language(client):
    EventFactory(name_fi="Ilmainen", is_free=True, start=at(day(1), 18))
    response = client.get(url("events:list", "sv"), {"when": "weekend", "is_free": "true"})
    body = response.content.decode()
    assert "2 avgränsningar används" in body
    assert "När: I helgen" in body
    assert 'class="chip" href="?is_free=true"' in body
    # The filters open from one button, and the results come first on the page.
    assert body.index("<summary") < body.index('id="results-heading"')
    assert re.search(r"<summary[^>]*>Avgränsa</summary>", body)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_each_audience_is_offered_once(client, language):
    body = client.get(url("events:list", language)).content.decode()
    select = re.search(r'<select name="audience".*?</select>', body, re.S)[0]
    labels = re.findall(r"<option[^>]*>([^<]*)</option>", select)
    assert len(labels) == len(set(labels)), labels


def test_a_long_running_event_does_not_fill_every_day_of_the_month(client):
    EventFactory(name_fi="Talvinäyttely", all_day=True, start=at(day(-10), 0), end=at(day(40), 0))
    EventFactory(name_fi="Kolmen päivän kurssi", start=at(day(5), 10), end=at(day(7), 16))
    response = client.get(url("events:calendar"), {"month": "2026-12"})
    shown = {
        cell.date: entry.continues
        for week in response.context["weeks"]
        for cell in week
        for entry in cell.events
        if entry.event.name == "Talvinäyttely"
    }
    # Once, on the first day of the grid (it began before), with its last day said.
    assert shown == {datetime.date(2026, 11, 30): True}
    grid = response.content.decode().split('class="table-wrap month-grid"')[1]
    assert grid.count("Talvinäyttely") == 1 and "(10.1. asti)" in grid
    # An event of a few days is still on each of them.
    courses = [
        cell.date
        for week in response.context["weeks"]
        for cell in week
        for entry in cell.events
        if entry.event.name == "Kolmen päivän kurssi"
    ]
    assert courses == [day(5), day(6), day(7)]

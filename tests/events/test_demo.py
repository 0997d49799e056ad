"""The demo events: about forty over the coming months, on any day of the year, once."""

import datetime
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command

from core import clock
from events.models import Event, Keyword, Place

pytestmark = pytest.mark.django_db

DAYS = [
    datetime.datetime(2026, 12, 10, 9, tzinfo=datetime.UTC),
    datetime.datetime(2027, 6, 14, 9, tzinfo=datetime.UTC),
    datetime.datetime(2026, 12, 31, 21, tzinfo=datetime.UTC),
]


def load_all():
    for command in ("load_demo_data", "load_facilities_demo", "load_events_demo"):
        call_command(command, stdout=io.StringIO())


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


@pytest.mark.usefixtures("debug")
@pytest.mark.parametrize("moment", DAYS, ids=[f"{d:%Y-%m-%d}" for d in DAYS])
def test_demo_events_on_any_day(moment):
    with time_machine.travel(moment, tick=False):
        load_all()
        events = Event.objects.all()
        assert 35 <= events.count() <= 40
        assert events.public().count() >= 30
        assert events.filter(publication="submitted").count() == 2
        returned = events.get(publication="draft")
        assert returned.moderation_comment
        assert events.filter(room__isnull=False, booking__isnull=False).exists()
        assert events.filter(online_url__gt="").exists()
        assert (
            events.filter(status="cancelled").exists()
            and events.filter(status="postponed").exists()
        )
        assert events.filter(all_day=True).exists()
        parent = events.get(name_fi="Avoin olohuone-kahvila", super_event__isnull=True)
        assert parent.sub_events.count() == 8
        assert events.exclude(name_sv="").count() >= 10
        assert all(e.start.date() >= clock.today() - datetime.timedelta(days=1) for e in events)
        assert {p.municipality.code for p in Place.objects.all()} >= {"609", "684"}
        assert Keyword.objects.count() == 12
        # Some have pictures drawn for the demo, uploaded as images with alt texts.
        pictured = events.exclude(image="")
        assert pictured.count() == 5
        assert all(e.image.name.startswith("events/") for e in pictured)
        assert all(e.image_alt_fi and e.image_alt_sv and e.image_alt_en for e in pictured)

        before = {model: model.objects.count() for model in (Event, Keyword, Place)}
        load_all()
        assert {model: model.objects.count() for model in (Event, Keyword, Place)} == before


def test_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_events_demo", stdout=io.StringIO())

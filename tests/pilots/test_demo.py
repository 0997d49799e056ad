"""The demo pilots: six pilots in every stage, public and not, made through the
services on any day of the year, once."""

import datetime
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command

from pilots.models import Evaluation, Indicator, Measurement, Pilot, StatusChange

pytestmark = pytest.mark.django_db

MODELS = (Pilot, Indicator, Measurement, StatusChange, Evaluation)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


DAYS = [
    datetime.datetime(2026, 1, 2, 9, tzinfo=datetime.UTC),
    datetime.datetime(2026, 12, 31, 20, tzinfo=datetime.UTC),
    datetime.datetime(2027, 3, 31, 9, tzinfo=datetime.UTC),
]


@pytest.mark.parametrize("moment", DAYS, ids=[f"{d:%Y-%m-%d}" for d in DAYS])
def test_demo_pilots_on_any_day(settings, moment):
    settings.DEBUG = True
    with time_machine.travel(moment, tick=False):
        call_command("load_demo_data", stdout=io.StringIO())
        call_command("load_pilots_demo", stdout=io.StringIO())
        pilots = {p.name_fi: p for p in Pilot.objects.all()}
        assert len(pilots) == 6
        assert {p.status for p in pilots.values()} == {
            "idea",
            "planning",
            "running",
            "evaluating",
            "completed",
        }
        assert {p.is_public for p in pilots.values()} == {True, False}
        assert {p.kind for p in pilots.values()} == {"pilot", "mini"}
        assert {p.theme for p in pilots.values()} == {"education", "work", "leisure", "wellbeing"}
        completed = pilots["Nuorten iltakahvila"]
        assert completed.status == "completed" and completed.evaluation.recommendation
        running = pilots["Liikuntalähettiläät"]
        assert running.name_sv and running.partnerships.count() == 2
        for indicator in running.indicators.all():
            assert indicator.measurements.exists()
            assert 0 < indicator.progress < 100
        assert Measurement.objects.count() > 30
        # People are counted whole: no "4,4 hlöä".
        for measurement in Measurement.objects.filter(indicator__unit="hlöä"):
            assert measurement.value == measurement.value.to_integral_value(), measurement

        before = counts()
        call_command("load_pilots_demo", stdout=io.StringIO())
        assert counts() == before


def test_demo_pilots_refuse_to_run_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_pilots_demo", stdout=io.StringIO())
    assert not Pilot.objects.exists()

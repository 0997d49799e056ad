"""The demo placements: three hosts, placements of both kinds, attendance up to today
and a built monthly report, made through the services on any day of the year, once."""

import datetime
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command

from placements.models import (
    Attendance,
    AttendanceReport,
    Feedback,
    Host,
    Placement,
    ReportDispatch,
)

pytestmark = pytest.mark.django_db

DAYS = [
    datetime.datetime(2026, 1, 2, 9, tzinfo=datetime.UTC),
    datetime.datetime(2026, 12, 31, 20, tzinfo=datetime.UTC),
]


@pytest.mark.parametrize("moment", DAYS, ids=[f"{d:%Y-%m-%d}" for d in DAYS])
def test_demo_placements_on_any_day(settings, moment):
    settings.DEBUG = True
    with time_machine.travel(moment, tick=False):
        call_command("load_demo_data", stdout=io.StringIO())
        call_command("load_placements_demo", stdout=io.StringIO())
        assert Host.objects.count() == 3
        assert set(Placement.objects.values_list("kind", flat=True)) == {
            "rehabilitative",
            "work_trial",
        }
        assert Attendance.objects.filter(status="present").count() > 20
        assert AttendanceReport.objects.get().status == AttendanceReport.Status.DONE
        assert ReportDispatch.objects.get().sent_at
        assert Placement.objects.filter(status="interrupted").count() == 1
        assert Feedback.objects.count() == 2
        assert Placement.objects.filter(participant__user__email="henkilo@example.fi").exists()
        call_command("load_placements_demo", stdout=io.StringIO())
        assert Placement.objects.count() == 4


def test_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_placements_demo", stdout=io.StringIO())

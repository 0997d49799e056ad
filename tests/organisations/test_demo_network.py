"""The demo loader adds partnerships, contact persons and a cooperation group with
meetings, and running it again changes nothing; the demo representative sees the group."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from organisations.models import (
    Attendance,
    ContactPerson,
    CooperationGroup,
    GroupMember,
    Meeting,
    Partnership,
)

pytestmark = pytest.mark.django_db

MODELS = (Partnership, ContactPerson, CooperationGroup, GroupMember, Meeting, Attendance)


def load(settings):
    settings.DEBUG = True
    call_command("load_demo_data", stdout=io.StringIO())


def test_the_network_demo_is_loaded_once(settings, client):
    load(settings)
    first = {model.__name__: model.objects.count() for model in MODELS}
    assert first == {
        "Partnership": 3,
        "ContactPerson": 4,
        "CooperationGroup": 1,
        "GroupMember": 3,
        "Meeting": 2,
        "Attendance": 2,
    }
    assert ContactPerson.objects.exclude(service_area="").count() == 2  # liaison persons
    load(settings)
    assert {model.__name__: model.objects.count() for model in MODELS} == first
    client.force_login(get_user_model().objects.get(email="edustaja.pori@example.fi"))
    content = client.get(reverse("organisations:my_groups")).content.decode()
    assert "Satakunnan yhdistysten yhteistyöryhmä" in content
    assert "Päätettiin järjestää yhteinen" in content


def test_demo_meetings_fall_on_working_days(settings):
    """Loaded on 4 December, the coming meeting would have been on Christmas Day."""
    import datetime

    import holidays
    import time_machine
    from django.utils import timezone

    with time_machine.travel(datetime.datetime(2026, 12, 4, 10, tzinfo=datetime.UTC)):
        load(settings)
    finland = holidays.Finland(years=[2026, 2027])
    for meeting in Meeting.objects.all():
        day = timezone.localtime(meeting.start).date()
        assert day.weekday() < 5 and day not in finland, (meeting.title, day)

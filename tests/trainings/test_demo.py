"""The demo trainings: a programme, eight trainings with sessions in the demo rooms or
online, enrolments with a waiting list, a completed one with a certificate; made through
the services, once."""

import io

import pytest
from django.core.management import CommandError, call_command

from facilities.models import Booking
from trainings.models import (
    Certificate,
    Enrolment,
    Feedback,
    Programme,
    Session,
    Training,
)

pytestmark = pytest.mark.django_db

MODELS = (Programme, Training, Session, Enrolment, Certificate, Feedback, Booking)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def load_all():
    for command in ("load_demo_data", "load_facilities_demo", "load_trainings_demo"):
        call_command(command, stdout=io.StringIO())


def test_demo_trainings_load_once(settings):
    settings.DEBUG = True
    load_all()
    first = counts()
    assert first["Programme"] == 1 and first["Training"] == 8
    assert Programme.objects.get().participants.count() == 3
    assert Session.objects.filter(room__isnull=False, booking__status="confirmed").count() >= 8
    assert Enrolment.objects.filter(status="waiting").exists()
    assert Training.objects.filter(status="completed").count() == 1
    assert first["Certificate"] >= 1 and first["Feedback"] == 1
    load_all()
    assert counts() == first


def test_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_trainings_demo", stdout=io.StringIO())

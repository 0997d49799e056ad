"""Reminders of missing measurements: one outbox row per indicator and period, sent once
to the responsible staff member in the pilot's reminder language."""

import datetime

import pytest
import time_machine
from django.core import mail

from pilots import mail as pilot_mail
from pilots.models import Indicator, PilotReminder
from pilots.reminders import queue_reminders
from pilots.tasks import queue_pilot_reminders, send_pilot_reminders
from tests.factories.pilots import IndicatorFactory, MeasurementFactory, PilotFactory

pytestmark = pytest.mark.django_db

# Wednesday 15 July 2026: the last whole month is June, the last whole week 6–12 July,
# the last whole quarter April–June.
TODAY = datetime.date(2026, 7, 15)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 7, 15, 6, tzinfo=datetime.UTC), tick=False):
        yield


def test_an_indicator_without_a_measurement_last_month_gets_one_reminder():
    indicator = IndicatorFactory(interval=Indicator.Interval.MONTHLY)
    MeasurementFactory(indicator=indicator, measured_on=datetime.date(2026, 5, 20))

    assert queue_reminders(TODAY) == 1
    reminder = PilotReminder.objects.get()
    assert (reminder.indicator, reminder.period_start, reminder.period_end) == (
        indicator,
        datetime.date(2026, 6, 1),
        datetime.date(2026, 6, 30),
    )
    # Running again (the same day or later in the month) queues nothing more.
    assert queue_reminders(TODAY) == 0
    assert queue_reminders(datetime.date(2026, 7, 31)) == 0
    # Next month it is July's turn.
    assert queue_reminders(datetime.date(2026, 8, 3)) == 1
    assert PilotReminder.objects.count() == 2


@pytest.mark.parametrize(
    ("interval", "measured_on"),
    [
        ("weekly", datetime.date(2026, 7, 6)),
        ("monthly", datetime.date(2026, 6, 30)),
        ("quarterly", datetime.date(2026, 4, 1)),
        ("yearly", datetime.date(2025, 12, 31)),
    ],
)
def test_a_measurement_in_the_last_period_means_no_reminder(interval, measured_on):
    pilot = PilotFactory(start_date=datetime.date(2025, 1, 1))
    indicator = IndicatorFactory(pilot=pilot, interval=interval)
    MeasurementFactory(indicator=indicator, measured_on=measured_on)
    assert queue_reminders(TODAY) == 0


@pytest.mark.parametrize(
    ("interval", "measured_on"),
    [
        ("weekly", datetime.date(2026, 7, 5)),  # the week before the last
        ("monthly", datetime.date(2026, 7, 1)),  # this month, not last
        ("quarterly", datetime.date(2026, 3, 31)),
        ("yearly", datetime.date(2026, 1, 2)),
    ],
)
def test_a_measurement_outside_the_last_period_does_not_count(interval, measured_on):
    pilot = PilotFactory(start_date=datetime.date(2025, 1, 1))
    indicator = IndicatorFactory(pilot=pilot, interval=interval)
    MeasurementFactory(indicator=indicator, measured_on=measured_on)
    assert queue_reminders(TODAY) == 1


def test_no_reminder_for_pilots_not_running_or_not_yet_started_or_without_responsible():
    IndicatorFactory(pilot=PilotFactory(status="planning"))
    IndicatorFactory(pilot=PilotFactory(status="evaluating"))
    IndicatorFactory(pilot=PilotFactory(start_date=datetime.date(2026, 7, 1)))
    IndicatorFactory(
        pilot=PilotFactory(
            start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2026, 5, 31)
        )
    )
    IndicatorFactory(pilot=PilotFactory(responsible=None))
    assert queue_reminders(TODAY) == 0


def test_the_reminder_is_sent_once_in_the_recipients_language(eager_celery, settings):
    settings.SITE_URL = "https://portaali.example.fi"
    pilot = PilotFactory(
        name_fi="Liikuntalähettiläät", name_sv="Motionsambassadörer", reminder_language="sv"
    )
    IndicatorFactory(pilot=pilot, name_fi="Uudet liikkujat", name_sv="Nya motionärer")
    queue_pilot_reminders.delay()  # queues, and sends after commit
    send_pilot_reminders.delay()
    send_pilot_reminders.delay()  # a duplicate run sends nothing more

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [pilot.responsible.email]
    assert "Motionsambassadörer" in message.subject
    assert "Nya motionärer" in message.body
    assert "1.6.2026–30.6.2026" in message.body
    assert "saknar en mätning" in message.body and "Den mäts varje månad." in message.body
    assert f"https://portaali.example.fi/sv/pilotit/{pilot.pk}/mittaukset/" in message.body
    assert PilotReminder.objects.get().sent_at is not None


def test_a_reminder_is_not_sent_when_the_measurement_came_meanwhile():
    indicator = IndicatorFactory()
    queue_reminders(TODAY)
    MeasurementFactory(indicator=indicator, measured_on=datetime.date(2026, 6, 30))
    assert pilot_mail.send_pending() == 0
    assert mail.outbox == []
    assert PilotReminder.objects.get().sent_at is not None


def test_a_failed_send_is_retried_later(monkeypatch):
    IndicatorFactory()
    queue_reminders(TODAY)

    def fail(self, *args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", fail)
    assert pilot_mail.send_pending() == 0
    reminder = PilotReminder.objects.get()
    assert reminder.attempts == 1 and "mail server down" in reminder.last_error
    monkeypatch.undo()
    with time_machine.travel(datetime.datetime(2026, 7, 15, 7, tzinfo=datetime.UTC)):
        assert pilot_mail.send_pending() == 1
    assert len(mail.outbox) == 1


def test_the_beat_schedule_runs_the_reminder_tasks():
    from yhteisokeskus.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {"pilots.tasks.queue_pilot_reminders", "pilots.tasks.send_pilot_reminders"} <= tasks

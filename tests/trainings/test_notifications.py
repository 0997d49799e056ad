"""Training messages through the outbox: every kind in the recipient's language with an
.ics attachment, each sent once however often the sender runs; reminders the day before
each session and feedback requests after the last one, queued once."""

import datetime

import pytest
import time_machine
from django.core import mail
from icalendar import Calendar

from tests.factories.organisations import StaffFactory, UserFactory
from tests.factories.trainings import SessionFactory, TrainingFactory
from trainings import notifications, services
from trainings.mail import send_pending
from trainings.models import NotificationKind, TrainingNotification
from trainings.reminders import queue_feedback_requests, queue_session_reminders
from trainings.tasks import expire_training_offers, queue_training_reminders

pytestmark = pytest.mark.django_db

SUBJECTS = {
    "fi": "Ilmoittautuminen vahvistettu",
    "sv": "Anmälan bekräftad",
    "en": "Enrolment confirmed",
}


def attachment(message):
    (part,) = [a for a in message.attachments if "calendar" in str(a.get("Content-Type", ""))]
    return Calendar.from_ical(part.get_payload(decode=True))


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_confirmation_in_the_recipients_language_with_ics(language, settings):
    settings.SITE_URL = "https://portaali.example.fi"
    session = SessionFactory(
        training__title_fi="Talous", training__title_sv="Ekonomi", training__title_en="Finances"
    )
    enrolment = services.enrolment_create(
        actor=UserFactory(email="osallistuja@example.fi"),
        training=session.training,
        name="Olli Osallistuja",
        language=language,
    )
    assert send_pending() == 1
    (message,) = mail.outbox
    assert message.to == ["osallistuja@example.fi"]
    assert message.subject.startswith(SUBJECTS[language])
    title = {"fi": "Talous", "sv": "Ekonomi", "en": "Finances"}[language]
    assert title in message.subject and "Olli Osallistuja" in message.body
    calendar = attachment(message)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == session.starts
    assert str(event["status"]) == "CONFIRMED"
    assert str(event["uid"]) == f"training-session-{session.pk}-{enrolment.pk}@yhteisokeskus"
    assert "https://portaali.example.fi" in message.body
    # Sent once, however often the sender runs.
    assert send_pending() == 0 and len(mail.outbox) == 1


def test_waiting_promotion_and_offer_messages(english):
    training = TrainingFactory(capacity=1, waitlist_mode="offer", offer_hours=12)
    SessionFactory(training=training)
    first = services.enrolment_create(actor=UserFactory(), training=training, name="A")
    second = services.enrolment_create(
        actor=UserFactory(), training=training, name="B", language="en"
    )
    send_pending()
    services.enrolment_cancel(actor=first.user, enrolment=first)
    send_pending()
    subjects = {m.to[0]: [] for m in mail.outbox}
    for message in mail.outbox:
        subjects[message.to[0]].append(message.subject)
    assert any(s.startswith("You are on the waiting list") for s in subjects[second.email])
    assert any(s.startswith("A place is offered to you") for s in subjects[second.email])
    waiting = next(m for m in mail.outbox if m.subject.startswith("You are on the waiting"))
    assert "number 1" in waiting.body
    (event,) = attachment(waiting).walk("VEVENT")
    assert str(event["status"]) == "TENTATIVE"


def test_a_stale_offer_is_not_sent():
    training = TrainingFactory(capacity=1, waitlist_mode="offer", offer_hours=12)
    first = services.enrolment_create(actor=UserFactory(), training=training, name="A")
    second = services.enrolment_create(actor=UserFactory(), training=training, name="B")
    services.enrolment_cancel(actor=first.user, enrolment=first)
    services.enrolment_cancel(actor=second.user, enrolment=second)  # declines
    send_pending()
    offered = TrainingNotification.objects.get(kind=NotificationKind.OFFERED)
    assert offered.sent_at is not None and "no longer open" in offered.last_error
    assert not any("offered" in m.subject.lower() for m in mail.outbox)


def test_reminders_the_day_before_each_session_once():
    training = TrainingFactory()
    session = SessionFactory(training=training)
    later = SessionFactory(
        training=training,
        starts=session.starts + datetime.timedelta(days=7),
        ends=session.ends + datetime.timedelta(days=7),
    )
    enrolment = services.enrolment_create(actor=UserFactory(), training=training, name="A")
    with time_machine.travel(session.starts - datetime.timedelta(hours=20), tick=False):
        assert queue_session_reminders() == 1
        assert queue_session_reminders() == 0
        assert queue_training_reminders.apply().get() == 0
    reminder = TrainingNotification.objects.get(kind=NotificationKind.REMINDER)
    assert reminder.session == session and reminder.enrolment == enrolment
    with time_machine.travel(later.starts - datetime.timedelta(hours=20), tick=False):
        assert queue_session_reminders() == 1
        send_pending()
    reminders = [m for m in mail.outbox if "Muistutus" in m.subject]
    assert len(reminders) == 1  # the first one's session had begun when sending: skipped
    (event,) = attachment(reminders[0]).walk("VEVENT")
    assert event.decoded("dtstart") == later.starts


def test_feedback_request_after_the_last_session_and_certificate_message():
    staff = StaffFactory()
    training = TrainingFactory()
    session = SessionFactory(training=training)
    enrolment = services.enrolment_create(actor=UserFactory(), training=training, name="A")
    assert queue_feedback_requests() == 0  # not over yet
    with time_machine.travel(session.ends + datetime.timedelta(hours=1), tick=False):
        assert queue_feedback_requests() == 1
        assert queue_feedback_requests() == 0
        services.attendance_mark(actor=staff, session=session, present_ids=[enrolment.pk])
        send_pending()
    subjects = [m.subject for m in mail.outbox]
    assert any(s.startswith("Kerro, miten koulutus meni") for s in subjects), subjects
    certificate = next(m for m in mail.outbox if m.subject.startswith("Todistuksesi on valmis"))
    assert f"/koulutukset/ilmoittautumiset/{enrolment.pk}/todistus.pdf" in certificate.body


def test_queue_is_unique_per_enrolment_session_and_kind():
    session = SessionFactory()
    enrolment = services.enrolment_create(actor=UserFactory(), training=session.training, name="A")
    for _ in range(2):
        notifications.queue(enrolment, NotificationKind.REMINDER, session)
        notifications.queue(enrolment, NotificationKind.FEEDBACK)
    assert enrolment.notifications.count() == 3  # confirmation, reminder, feedback


def test_expire_task_runs():
    assert expire_training_offers.apply().get() == 0

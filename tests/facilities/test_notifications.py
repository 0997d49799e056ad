"""Booking messages through the outbox: every kind in fi, sv and en with an .ics
attachment, sent once however often (or however concurrently) the sender runs, retried
after a mail server error, reminders the day before, one message for a weekly series."""

import datetime
import smtplib
import threading
import time
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection
from django.utils import formats, timezone, translation
from icalendar import Calendar

from core import clock
from core.outbox import MAX_ATTEMPTS
from facilities import ics, notifications, services
from facilities.mail import send_pending
from facilities.models import Booking, BookingNotification, NotificationKind
from facilities.reminders import queue_reminders
from facilities.tasks import queue_booking_reminders, send_booking_notifications
from tests.factories.facilities import (
    BookingFactory,
    RoomFactory,
    at,
    next_weekday,
    representative_of,
)
from tests.factories.organisations import OrganisationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

SITE_URL = "https://portaali.example.fi"
LANGUAGES = ["fi", "sv", "en"]
SUBJECTS = {
    "received": "Booking request received",
    "confirmed": "Booking confirmed",
    "approved": "Booking approved",
    "rejected": "Booking rejected",
    "reminder": "Reminder: booking tomorrow",
    "cancelled": "Booking cancelled",
}
# The state a booking is in when each message goes out.
STATE = {
    "received": {"status": Booking.Status.REQUESTED},
    "confirmed": {"status": Booking.Status.CONFIRMED},
    "approved": {"status": Booking.Status.CONFIRMED},
    "rejected": {"status": Booking.Status.REJECTED, "rejection_reason": "Sali on remontissa."},
    "reminder": {"status": Booking.Status.CONFIRMED},
    "cancelled": {"status": Booking.Status.CANCELLED},
}
# A Tuesday booking 10–12 local time, as each language writes it.
WEEKDAY = {"fi": "tiistai", "sv": "tisdag", "en": "Tuesday"}
HOURS = {"fi": "10.00–12.00", "sv": "10.00–12.00", "en": "10:00–12:00"}
PRICE = {"fi": "20,00 €", "sv": "20,00 €", "en": "20.00 €"}
PREFIX = {"fi": "", "sv": "/sv", "en": "/en"}


class FailingBackend(LocmemBackend):
    """A mail server that refuses messages to @fails.example and accepts the rest."""

    def send_messages(self, messages):
        for message in messages:
            if any(to.endswith("@fails.example") for to in message.to):
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


class SlowBackend(LocmemBackend):
    """Holds each message a moment, so that two senders overlap."""

    def send_messages(self, messages):
        time.sleep(0.05)
        return super().send_messages(messages)


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def booking_in(db):
    def make(kind, language, **kwargs):
        booking = BookingFactory(language=language, **{**STATE[kind], **kwargs})
        notifications.queue(booking, kind)
        return booking

    return make


def calendar_part(message):
    """The text/calendar part of a sent message, and its parsed calendar."""
    parts = [p for p in message.message().walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return parts[0], Calendar.from_ical(parts[0].get_payload(decode=True))


def html_of(message):
    (html,) = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    return html


def book(user, org, room, start, end, **kwargs):
    kwargs.setdefault("purpose", "Hallituksen kokous")
    kwargs.setdefault("attendees", 6)
    return services.booking_create(
        actor=user, room=room, organisation=org, start=start, end=end, **kwargs
    )


# --- Every kind in every language ------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", list(SUBJECTS))
def test_each_kind_is_sent_in_the_bookings_language(mailoutbox, booking_in, kind, language):
    booking = booking_in(kind, language)
    assert send_pending() == 1
    (message,) = mailoutbox
    assert message.to == [booking.created_by.email]
    with translation.override(language):
        assert translation.gettext(SUBJECTS[kind]) in message.subject
        assert str(booking.room.name) in message.subject
        date = timezone.localtime(booking.start).date()
        assert formats.date_format(date, "DATE_FORMAT") in message.subject
        room_name, site_name = booking.room.name, booking.room.site.name
    for body in (message.body, html_of(message)):
        assert room_name in body and site_name in body
        assert "Yrjönkatu 1, 28100 Pori" in body
        assert booking.organisation.name in body
        assert "Hallituksen kokous" in body
        # Local time in the language's own format, not UTC.
        assert WEEKDAY[language] in body and HOURS[language] in body
        assert PRICE[language] in body
        assert f"{SITE_URL}{PREFIX[language]}/varaukset/{booking.pk}/" in body
        assert ("Sali on remontissa." in body) == (kind == "rejected")
    notification = BookingNotification.objects.get(booking=booking, kind=kind)
    assert notification.sent_at is not None and notification.attempts == 0


def test_the_subject_differs_by_language(mailoutbox, booking_in):
    room, day = RoomFactory(), next_weekday(1)
    for hour, language in zip((8, 10, 12), LANGUAGES, strict=True):
        booking_in("confirmed", language, room=room, start=at(day, hour))
    assert send_pending() == 3
    assert len({m.subject for m in mailoutbox}) == 3


def test_the_plain_text_is_not_html_escaped_and_the_html_is(mailoutbox, booking_in):
    booking_in("confirmed", "fi", purpose="Kokous & <ilta>")
    send_pending()
    (message,) = mailoutbox
    assert "Kokous & <ilta>" in message.body
    assert "Kokous &amp; &lt;ilta&gt;" in html_of(message)


def test_holding_messages_give_the_cancellation_deadline(mailoutbox, booking_in):
    start = at(next_weekday(1, weeks=2), 10)
    booking = booking_in("confirmed", "en", start=start)
    booking_in("cancelled", "en", start=start)
    send_pending()
    confirmed, cancelled = sorted(mailoutbox, key=lambda m: "cancelled" in m.subject)
    deadline = timezone.localtime(booking.start - datetime.timedelta(hours=24))
    with translation.override("en"):
        written = formats.date_format(deadline, "DATETIME_FORMAT")
    assert f"until {written}" in confirmed.body
    assert "You can cancel" not in cancelled.body


def test_a_free_booking_says_so(mailoutbox, booking_in):
    booking_in("confirmed", "en", price=Decimal("0.00"))
    send_pending()
    assert "free of charge" in mailoutbox[0].body and "€" not in mailoutbox[0].body


# --- The .ics attachment ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "method", "status"),
    [
        ("received", "PUBLISH", "TENTATIVE"),
        ("confirmed", "PUBLISH", "CONFIRMED"),
        ("reminder", "PUBLISH", "CONFIRMED"),
        ("rejected", "CANCEL", "CANCELLED"),
        ("cancelled", "CANCEL", "CANCELLED"),
    ],
)
def test_the_ics_attachment_parses(mailoutbox, booking_in, kind, method, status):
    booking = booking_in(kind, "fi")
    send_pending()
    part, cal = calendar_part(mailoutbox[0])
    assert part.get_param("method") == method
    assert part.get_content_charset() == "utf-8"
    assert cal["method"] == method
    (event,) = cal.walk("VEVENT")
    assert str(event["uid"]) == f"booking-{booking.pk}@yhteisokeskus"
    assert str(event["status"]) == status
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert (start, end) == (booking.start, booking.end)
    assert start.utcoffset() == datetime.timedelta(0)
    assert b"DTSTART:" + start.strftime("%Y%m%dT%H%M%SZ").encode() in part.get_payload(decode=True)
    assert "Yrjönkatu 1" in str(event["location"])
    assert str(booking.room.name) in str(event["summary"])


def test_the_uid_domain_comes_from_settings(settings):
    settings.ICAL_UID_DOMAIN = "portaali.example.fi"
    booking = BookingFactory()
    assert ics.uid(booking) == f"booking-{booking.pk}@portaali.example.fi"


def test_the_sequence_grows_with_each_status_change():
    booking = BookingFactory(status=Booking.Status.REQUESTED)
    sequences = []
    for status in (Booking.Status.REQUESTED, Booking.Status.CONFIRMED, Booking.Status.CANCELLED):
        booking.status = status
        sequences.append(ics.booking_event(booking)["sequence"])
    assert sequences == sorted(sequences) and len(set(sequences)) == 3


# --- Once, and only once ---------------------------------------------------------------


def test_running_the_sender_twice_sends_once(mailoutbox, booking_in):
    booking_in("confirmed", "fi")
    assert send_pending() == 1
    assert send_pending() == 0
    assert len(mailoutbox) == 1


def test_queueing_twice_makes_one_row():
    booking = BookingFactory()
    first = notifications.queue(booking, NotificationKind.CONFIRMED)
    second = notifications.queue(booking, NotificationKind.CONFIRMED)
    assert first.pk == second.pk
    assert BookingNotification.objects.filter(booking=booking).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_send_each_message_once(settings):
    settings.EMAIL_BACKEND = "tests.facilities.test_notifications.SlowBackend"
    mail.outbox = []
    room = RoomFactory()
    day = next_weekday(1)
    bookings = [
        BookingFactory(room=room, start=at(day, 8 + i), end=at(day, 9 + i)) for i in range(6)
    ]
    for booking in bookings:
        notifications.queue(booking, NotificationKind.CONFIRMED)
    barrier = threading.Barrier(2)
    results = []

    def sender():
        try:
            barrier.wait()
            results.append(send_pending())
        finally:
            connection.close()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == 6
    assert sorted(m.to[0] for m in mail.outbox) == sorted(b.created_by.email for b in bookings)


@pytest.mark.usefixtures("monday_noon")
def test_the_commit_starts_the_sending_task(
    mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    from yhteisokeskus.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)
    user, org = representative_of()
    day = next_weekday(1)
    with django_capture_on_commit_callbacks(execute=True):
        book(user, org, RoomFactory(), at(day, 10), at(day, 12), language="sv")
    (message,) = mailoutbox
    with translation.override("sv"):
        assert translation.gettext("Booking confirmed") in message.subject
    assert BookingNotification.objects.get().sent_at is not None


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_outbox(celery_worker_process):  # noqa: F811
    booking = BookingFactory()
    notification = notifications.queue(booking, NotificationKind.CONFIRMED)
    result = send_booking_notifications.apply_async(queue=celery_worker_process)
    assert result.get(timeout=60) == 1
    notification.refresh_from_db()
    assert notification.sent_at is not None


# --- Mail server errors ----------------------------------------------------------------


def test_a_failed_send_is_retried_later_and_then_sent(settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.facilities.test_notifications.FailingBackend"
    booking = BookingFactory(created_by=UserFactory(email="vuoro@fails.example"))
    notification = notifications.queue(booking, NotificationKind.CONFIRMED)
    with time_machine.travel(clock.now(), tick=False) as traveller:
        assert send_pending() == 0
        notification.refresh_from_db()
        assert notification.attempts == 1 and notification.sent_at is None
        assert "SMTPServerDisconnected" in notification.last_error
        # Not again at once: the next attempt waits.
        send_pending()
        notification.refresh_from_db()
        assert notification.attempts == 1
        traveller.shift(datetime.timedelta(minutes=2))
        booking.created_by.email = "vuoro@example.fi"
        booking.created_by.save()
        assert send_pending() == 1
    notification.refresh_from_db()
    assert notification.sent_at is not None and notification.last_error == ""
    assert [m.to for m in mailoutbox] == [["vuoro@example.fi"]]


def test_one_failing_message_does_not_stop_the_others(settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.facilities.test_notifications.FailingBackend"
    room = RoomFactory()
    day = next_weekday(1)
    failing = BookingFactory(
        room=room, start=at(day, 8), created_by=UserFactory(email="a@fails.example")
    )
    working = BookingFactory(room=room, start=at(day, 12))
    notifications.queue(failing, NotificationKind.CONFIRMED)
    notifications.queue(working, NotificationKind.CONFIRMED)
    assert send_pending() == 1
    assert [m.to for m in mailoutbox] == [[working.created_by.email]]


def test_the_sender_gives_up_after_the_last_attempt(settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.facilities.test_notifications.FailingBackend"
    booking = BookingFactory(created_by=UserFactory(email="b@fails.example"))
    notification = notifications.queue(booking, NotificationKind.CONFIRMED)
    with time_machine.travel(clock.now(), tick=False) as traveller:
        for _ in range(MAX_ATTEMPTS + 2):
            send_pending()
            traveller.shift(datetime.timedelta(hours=5))
    notification.refresh_from_db()
    assert notification.attempts == MAX_ATTEMPTS and notification.sent_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_pending() == 0 and mailoutbox == []


# --- Who gets the message --------------------------------------------------------------


@pytest.mark.usefixtures("monday_noon")
def test_staff_booking_for_an_organisation_writes_to_the_organisation(mailoutbox):
    org = OrganisationFactory(email="hallitus@yhdistys.example.fi")
    user, org = representative_of(org)
    staff = StaffFactory()
    room = RoomFactory()
    day = next_weekday(1)
    book(staff, org, room, at(day, 8), at(day, 9))
    book(user, org, room, at(day, 10), at(day, 11))
    send_pending()
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        ["hallitus@yhdistys.example.fi", user.email]
    )


@pytest.mark.usefixtures("monday_noon")
def test_staff_who_represent_the_organisation_get_their_own_message(mailoutbox):
    staff = StaffFactory()
    _, org = representative_of(user=staff)
    day = next_weekday(1)
    book(staff, org, RoomFactory(), at(day, 8), at(day, 9))
    send_pending()
    assert mailoutbox[0].to == [staff.email]


@pytest.mark.usefixtures("monday_noon")
def test_staff_booking_for_an_organisation_without_email_get_the_message(mailoutbox):
    staff = StaffFactory()
    org = OrganisationFactory(email="")
    day = next_weekday(1)
    book(staff, org, RoomFactory(), at(day, 8), at(day, 9))
    send_pending()
    assert mailoutbox[0].to == [staff.email]


def test_without_any_address_the_row_is_closed_unsent(mailoutbox):
    booking = BookingFactory(created_by=None, organisation=OrganisationFactory(email=""))
    notification = notifications.queue(booking, NotificationKind.CONFIRMED)
    assert send_pending() == 0
    notification.refresh_from_db()
    assert notification.sent_at is not None and "no email address" in notification.last_error
    assert mailoutbox == []


# --- Reminders -------------------------------------------------------------------------


@pytest.fixture
def monday_noon():
    """Now is Monday 12.1.2026 at noon in Helsinki; no public holiday in the weeks after."""
    with time_machine.travel(at(datetime.date(2026, 1, 12), 12), tick=False):
        yield datetime.date(2026, 1, 12)


def test_reminders_are_queued_for_tomorrows_confirmed_bookings_only(monday_noon):
    tuesday = monday_noon + datetime.timedelta(days=1)
    room = RoomFactory()

    def booking(day, hour, **kwargs):
        return BookingFactory(room=room, start=at(day, hour), **kwargs)

    wednesday = tuesday + datetime.timedelta(days=1)
    # Tuesday 0.00 in Helsinki is still Monday in UTC; Wednesday 0.00 is Tuesday in UTC.
    early = booking(tuesday, 0)
    morning = booking(tuesday, 10)
    booking(tuesday, 13, status=Booking.Status.REQUESTED)
    booking(tuesday, 16, status=Booking.Status.CANCELLED)
    booking(monday_noon, 14)
    booking(wednesday, 0)
    booking(wednesday, 10)
    assert queue_reminders() == 2
    reminded = BookingNotification.objects.filter(kind=NotificationKind.REMINDER)
    assert {n.booking_id for n in reminded} == {early.pk, morning.pk}
    assert queue_booking_reminders() == 0  # the hourly task again: nothing new
    assert reminded.count() == 2


def test_a_reminder_is_not_sent_for_a_booking_cancelled_meanwhile(monday_noon, mailoutbox):
    tuesday = monday_noon + datetime.timedelta(days=1)
    booking = BookingFactory(start=at(tuesday, 10), language="en")
    queue_reminders()
    services.booking_cancel(actor=StaffFactory(), booking=booking)
    assert send_pending() == 1
    (message,) = mailoutbox
    assert message.subject.startswith("Booking cancelled")
    reminder = BookingNotification.objects.get(kind=NotificationKind.REMINDER)
    assert reminder.sent_at is not None and reminder.last_error


def test_a_reminder_after_the_deadline_does_not_offer_cancelling(monday_noon, mailoutbox):
    # Tuesday 10.00 minus 24 hours was this morning.
    BookingFactory(start=at(monday_noon + datetime.timedelta(days=1), 10), language="en")
    queue_reminders()
    send_pending()
    (message,) = mailoutbox
    assert "A reminder: your booking is tomorrow." in message.body
    assert "You can cancel" not in message.body


def test_the_reminder_task_is_scheduled():
    from yhteisokeskus.celery import app

    # What a worker and the beat import when they start: every app's tasks module.
    # Without it, the tasks known here would depend on which tests ran before.
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {
        "facilities.tasks.send_booking_notifications",
        "facilities.tasks.queue_booking_reminders",
    } <= scheduled
    assert scheduled <= set(app.tasks)


# --- Weekly series ---------------------------------------------------------------------


@pytest.mark.usefixtures("monday_noon")
def test_a_series_gets_one_message_listing_every_occurrence(mailoutbox):
    user, org = representative_of()
    first = next_weekday(1, span=4)
    series, created, _ = services.booking_series_create(
        actor=user,
        room=RoomFactory(),
        organisation=org,
        weekdays=[1],
        first_date=first,
        until=first + datetime.timedelta(weeks=3),
        start_time=datetime.time(18),
        end_time=datetime.time(19, 30),
        purpose="Kuoroharjoitukset",
        attendees=10,
        language="en",
    )
    assert len(created) == 4
    assert send_pending() == 1
    (message,) = mailoutbox
    with translation.override("en"):
        for occurrence in created:
            day = formats.date_format(timezone.localtime(occurrence.start), "DATE_FORMAT")
            assert f"Tuesday {day} 18:00–19:30" in message.body
    assert "37.50 € per occurrence, 150.00 € in all" in message.body
    _, cal = calendar_part(message)
    uids = [str(event["uid"]) for event in cal.walk("VEVENT")]
    assert uids == [f"booking-{b.pk}@yhteisokeskus" for b in created]

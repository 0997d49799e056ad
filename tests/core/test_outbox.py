"""The one outbox sender (core.outbox), tried on the rows of a real outbox table (room
booking notifications) with a message of its own: a row is sent once however often the
sender runs, a row another transaction holds is skipped rather than waited for, a failed
send is retried on the back-off schedule counted from queueing, a row not worth sending is
closed with its reason, each message names its row in a header, and the message is
rendered in the row's language and local time."""

import datetime
import logging
import smtplib
import threading

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from core import clock
from core.outbox import MAX_ATTEMPTS, RETRY_AFTER, Outbox
from facilities.models import BookingNotification, NotificationKind
from tests.factories.facilities import BookingFactory, RoomFactory, at, next_weekday
from tests.factories.organisations import UserFactory

pytestmark = pytest.mark.django_db


class ConfirmationOutbox(Outbox):
    """The booking outbox's rows, with a one-line message: the translated kind and the
    booking's start as a wall-clock time."""

    model = BookingNotification
    select_related = ("booking__created_by",)
    reason = ""

    def skip_reason(self, notification, now):
        return self.reason

    def recipient(self, notification):
        user = notification.booking.created_by
        return user.email if user else ""

    def language(self, notification):
        return notification.booking.language

    def build_message(self, notification, to):
        start = timezone.localtime(notification.booking.start)
        subject = f"{gettext('Booking confirmed')} {start:%H:%M}"
        return EmailMessage(subject, "", to=[to])


class BrokenBuildOutbox(ConfirmationOutbox):
    """A message whose rendering runs a failing query, as a bug in one template might."""

    def build_message(self, notification, to):
        with connection.cursor() as cursor:
            cursor.execute("select * from no_such_table")


class DisconnectingBackend(LocmemBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def queue(**booking) -> BookingNotification:
    return BookingNotification.objects.create(
        booking=BookingFactory(**booking), kind=NotificationKind.CONFIRMED
    )


def test_a_row_is_sent_once_however_often_the_sender_runs(mailoutbox):
    notification = queue()
    outbox = ConfirmationOutbox()
    assert outbox.send_pending() == 1
    assert outbox.send_pending() == 0
    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.sent_at is not None
    assert (notification.attempts, notification.last_error) == (0, "")


def test_each_message_names_its_row_in_a_header(mailoutbox):
    first, second = queue(), queue()
    ConfirmationOutbox().send_pending()
    headers = [message.message()["X-Outbox-Message"] for message in mailoutbox]
    assert headers == [
        f"facilities.bookingnotification:{first.pk}",
        f"facilities.bookingnotification:{second.pk}",
    ]


def test_the_oldest_rows_go_first_up_to_the_limit(mailoutbox):
    room, day = RoomFactory(), next_weekday(1)
    with time_machine.travel(clock.now() - datetime.timedelta(minutes=5), tick=False):
        older = queue(room=room, start=at(day, 14))
    newer = queue(room=room, start=at(day, 10))
    assert ConfirmationOutbox().send_pending(limit=1) == 1
    assert mailoutbox[0].to == [older.booking.created_by.email]
    newer.refresh_from_db()
    assert newer.sent_at is None


@pytest.mark.django_db(transaction=True)
def test_a_row_another_transaction_holds_is_skipped_not_waited_for(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    room, day = RoomFactory(), next_weekday(1)
    held = queue(room=room, start=at(day, 8))
    free = queue(room=room, start=at(day, 12))
    locked, release = threading.Event(), threading.Event()

    def other_worker():
        try:
            with transaction.atomic():
                BookingNotification.objects.select_for_update().get(pk=held.pk)
                locked.set()
                # Long enough for a sender that waits to be noticed, not to hang the run.
                release.wait(timeout=30)
        finally:
            connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert locked.wait(timeout=30)
        assert ConfirmationOutbox().send_pending() == 1
    finally:
        release.set()
        thread.join()
    assert [m.to for m in mail.outbox] == [[free.booking.created_by.email]]
    held.refresh_from_db()
    assert held.sent_at is None and held.attempts == 0
    # Once the other transaction has let go, the next run sends it.
    assert ConfirmationOutbox().send_pending() == 1
    assert len(mail.outbox) == 2


def test_a_failed_send_is_recorded_and_retried_on_the_back_off_schedule(
    settings, mailoutbox, caplog
):
    settings.EMAIL_BACKEND = "tests.core.test_outbox.DisconnectingBackend"
    outbox = ConfirmationOutbox()
    with time_machine.travel(clock.now(), tick=False) as traveller:
        notification = queue()
        queued_at = clock.now()
        for attempt, wait in enumerate(RETRY_AFTER, start=1):
            # Not a moment before its turn, counted from when the row was queued.
            traveller.move_to(queued_at + wait - datetime.timedelta(seconds=1))
            assert outbox.send_pending() == 0
            notification.refresh_from_db()
            assert notification.attempts == attempt - 1
            traveller.move_to(queued_at + wait)
            with caplog.at_level(logging.WARNING, logger="core.outbox"):
                caplog.clear()
                assert outbox.send_pending() == 0
            notification.refresh_from_db()
            assert notification.attempts == attempt and notification.sent_at is None
            assert notification.last_error == (
                "SMTPServerDisconnected: Connection unexpectedly closed"
            )
            expected_level = logging.ERROR if attempt == MAX_ATTEMPTS else logging.WARNING
            assert [r.levelno for r in caplog.records] == [expected_level]
        # After the last attempt the row is left alone, whatever the mail server does.
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        traveller.shift(datetime.timedelta(days=7))
        assert outbox.send_pending() == 0
    notification.refresh_from_db()
    assert notification.attempts == MAX_ATTEMPTS and notification.sent_at is None
    assert mailoutbox == []


def test_a_retry_that_succeeds_clears_the_error(settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.core.test_outbox.DisconnectingBackend"
    outbox = ConfirmationOutbox()
    with time_machine.travel(clock.now(), tick=False) as traveller:
        notification = queue()
        assert outbox.send_pending() == 0
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        traveller.shift(RETRY_AFTER[1])
        assert outbox.send_pending() == 1
    notification.refresh_from_db()
    assert notification.sent_at is not None
    assert (notification.attempts, notification.last_error) == (1, "")
    assert len(mailoutbox) == 1


def test_a_failing_query_while_building_counts_as_a_failed_attempt(mailoutbox):
    notification = queue()
    # The query fails inside a savepoint, so the attempt can still be recorded.
    assert BrokenBuildOutbox().send_pending() == 0
    notification.refresh_from_db()
    assert notification.attempts == 1 and notification.sent_at is None
    assert notification.last_error.startswith("ProgrammingError: ")
    assert mailoutbox == []


def test_a_row_with_a_skip_reason_is_closed_unsent(mailoutbox):
    notification = queue()
    outbox = ConfirmationOutbox()
    outbox.reason = "the booking has begun"
    assert outbox.send_pending() == 0
    notification.refresh_from_db()
    assert notification.sent_at is not None and notification.attempts == 0
    assert notification.last_error == "the booking has begun"
    assert mailoutbox == []
    assert outbox.send_pending() == 0  # closed: not looked at again


def test_a_row_without_a_recipient_is_closed_unsent(mailoutbox):
    notification = queue(created_by=UserFactory(email=""))
    assert ConfirmationOutbox().send_pending() == 0
    notification.refresh_from_db()
    assert notification.sent_at is not None
    assert notification.last_error == "no email address for the recipient"
    assert mailoutbox == []


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_message_is_rendered_in_the_rows_language_and_local_time(mailoutbox, language):
    queue(language=language, start=at(next_weekday(1), 10))
    # Whatever the worker has active, the row's language and Helsinki time are used.
    with translation.override("de"), timezone.override(datetime.UTC):
        assert ConfirmationOutbox().send_pending() == 1
        assert translation.get_language() == "de"  # and left as they were
    with translation.override(language):
        confirmed = gettext("Booking confirmed")
    (message,) = mailoutbox
    assert message.subject == f"{confirmed} 10:00"

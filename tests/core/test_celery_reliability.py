"""A worker killed in the middle of a task: the message comes back and another worker
finishes it, and the outbox still sends its email once."""

import pytest

from facilities.models import BookingNotification, NotificationKind
from facilities.tasks import send_booking_notifications
from tests.factories.facilities import BookingFactory
from tests.support.waiting import wait_for
from tests.support.workers import kill_worker, new_queue, start_worker, stop_worker


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_hands_its_task_to_the_next_and_the_email_goes_once(tmp_path):
    booking = BookingFactory()
    notification = BookingNotification.objects.create(
        booking=booking, kind=NotificationKind.CONFIRMED
    )
    (tmp_path / "hold").touch()
    env = {
        "EMAIL_BACKEND": "tests.support.mail.FileDropBackend",
        "TEST_MAIL_DIR": str(tmp_path),
        # Redis hands an unacknowledged message to another worker after this many seconds.
        "CELERY_VISIBILITY_TIMEOUT": "2",
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
    }
    queue = new_queue()
    first = start_worker(queue, pool="prefork", env=env)
    try:
        send_booking_notifications.apply_async(queue=queue)
        wait_for((tmp_path / "sending").exists, 90, "the first worker to start sending")
        kill_worker(first)
    finally:
        stop_worker(first)

    notification.refresh_from_db()
    assert notification.sent_at is None  # killed before it could finish
    assert not list(tmp_path.glob("sent-*.eml"))

    (tmp_path / "hold").unlink()
    second = start_worker(queue, pool="prefork", env=env)
    try:
        # Nobody queues the task again: the broker redelivers the unacknowledged message.
        wait_for(
            lambda: BookingNotification.objects.filter(
                pk=notification.pk, sent_at__isnull=False
            ).exists(),
            90,
            "the second worker to finish the redelivered task",
        )
        # The redelivered task ran once more than was needed at most; nothing sends twice.
        send_booking_notifications.apply_async(queue=queue).get(timeout=60)
    finally:
        stop_worker(second)

    sent = list(tmp_path.glob("sent-*.eml"))
    assert len(sent) == 1

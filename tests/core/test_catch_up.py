"""Nothing is lost while the broker or the workers are away, and the work catches up
when they are back: bookings, enrolments and report requests save; their messages are
sent once and the reports built, by a real worker on the real broker."""

import email
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.db.models import F
from django.urls import reverse
from django.utils import translation

from core import clock
from core.outbox import outbox_models
from core.tasks import resume_waiting_reports
from facilities import services as facilities_services
from facilities.models import BookingNotification
from facilities.tasks import send_booking_notifications
from tests.factories.facilities import RoomFactory, at, next_weekday, representative_of
from tests.factories.organisations import StaffFactory, UserFactory
from tests.factories.trainings import TrainingFactory
from tests.support.waiting import wait_for
from tests.support.workers import new_queue, start_worker, stop_worker
from trainings import services as trainings_services
from trainings.models import TrainingNotification
from trainings.tasks import send_training_notifications
from yhteisokeskus.celery import app as celery_app
from yhteisokeskus.models import AnnualReport

# Port 9 (discard) on loopback has no Redis: a connection is refused at once.
NO_BROKER = "redis://127.0.0.1:9/0"

BROKER_AWAY_MESSAGE = (
    "The background service is not available right now: the report will be built when "
    "the background service is available again."
)
BEING_BUILT_MESSAGE = "The report is being built. This page shows when it is ready."
WAITING_LONG_MESSAGE = (
    "The report is waiting for the background service, which is not available right now. "
    "It will be built when the background service is available again; you can leave this "
    "page and come back later."
)


def _drop_broker_connections():
    """The app keeps its broker connections and producers in pools made for the URL it
    had; without them, the next enqueue connects to the URL it has now."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextmanager
def broker_away():
    """This process's enqueues go to a broker that is not there, as when Redis is down.
    Workers already running keep their own connection."""
    previous = celery_app.conf.broker_url
    celery_app.conf.broker_url = NO_BROKER
    _drop_broker_connections()
    try:
        yield
    finally:
        celery_app.conf.broker_url = previous
        _drop_broker_connections()


@contextmanager
def default_queue(queue: str):
    """What this process enqueues without naming a queue goes to ``queue``, the one the
    test's worker consumes, as everything goes to the default queue in production."""
    previous = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    try:
        yield
    finally:
        celery_app.conf.task_default_queue = previous


@pytest.fixture
def worker_env(tmp_path, settings):
    """What the worker process is given: a mail backend that drops each message in a
    folder, and this test's private storage, where the reports go."""
    mail = tmp_path / "mail"
    mail.mkdir()
    return {
        "EMAIL_BACKEND": "tests.support.mail.FileDropBackend",
        "TEST_MAIL_DIR": str(mail),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
    }


def _recipients(worker_env) -> list[str]:
    """The addressees of the messages the worker has sent, one per message."""
    sent = Path(worker_env["TEST_MAIL_DIR"]).glob("sent-*.eml")
    return sorted(email.message_from_bytes(path.read_bytes())["To"] for path in sent)


@pytest.fixture
def people():
    """A representative who books a room, a person who enrols, and a staff member who
    asks for the annual report."""
    booker, organisation = representative_of(user__email="varaaja@example.fi")
    person = UserFactory(email="osallistuja@example.fi")
    return booker, organisation, person, StaffFactory()


def _book(booker, organisation):
    day = next_weekday(1)
    return facilities_services.booking_create(
        actor=booker,
        room=RoomFactory(),
        organisation=organisation,
        start=at(day, 10),
        end=at(day, 12),
        purpose="Hallituksen kokous",
        attendees=6,
    )


def _enrol(person):
    return trainings_services.enrolment_create(
        actor=person, training=TrainingFactory(), name="Osallistuja"
    )


def _ask_for_annual_report(client, staff):
    client.force_login(staff)
    response = client.post(reverse("dashboard:annual_start"), {"year": 2025}, follow=True)
    assert response.status_code == 200
    return AnnualReport.objects.get(), response.content.decode()


def _finnish(msgid: str) -> str:
    with translation.override("fi"):
        return translation.gettext(msgid)


def _sweep(queue: str) -> tuple[int, int, int]:
    """Run the periodic sweeps on the test's worker, as beat would: the two outboxes and
    the waiting reports; each returns how many it sent or handed over."""
    return (
        send_booking_notifications.apply_async(queue=queue).get(timeout=60),
        send_training_notifications.apply_async(queue=queue).get(timeout=60),
        resume_waiting_reports.apply_async(kwargs={"queue": queue}, queue=queue).get(timeout=60),
    )


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_with_the_broker_away_everything_saves_and_goes_once_it_is_back(
    request, client, people, worker_env, monkeypatch
):
    for name, value in worker_env.items():
        monkeypatch.setenv(name, value)
    queue = request.getfixturevalue("celery_worker_process")
    booker, organisation, person, staff = people

    with broker_away():
        booking = _book(booker, organisation)
        enrolment = _enrol(person)
        report, page = _ask_for_annual_report(client, staff)

    # Saved, with their outbox rows; the page that asked says the report comes later.
    assert BookingNotification.objects.get(booking=booking).sent_at is None
    assert TrainingNotification.objects.get(enrolment=enrolment).sent_at is None
    assert report.status == AnnualReport.Status.PENDING
    assert _finnish(BROKER_AWAY_MESSAGE) in page
    assert _finnish(BEING_BUILT_MESSAGE) not in page
    with time_machine.travel(clock.now() + timedelta(minutes=10)):
        progress = client.get(reverse("dashboard:annual_report", args=[report.pk]))
    assert _finnish(WAITING_LONG_MESSAGE) in progress.content.decode()
    assert not _recipients(worker_env)

    # The broker is back. The report has waited past the sweep's threshold.
    AnnualReport.objects.filter(pk=report.pk).update(
        created_at=F("created_at") - timedelta(minutes=10)
    )
    assert _sweep(queue) == (1, 1, 1)
    wait_for(
        lambda: AnnualReport.objects.get(pk=report.pk).status == AnnualReport.Status.DONE,
        120,
        "the worker to build the report",
    )
    assert _recipients(worker_env) == ["osallistuja@example.fi", "varaaja@example.fi"]

    # The next sweeps find nothing more to do.
    assert _sweep(queue) == (0, 0, 0)
    assert len(_recipients(worker_env)) == 2
    report.refresh_from_db()
    assert report.file.name.endswith(".pdf")


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_with_no_worker_nothing_is_lost_and_a_worker_catches_up(client, people, worker_env):
    booker, organisation, person, staff = people
    queue = new_queue()

    with default_queue(queue):
        booking = _book(booker, organisation)
        enrolment = _enrol(person)
        report, page = _ask_for_annual_report(client, staff)

    # The broker took the work; no worker runs to do it.
    assert _finnish(BEING_BUILT_MESSAGE) in page
    time.sleep(1)
    assert not _recipients(worker_env)
    assert BookingNotification.objects.get(booking=booking).sent_at is None
    assert TrainingNotification.objects.get(enrolment=enrolment).sent_at is None
    assert AnnualReport.objects.get(pk=report.pk).status == AnnualReport.Status.PENDING

    worker = start_worker(queue, env=worker_env)
    try:
        # The messages that waited in the broker go first; then the sweeps find nothing.
        assert _sweep(queue) == (0, 0, 0)
        wait_for(
            lambda: AnnualReport.objects.get(pk=report.pk).status == AnnualReport.Status.DONE,
            120,
            "the worker to build the report",
        )
        assert _recipients(worker_env) == ["osallistuja@example.fi", "varaaja@example.fi"]
        assert not BookingNotification.objects.filter(sent_at__isnull=True).exists()
        assert not TrainingNotification.objects.filter(sent_at__isnull=True).exists()

        # Running the sweeps again, the report now long asked for, sends nothing more.
        AnnualReport.objects.update(created_at=F("created_at") - timedelta(minutes=10))
        assert _sweep(queue) == (0, 0, 0)
        assert len(_recipients(worker_env)) == 2
    finally:
        stop_worker(worker)


@pytest.mark.django_db
def test_the_sweep_hands_over_only_the_reports_still_waiting_after_a_few_minutes(eager_celery):
    staff = StaffFactory()
    now = clock.now()
    with time_machine.travel(now - timedelta(minutes=10), tick=False):
        waiting = AnnualReport.objects.create(year=2024, requested_by=staff)
        failed = AnnualReport.objects.create(year=2023, status=AnnualReport.Status.FAILED)
    recent = AnnualReport.objects.create(year=2025, requested_by=staff)

    with time_machine.travel(now, tick=False):
        assert resume_waiting_reports() == 1  # the build it hands over runs here (eager)
        assert resume_waiting_reports() == 0
    statuses = dict(AnnualReport.objects.values_list("pk", "status"))
    assert statuses == {
        waiting.pk: AnnualReport.Status.DONE,
        failed.pk: AnnualReport.Status.FAILED,
        recent.pk: AnnualReport.Status.PENDING,
    }


def test_beat_sweeps_every_outbox_and_the_waiting_reports():
    scheduled = {entry["task"] for entry in celery_app.conf.beat_schedule.values()}
    assert "core.tasks.resume_waiting_reports" in scheduled
    for model in outbox_models():
        assert any(task.startswith(f"{model._meta.app_label}.tasks.send_") for task in scheduled)

"""Sending the monthly attendance report to the referring authority: queued once per
authority and month (the monthly task and the staff button), sent through the outbox
with the PDF and CSV attached, in the language asked; the beat runs both tasks."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from placements import services
from placements.dispatch import queue_last_month, report_dispatch_request
from placements.errors import PlacementError
from placements.mail import send_pending
from placements.models import ReportDispatch
from tests.factories.organisations import StaffFactory
from tests.factories.placements import AuthorityFactory, PlacementFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 5, 6, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def october():
    authority = AuthorityFactory(name="Porin työllisyyspalvelut", contact_email="tp@pori.example")
    placement = PlacementFactory(authority=authority, participant__name="Anna Aalto")
    for day in (5, 6):
        services.attendance_mark(
            actor=placement.supervisor.user,
            placement=placement,
            day=D(2026, 10, day),
            status="present",
            hours=Decimal("4"),
        )
    # An authority whose placements all ended before October gets nothing.
    PlacementFactory(start_date=D(2026, 5, 1), end_date=D(2026, 7, 31))
    return authority


def test_the_monthly_task_sends_last_month_once_with_the_pdf(october):
    assert queue_last_month() == 1
    assert queue_last_month() == 0
    assert send_pending() == 1
    assert send_pending() == 0
    (message,) = mail.outbox
    assert message.to == ["tp@pori.example"]
    assert "10/2026" in message.subject
    names = [a[0] for a in message.attachments]
    assert names == [f"attendance-{october.pk}-2026-10.pdf", f"attendance-{october.pk}-2026-10.csv"]
    pdf = PdfReader(io.BytesIO(message.attachments[0][1]))
    text = " ".join(pdf.pages[0].extract_text().split())
    assert "Anna Aalto" in text and "18,00" in text  # 2 days × 9,00 €
    assert "Anna Aalto;" in message.attachments[1][1]
    # Staff pressing the button afterwards does not send the month again.
    row, created = report_dispatch_request(
        actor=StaffFactory(), authority=october, month=D(2026, 10, 1)
    )
    assert not created and row.sent_at
    assert send_pending() == 0 and len(mail.outbox) == 1


def test_staff_send_a_month_in_swedish_with_the_button(client, october):
    staff = StaffFactory()
    client.force_login(staff)
    with translation.override("sv"):
        url = reverse("placements:reports")
    data = {"authority": october.pk, "month": "2026-10", "send": "1"}
    assert client.post(url, data).status_code == 302
    row = ReportDispatch.objects.get()
    assert (row.month, row.queued_by, row.language) == (D(2026, 10, 1), staff, "sv")
    send_pending()
    assert mail.outbox[0].subject.startswith("Månadsrapport om närvaro 10/2026")
    # The current month has not ended: refused, nothing queued.
    response = client.post(url, {**data, "month": "2026-11"})
    assert response.status_code == 400
    assert ReportDispatch.objects.count() == 1


def test_only_staff_and_only_ended_months(october):
    with pytest.raises(PermissionDenied):
        report_dispatch_request(actor=None, authority=october, month=D(2026, 10, 1))
    with pytest.raises(PlacementError):
        report_dispatch_request(actor=StaffFactory(), authority=october, month=D(2026, 11, 1))


def test_the_beat_schedule_runs_the_monthly_tasks():
    from yhteisokeskus.celery import app

    entries = {e["task"]: e["schedule"] for e in app.conf.beat_schedule.values()}
    assert entries["placements.tasks.queue_monthly_reports"].day_of_month == {5}
    assert "placements.tasks.send_monthly_reports" in entries

"""A statement built by a real Celery worker through the real Redis broker, reading the
test database and writing the PDF where the web process then serves it from."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from core.reports import report_create
from core.tasks import build_report
from facilities.models import Report
from tests.factories.facilities import BookingFactory, RoomFactory, at
from tests.factories.organisations import OrganisationFactory


@pytest.fixture
def report_worker(request, settings, monkeypatch):
    """The real worker is another process: it is given this test's private storage,
    where the reports go, through the environment."""
    monkeypatch.setenv("PRIVATE_MEDIA_ROOT", str(settings.PRIVATE_MEDIA_ROOT))
    return request.getfixturevalue("celery_worker_process")


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_builds_a_statement_pdf(report_worker, settings):
    organisation = OrganisationFactory(name_fi="Satakunnan Lausujat ry")
    room = RoomFactory(name_fi="Kokoushuone Kuusi")
    for day, price in ((3, "1000.00"), (10, "234.50")):
        BookingFactory(
            organisation=organisation,
            room=room,
            start=at(datetime.date(2026, 12, day), 18),
            end=at(datetime.date(2026, 12, day), 20),
            price=Decimal(price),
        )
    report = report_create(
        Report,
        kind="statement",
        month=datetime.date(2026, 12, 1),
        organisation=organisation,
        language="fi",
    )

    result = build_report.apply_async(args=["facilities.Report", report.pk], queue=report_worker)

    assert result.get(timeout=120) == Report.Status.DONE
    report.refresh_from_db()
    assert report.status == Report.Status.DONE and report.finished_at is not None
    path = settings.PRIVATE_MEDIA_ROOT / report.file.name
    assert path.is_file()
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = re.sub(r"[ \xa0]+", " ", "\n".join(page.extract_text() for page in reader.pages))
    assert "Satakunnan Lausujat ry" in text
    assert "1 234,50 €" in text

"""A pilot report built by a real Celery worker through the real Redis broker."""

import datetime
import io
import re

import pytest
from pypdf import PdfReader

from core.reports import report_create
from core.tasks import build_report
from pilots.models import PilotReport
from tests.factories.pilots import IndicatorFactory, MeasurementFactory, PilotFactory


@pytest.fixture
def report_worker(request, settings, monkeypatch):
    """The real worker is another process: it is given this test's private storage,
    where the reports go, through the environment."""
    monkeypatch.setenv("PRIVATE_MEDIA_ROOT", str(settings.PRIVATE_MEDIA_ROOT))
    return request.getfixturevalue("celery_worker_process")


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_builds_a_pilot_report(report_worker, settings):
    pilot = PilotFactory(name_fi="Nuorten iltakahvila")
    indicator = IndicatorFactory(pilot=pilot, name_fi="Kävijöitä illassa", baseline=0, target=25)
    MeasurementFactory(indicator=indicator, measured_on=datetime.date(2026, 3, 6), value=20)
    report = report_create(PilotReport, pilot=pilot, language="fi")

    result = build_report.apply_async(args=["pilots.PilotReport", report.pk], queue=report_worker)

    assert result.get(timeout=120) == PilotReport.Status.DONE
    report.refresh_from_db()
    path = settings.PRIVATE_MEDIA_ROOT / report.file.name
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    text = re.sub(r"[ \xa0]+", " ", text)
    assert "Nuorten iltakahvila" in text and "Kävijöitä illassa" in text
    assert "80 %" in text  # 20 of the way from 0 to 25

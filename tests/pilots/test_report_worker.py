"""A pilot report built by a real Celery worker through the real Redis broker."""

import datetime
import io
import re

import pytest
from pypdf import PdfReader

from pilots.models import PilotReport
from pilots.reports import pilot_report_create
from pilots.tasks import build_pilot_report
from tests.factories.pilots import IndicatorFactory, MeasurementFactory, PilotFactory


@pytest.fixture
def report_worker(request, settings, tmp_path, monkeypatch):
    """The worker is another process: it reads MEDIA_ROOT from the environment."""
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    monkeypatch.setenv("MEDIA_ROOT", str(media))
    return request.getfixturevalue("celery_worker_process")


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_builds_a_pilot_report(report_worker, settings):
    pilot = PilotFactory(name_fi="Nuorten iltakahvila")
    indicator = IndicatorFactory(pilot=pilot, name_fi="Kävijöitä illassa", baseline=0, target=25)
    MeasurementFactory(indicator=indicator, measured_on=datetime.date(2026, 3, 6), value=20)
    report = pilot_report_create(pilot=pilot, language="fi")

    result = build_pilot_report.apply_async(args=[report.pk], queue=report_worker)

    assert result.get(timeout=120) == PilotReport.Status.DONE
    report.refresh_from_db()
    path = settings.MEDIA_ROOT / report.file.name
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    text = re.sub(r"[ \xa0]+", " ", text)
    assert "Nuorten iltakahvila" in text and "Kävijöitä illassa" in text
    assert "80 %" in text  # 20 of the way from 0 to 25

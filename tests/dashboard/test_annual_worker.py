"""The annual report built by a real Celery worker through the real Redis broker."""

import pytest

from yhteisokeskus.models import AnnualReport
from yhteisokeskus.reporting.annual_report import annual_report_create
from yhteisokeskus.tasks import build_annual_report

from .data import EXPECTED, YEAR, build_year
from .test_annual_report import has, pdf_text


@pytest.fixture
def report_worker(request, settings, tmp_path, monkeypatch):
    """The worker is another process: it reads MEDIA_ROOT from the environment."""
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    monkeypatch.setenv("MEDIA_ROOT", str(media))
    return request.getfixturevalue("celery_worker_process")


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_builds_the_annual_report(report_worker, settings):
    build_year()
    report = annual_report_create(year=YEAR, language="en")

    result = build_annual_report.apply_async(args=[report.pk], queue=report_worker)

    assert result.get(timeout=180) == AnnualReport.Status.DONE
    report.refresh_from_db()
    text = pdf_text((settings.MEDIA_ROOT / report.file.name).read_bytes())
    assert has(text, "Members during the year", EXPECTED["members_during"])
    assert has(text, "Attendance rate", EXPECTED["attendance"])

"""The annual report built by a real Celery worker through the real Redis broker."""

import pytest

from core.reports import report_create
from core.tasks import build_report
from yhteisokeskus.models import AnnualReport

from .data import EXPECTED, YEAR, build_year
from .test_annual_report import has, pdf_text


@pytest.fixture
def report_worker(request, settings, monkeypatch):
    """The real worker is another process: it is given this test's private storage,
    where the reports go, through the environment."""
    monkeypatch.setenv("PRIVATE_MEDIA_ROOT", str(settings.PRIVATE_MEDIA_ROOT))
    return request.getfixturevalue("celery_worker_process")


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_builds_the_annual_report(report_worker, settings):
    build_year()
    report = report_create(AnnualReport, year=YEAR, language="en")

    result = build_report.apply_async(
        args=["yhteisokeskus.AnnualReport", report.pk], queue=report_worker
    )

    assert result.get(timeout=180) == AnnualReport.Status.DONE
    report.refresh_from_db()
    text = pdf_text((settings.PRIVATE_MEDIA_ROOT / report.file.name).read_bytes())
    assert has(text, "Members during the year", EXPECTED["members_during"])
    assert has(text, "Attendance rate", EXPECTED["attendance"])

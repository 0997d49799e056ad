"""The annual report's section on rehabilitative work activity and work trials: the
figures against a count by hand, a fixed number of queries, and the section in the PDF."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from core.reports import report_build, report_create
from placements.models import Attendance, Placement
from tests.factories.placements import HostFactory, PlacementFactory
from yhteisokeskus.models import AnnualReport
from yhteisokeskus.reporting.annual import Year, placements

pytestmark = pytest.mark.django_db
D = datetime.date


def build(scale=1):
    hosts = [HostFactory(organisation__name_fi=f"Isäntä {i} ry", capacity=50) for i in range(2)]
    made = []
    for _ in range(scale):
        made.append(
            PlacementFactory(
                host=hosts[0],
                status=Placement.Status.COMPLETED,
                start_date=D(2026, 2, 1),
                end_date=D(2026, 4, 30),
            )
        )
        made.append(
            PlacementFactory(
                host=hosts[0],
                kind=Placement.Kind.WORK_TRIAL,
                status=Placement.Status.INTERRUPTED,
                start_date=D(2026, 3, 2),
                end_date=D(2026, 3, 20),
            )
        )
        made.append(
            PlacementFactory(host=hosts[1], start_date=D(2026, 11, 2), end_date=D(2027, 2, 1))
        )
        # Not in 2026
        PlacementFactory(host=hosts[1], start_date=D(2025, 1, 1), end_date=D(2025, 3, 31))
    for p in made:
        Attendance.objects.create(
            placement=p, day=p.start_date, status="present", hours=Decimal("4")
        )
        Attendance.objects.create(
            placement=p, day=p.start_date + datetime.timedelta(1), status="ill"
        )
    return hosts


def test_figures_counted_by_hand():
    build()
    f = placements(Year.of(2026))
    assert f.total == 3
    assert dict(f.by_kind) == {"Rehabilitative work activity": 2, "Work trial": 1} or dict(
        f.by_kind
    ) == {
        "Kuntouttava työtoiminta": 2,
        "Työkokeilu": 1,
    }
    assert f.by_host == [("Isäntä 0 ry", 2), ("Isäntä 1 ry", 1)]
    assert sum(n for _m, n in f.by_municipality) == 3
    assert f.attended_days == 3
    assert (f.completed, f.interrupted) == (1, 1)


def test_queries_do_not_grow_with_the_data():
    build()
    with CaptureQueriesContext(connection) as small:
        placements(Year.of(2026))
    build(scale=3)
    with CaptureQueriesContext(connection) as large:
        f = placements(Year.of(2026))
    assert len(small) == len(large) == 4
    assert f.total == 12


def test_the_section_is_in_the_pdf():
    build()
    report = report_build(AnnualReport, report_create(AnnualReport, year=2026, language="en").pk)
    assert report.status == AnnualReport.Status.DONE, report.error
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(report.file.read())).pages)
    text = " ".join(text.split())
    assert "Rehabilitative work activity and work trials" in text
    assert "Days attended 3" in text
    assert "Isäntä 0 ry 2" in text

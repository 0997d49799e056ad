"""The monthly attendance report: its figures in the PDF (read back with pypdf) and the
CSV against figures counted by hand; the report command knows it."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from pypdf import PdfReader

from core.reports import report_build, report_create
from placements import services
from placements.models import AttendanceReport
from placements.reports import monthly_csv
from tests.factories.placements import AuthorityFactory, PlacementFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def month_of_attendance():
    authority = AuthorityFactory(
        name="Porin työllisyyspalvelut", daily_compensation=Decimal("9.00")
    )
    anna = PlacementFactory(
        authority=authority, participant__name="Anna Aalto", referrer_reference="TP-17"
    )
    ben = PlacementFactory(
        authority=authority, participant__name="Ben Berg", hours_per_day=Decimal("6")
    )
    other = PlacementFactory(participant__name="Muun Viranomaisen")
    mark = services.attendance_mark
    # October 2026: Anna present Mon 5, Tue 6, Wed 7 (4 h each) and ill Thu 8;
    # Ben present Mon 5 (6 h) and Tue 6 (5.5 h), absent for another reason Wed 7.
    for day in (5, 6, 7):
        mark(
            actor=anna.supervisor.user,
            placement=anna,
            day=D(2026, 10, day),
            status="present",
            hours=Decimal("4"),
        )
    mark(actor=anna.supervisor.user, placement=anna, day=D(2026, 10, 8), status="ill")
    mark(
        actor=ben.supervisor.user,
        placement=ben,
        day=D(2026, 10, 5),
        status="present",
        hours=Decimal("6"),
    )
    mark(
        actor=ben.supervisor.user,
        placement=ben,
        day=D(2026, 10, 6),
        status="present",
        hours=Decimal("5.5"),
    )
    mark(actor=ben.supervisor.user, placement=ben, day=D(2026, 10, 7), status="other")
    # A September day and another authority's placement are not in the report.
    mark(
        actor=anna.supervisor.user,
        placement=anna,
        day=D(2026, 9, 29),
        status="present",
        hours=Decimal("4"),
    )
    mark(
        actor=other.supervisor.user,
        placement=other,
        day=D(2026, 10, 5),
        status="present",
        hours=Decimal("4"),
    )
    return authority


def test_pdf_figures(month_of_attendance):
    report = report_create(
        AttendanceReport, language="fi", authority=month_of_attendance, month=D(2026, 10, 1)
    )
    report = report_build(AttendanceReport, report.pk)
    assert report.status == AttendanceReport.Status.DONE, report.error
    with report.file.open("rb") as f:
        text = " ".join(page.extract_text() for page in PdfReader(f).pages)
    text = " ".join(text.split())
    assert "Porin työllisyyspalvelut" in text
    assert "Anna Aalto" in text and "TP-17" in text and "Ben Berg" in text
    assert "Muun Viranomaisen" not in text
    # Anna: 3 days, 12 h, 1 ill, 0 other, 27 €; Ben: 2 days, 11.5 h, 0, 1, 18 €; 5 days, 45 €.
    assert "3 12,00 1 0 27,00" in text
    assert "2 11,50 0 1 18,00" in text
    assert "5 45,00" in text


def test_csv_figures(month_of_attendance):
    rows = list(
        csv.reader(
            io.StringIO(monthly_csv(month_of_attendance, D(2026, 10, 1), "en")), delimiter=";"
        )
    )
    assert rows[0][0] == "participant"
    assert rows[1][0] == "Anna Aalto" and rows[1][4:] == ["3", "12,00", "1", "0", "27,00"]
    assert rows[2][0] == "Ben Berg" and rows[2][4:] == ["2", "11,50", "0", "1", "18,00"]
    assert len(rows) == 3


def test_report_command(month_of_attendance, tmp_path):
    target = tmp_path / "a.pdf"
    call_command(
        "report",
        "attendance",
        "--authority",
        str(month_of_attendance.pk),
        "--month",
        "2026-10",
        "--output",
        str(target),
    )
    assert target.read_bytes().startswith(b"%PDF")

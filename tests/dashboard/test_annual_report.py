"""The annual report: its PDF shows the figures worked out by hand from the data
(tests/dashboard/data.py), with a fixed number of queries, from the command line too."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from core.errors import DomainError
from core.reports import report_build, report_create
from tests.factories.organisations import StaffFactory, UserFactory
from yhteisokeskus.models import AnnualReport
from yhteisokeskus.reporting.annual import QUERIES, annual_figures
from yhteisokeskus.reporting.annual_report import annual_report_request

from .data import EXPECTED, YEAR, build_year

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"[ \xa0\u202f]+", " ", text)


def built(language="en") -> str:
    report = report_build(
        AnnualReport, report_create(AnnualReport, year=YEAR, language=language).pk
    )
    assert report.status == AnnualReport.Status.DONE, report.error
    return pdf_text(report.file.read())


def has(text: str, label: str, value) -> bool:
    return re.search(rf"{re.escape(label)}\s*{re.escape(str(value))}(?![\d.,])", text) is not None


def test_the_pdf_shows_the_figures_of_the_year():
    build_year()
    text = built()
    e = EXPECTED
    assert f"Annual report {YEAR}" in text
    assert has(text, "Members during the year", e["members_during"])
    assert has(text, "Members at the end of the year", e["members_at_end"])
    assert has(text, "New memberships", e["new"])
    assert has(text, "Ended memberships", e["ended"])
    for name, count in e["by_municipality"].items():
        assert has(text, name, count), name
    for name, count in e["fields"].items():
        assert has(text, name, count), name
    assert has(text, "Hall Karhu", e["booked_hours"])
    assert has(text, "Trainings held", e["trainings_held"])
    assert has(text, "Trainings cancelled", e["trainings_cancelled"])
    assert has(text, "Sessions", e["sessions"])
    assert has(text, "Participants (confirmed enrolments)", e["participants"])
    assert has(text, "Attendance rate", e["attendance"])
    assert has(text, "Mean feedback (1–5)", e["feedback"])
    assert has(text, "Events published", e["events"])
    assert has(text, "Event", e["events_general"])
    assert has(text, "Course", e["events_course"])
    assert "Of these, 1 was cancelled." in text
    # Pilots by status at the end of the year and theme: running (education), planning
    # (wellbeing), each with its totals; the work pilot of the year before is left out.
    assert re.search(r"Running\s*1\s*0\s*0\s*0\s*1", text)
    assert re.search(r"Planning\s*0\s*0\s*0\s*1\s*1", text)
    assert re.search(r"Total\s*1\s*0\s*0\s*1\s*2", text)
    # Indicators by the last measurement of the year: 30 of 0 → 40 is 75 %; 8 against a
    # target of at most 10 is reached; the third has no measurement yet.
    assert re.search(r"Osallistujat\s*0\s*40\s*30\s*75 %", text)
    assert re.search(r"Odotusaika \(target reached\)\s*20\s*10\s*8\s*100 %", text)
    assert re.search(r"Mukana olevat kunnat\s*0\s*5\s*–\s*–", text)
    assert "2 of 3 indicators were measured during the year; 1 reached their target." in text
    assert "Mean progress towards the targets: 87.5 %." in text


def test_the_pdf_is_in_the_language_asked_for():
    build_year()
    text = built("fi")
    assert f"Vuosiraportti {YEAR}" in text
    assert has(text, "Läsnäoloaste", "83,3 %")


def test_the_number_of_queries_does_not_grow_with_the_data():
    build_year(scale=1)
    with CaptureQueriesContext(connection) as small:
        annual_figures(YEAR)
    build_year(scale=3)
    with CaptureQueriesContext(connection) as large:
        figures = annual_figures(YEAR)
    assert len(small) == len(large) == QUERIES
    assert figures.trainings.participants == 4 * EXPECTED["participants"]


def test_an_empty_year_builds_too():
    text = built()
    assert has(text, "Members during the year", 0)
    assert "No pilots ran in the year." in text


def test_the_command_writes_the_pdf(tmp_path):
    build_year()
    target = tmp_path / "annual.pdf"
    call_command(
        "report", "annual", "--year", str(YEAR), "--language", "en", "--output", str(target)
    )
    assert has(pdf_text(target.read_bytes()), "Trainings held", EXPECTED["trainings_held"])


def test_the_command_refuses_a_future_year(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="2000"):
        call_command("report", "annual", "--year", "2999", "--output", str(tmp_path / "a.pdf"))


def test_only_staff_may_ask_for_it():
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        annual_report_request(actor=UserFactory(), year=YEAR, language="fi")
    with pytest.raises(DomainError):
        annual_report_request(actor=StaffFactory(), year=YEAR, language="xx")


def test_building_twice_keeps_the_first_file():
    report = report_build(AnnualReport, report_create(AnnualReport, year=YEAR, language="fi").pk)
    name = report.file.name
    again = report_build(AnnualReport, report.pk)
    assert again.file.name == name and again.status == AnnualReport.Status.DONE

"""PDF reports of room booking: the PDFs, building them, and who may ask for them (fixtures in conftest.py)."""

import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from pypdf import PdfReader

from core.reports import report_build, report_create
from facilities.models import Report
from facilities.report_services import report_request
from organisations.models import Representative
from tests.facilities.reports.helpers import (
    DECEMBER,
    d,
    pdf_text,
    pdf_text_of,
    statement_bookings,
)
from tests.factories.facilities import (
    BookingFactory,
    RoomFactory,
    at,
    representative_of,
)
from tests.factories.organisations import OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db


# --- The PDFs --------------------------------------------------------------------------


def test_a_statement_pdf_shows_the_organisation_bookings_and_total_in_finnish(choir):
    statement_bookings(choir)
    report = report_build(
        Report,
        report_create(
            Report, kind="statement", month=DECEMBER, organisation=choir, language="fi"
        ).pk,
    )
    assert report.status == Report.Status.DONE
    # The stored name has a random part, so that no one finds the file by its name.
    assert re.fullmatch(
        rf"reports/facilities/statement-{choir.pk}-2026-12-[0-9a-f]{{16}}\.pdf", report.file.name
    )
    with report.file.open("rb") as stored:
        text = pdf_text(stored.read())
    assert "Porin Kuoroyhdistys ry" in text
    assert "1234567-1" in text
    assert "1 234,50 €" in text
    assert "1 000,00 €" in text and "14,50 €" in text
    assert "Yhteisökeskus" in text  # the centre's name, in Finnish
    assert "joulukuu 2026" in text  # the month, in Finnish
    assert "1.12.2026" in text and "00.30–01.30" in text  # Helsinki time, Finnish style
    assert "Joulukonsertti" in text and "Juhlasali" in text
    assert "Remontti" not in text
    # Cancelled, requested, another organisation's and other months' bookings are out.
    for price in ("99,10", "55,20", "11,30", "13,40"):
        assert price not in text


def test_the_pdf_is_in_the_reports_language(choir):
    statement_bookings(choir)
    english = report_build(
        Report,
        report_create(
            Report, kind="statement", month=DECEMBER, organisation=choir, language="en"
        ).pk,
    )
    with english.file.open("rb") as stored:
        text = pdf_text(stored.read())
    assert "December 2026" in text
    assert "1,234.50 €" in text
    assert "Resource centre" in text


def test_a_utilisation_pdf_shows_rooms_hours_and_percentages(weekday_site):
    room = RoomFactory(site=weekday_site, name_fi="Kokoushuone Aalto")
    RoomFactory(site=weekday_site, name_fi="Kokoushuone Berg")
    BookingFactory(room=room, start=at(d(1), 8), end=at(d(1), 17))  # 9 of 252 h
    report = report_build(
        Report, report_create(Report, kind="utilisation", month=DECEMBER, language="fi").pk
    )
    assert report.status == Report.Status.DONE
    assert re.fullmatch(
        r"reports/facilities/utilisation-2026-12-[0-9a-f]{16}\.pdf", report.file.name
    )
    with report.file.open("rb") as stored:
        text = pdf_text(stored.read())
    assert "Järjestötalo Pori" in text
    assert "Kokoushuone Aalto" in text and "Kokoushuone Berg" in text
    assert "252,0" in text and "504,0" in text  # open hours of a room, of the site
    assert "3,6 %" in text and "1,8 %" in text  # the room, the site
    assert "joulukuu 2026" in text and "Yhteisökeskus" in text


def test_a_long_statement_runs_over_pages_with_page_numbers(choir):
    room = RoomFactory(name_fi="Kokoushuone Kuusi")
    for day in range(1, 32):
        for hour in (8, 10, 12, 14, 16):
            BookingFactory(
                organisation=choir,
                room=room,
                start=at(d(day), hour),
                end=at(d(day), hour + 2),
                price=Decimal("20.00"),
                purpose="Kuoroharjoitukset ja hallituksen kokous " * 2,
            )
    report = report_build(
        Report,
        report_create(
            Report, kind="statement", month=DECEMBER, organisation=choir, language="fi"
        ).pk,
    )
    with report.file.open("rb") as stored:
        data = stored.read()
    reader = PdfReader(io.BytesIO(data))
    pages = len(reader.pages)
    texts = [pdf_text_of(page) for page in reader.pages]
    # 155 rows of about eight lines each take far more than one page, yet not one a row.
    assert 3 <= pages <= 40
    assert f"1 / {pages}" in texts[0] and f"{pages} / {pages}" in texts[-1]
    assert "Kokoushuone Kuusi" in texts[1]  # the rows go on, under a repeated header row
    # The total, once, at the end: 155 × 20 €.
    assert "3 100,00 €" in texts[-1]
    assert not any("3 100,00 €" in text for text in texts[:-1])


# --- Building ----------------------------------------------------------------------------


def test_building_twice_leaves_a_finished_report_alone(choir, monkeypatch):
    report = report_create(
        Report, kind="statement", month=DECEMBER, organisation=choir, language="fi"
    )
    calls = []

    def fake_pdf(report):
        calls.append(report.pk)
        return b"%PDF-1.7 fake"

    monkeypatch.setattr("facilities.reports.render_report_pdf", fake_pdf)
    first = report_build(Report, report.pk)
    second = report_build(Report, report.pk)
    assert calls == [report.pk]
    assert first.status == second.status == Report.Status.DONE
    assert second.file.name == first.file.name
    assert first.finished_at is not None


def test_a_failing_build_is_marked_failed_with_the_error_and_can_be_retried(
    choir, monkeypatch, caplog
):
    report = report_create(
        Report, kind="statement", month=DECEMBER, organisation=choir, language="fi"
    )

    def broken(report):
        raise RuntimeError("fonts missing")

    monkeypatch.setattr("facilities.reports.render_report_pdf", broken)
    failed = report_build(Report, report.pk)
    assert failed.status == Report.Status.FAILED
    assert "fonts missing" in failed.error
    assert failed.finished_at is not None and not failed.file
    assert "could not be built" in caplog.text

    monkeypatch.undo()
    retried = report_build(Report, report.pk)
    assert retried.status == Report.Status.DONE and retried.error == ""


def test_building_a_deleted_report_does_nothing():
    assert report_build(Report, 987654) is None


# --- Who may ask ---------------------------------------------------------------------


def test_a_representative_may_ask_for_their_own_statement_only(choir):
    user, _ = representative_of(choir)
    other = OrganisationFactory()
    report = report_request(
        actor=user, kind="statement", month=DECEMBER, organisation=choir, language="sv"
    )
    assert (report.status, report.requested_by, report.language) == ("pending", user, "sv")
    with pytest.raises(PermissionDenied):
        report_request(
            actor=user, kind="statement", month=DECEMBER, organisation=other, language="fi"
        )
    with pytest.raises(PermissionDenied):
        report_request(actor=user, kind="utilisation", month=DECEMBER, language="fi")


def test_a_representative_not_yet_approved_may_not_ask(choir):
    user, _ = representative_of(choir, status=Representative.Status.REQUESTED)
    with pytest.raises(PermissionDenied):
        report_request(
            actor=user, kind="statement", month=DECEMBER, organisation=choir, language="fi"
        )


def test_staff_may_ask_for_any_report(choir):
    staff = StaffFactory()
    utilisation = report_request(
        actor=staff, kind="utilisation", month=d(15), organisation=choir, language="fi"
    )
    assert utilisation.month == DECEMBER and utilisation.organisation is None
    statement = report_request(
        actor=staff, kind="statement", month=DECEMBER, organisation=choir, language="en"
    )
    assert statement.organisation == choir


def test_asking_enqueues_the_build_after_commit(
    choir, eager_celery, django_capture_on_commit_callbacks
):
    staff = StaffFactory()
    statement_bookings(choir)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = report_request(
            actor=staff, kind="statement", month=DECEMBER, organisation=choir, language="fi"
        )
        report.refresh_from_db()
        assert report.status == Report.Status.PENDING  # nothing runs before the commit
    assert len(callbacks) == 1
    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert report.file.name.endswith(".pdf")

"""The fee statement and the volunteering certificate are core report jobs: built by the
pipeline (and `manage.py report`) into real PDFs, read back with pypdf; who may ask for
and download them; the payment list and the funder figures."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from pypdf import PdfReader

from core import clock
from core.reports import report_build
from tests.factories.organisations import (
    MunicipalityFactory,
    RepresentativeFactory,
    StaffFactory,
    UserFactory,
)
from tests.factories.volunteering import ProfileFactory, assign, fee_tiers, past_request
from volunteering import reports, services
from volunteering.models import HourEntry, Report, Request

pytestmark = pytest.mark.django_db


def _approved(person, request, hours="2"):
    entry = services.hours_report(
        actor=person.user,
        assignment=assign(request, person),
        date=request.dates.get().start.date(),
        hours=Decimal(hours),
    )
    return services.hours_decide(actor=StaffFactory(), entry=entry, approve=True)


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def month_of_work():
    fee_tiers()
    rep = RepresentativeFactory(organisation__name_fi="Porin Mielenterveysyhdistys ry")
    person = ProfileFactory(name="Kaija Kokemus")
    request = past_request(hours=3, organisation=rep.organisation, title="Vertaisryhmän ilta")
    entry = _approved(person, request, "2.5")
    return rep, person, entry


def test_the_fee_statement_pdf_lists_the_frozen_fees(month_of_work):
    rep, person, entry = month_of_work
    month = entry.date.replace(day=1)
    report = reports.report_request(
        actor=rep.user,
        kind=Report.Kind.STATEMENT,
        language="fi",
        month=month,
        organisation=rep.organisation,
    )
    report = report_build(Report, report.pk)
    assert report.status == Report.Status.DONE
    with report.file.open("rb") as stored:
        text = _text(stored.read())
    assert "Palkkioerittely" in text
    assert "Kaija Kokemus" in text and "Vertaisryhmän ilta" in text
    assert "Maksetaan yhteensä (€): 37,50" in text  # 2.5 h × 15 € (not trained)
    assert report.download_name() == f"palkkioerittely-{rep.organisation.pk}-{month:%Y-%m}.pdf"


def test_only_the_organisation_or_staff_ask_for_its_statement(month_of_work):
    rep, _person, entry = month_of_work
    with pytest.raises(PermissionDenied):
        reports.report_request(
            actor=RepresentativeFactory().user,
            kind=Report.Kind.STATEMENT,
            language="fi",
            month=entry.date,
            organisation=rep.organisation,
        )


def test_the_certificate_lists_hours_by_organisation_and_year_in_swedish(month_of_work, tmp_path):
    _rep, person, _entry = month_of_work
    target = tmp_path / "intyg.pdf"
    call_command(
        "report",
        "volunteer-certificate",
        "--person",
        str(person.pk),
        "--language",
        "sv",
        "--output",
        str(target),
    )
    text = _text(target.read_bytes())
    assert "Intyg över frivilligverksamhet" in text
    assert "Porin Mielenterveysyhdistys ry 1 2,50" in text
    with pytest.raises(PermissionDenied):
        reports.report_request(
            actor=UserFactory(), kind=Report.Kind.CERTIFICATE, language="fi", profile=person
        )


def test_the_payment_list_sums_a_person_per_organisation(month_of_work):
    rep, person, entry = month_of_work
    second = past_request(days_ago=1, hours=2, organisation=rep.organisation)
    if second.dates.get().start.date().month == entry.date.month:
        _approved(person, second, "1")
    csv = reports.payment_list_csv(entry.date.replace(day=1))
    lines = csv.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Nimi;") or lines[0].startswith("Name;")
    assert len([line for line in lines if "Kaija Kokemus" in line]) == 1


def test_funder_figures(month_of_work, django_assert_max_num_queries):
    rep, person, entry = month_of_work
    Request.objects.create(
        organisation=rep.organisation,
        title="Suljettu",
        description="x",
        place=Request.Place.ADDRESS,
        address="Katu 1",
        municipality=MunicipalityFactory(),
        people_needed=1,
        roles=["volunteer"],
        answer_by=clock.today(),
        status=Request.Status.CLOSED,
        created_at=clock.now(),
    )
    year = entry.date.year
    with django_assert_max_num_queries(reports.QUERIES):
        figures = reports.figures(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    assert figures.active_volunteers == 1 and figures.active_experts == 1
    assert figures.hours_total == Decimal("2.50")
    assert figures.requests_unfilled >= 1
    assert [row.label for row in figures.hours_by_organisation] == [
        "Porin Mielenterveysyhdistys ry"
    ]
    assert HourEntry.objects.filter(status="approved").count() == 1

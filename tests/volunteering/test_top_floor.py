"""Volunteering on the top floor: its section in the annual report (PDF, read back with
pypdf) and in the network view of an organisation."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from core.reports import report_build, report_create
from tests.factories.organisations import RepresentativeFactory, StaffFactory
from tests.factories.volunteering import ProfileFactory, assign, fee_tiers, past_request
from volunteering import services
from yhteisokeskus.models import AnnualReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_work():
    fee_tiers()
    rep = RepresentativeFactory(organisation__name_fi="Kokemäen Omaishoitajat ry")
    person = ProfileFactory()
    request = past_request(hours=3, organisation=rep.organisation, title="Omaisten ilta")
    entry = services.hours_report(
        actor=person.user,
        assignment=assign(request, person),
        date=request.dates.get().start.date(),
        hours=Decimal("3"),
    )
    return services.hours_decide(actor=StaffFactory(), entry=entry, approve=True)


def test_the_annual_report_has_a_volunteering_section(approved_work):
    report = report_create(AnnualReport, year=approved_work.date.year, language="fi")
    report = report_build(AnnualReport, report.pk)
    with report.file.open("rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Vapaaehtoistoiminta" in text
    assert "Hyväksytyt tunnit 3" in text
    assert "Kokemäen Omaishoitajat ry 3" in text


def test_the_network_view_shows_the_organisations_requests_and_hours(client, approved_work):
    organisation = approved_work.assignment.request.organisation
    client.force_login(StaffFactory())
    page = client.get(reverse("network_view", args=[organisation.pk])).content.decode()
    assert 'id="volunteering"' in page
    assert "Omaisten ilta" in page
    assert "3 h hyväksytty" in page

"""The pilot report PDF: its text against figures computed here, the staff page that asks
for it and follows it, and the `report` command that serves every PDF report."""

import datetime
import io
import re
from decimal import Decimal

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from core.reports import report_build, report_create
from pilots.models import Evaluation, PilotReport
from pilots.reports import render_report_html
from tests.factories.organisations import OrganisationFactory, StaffFactory, UserFactory
from tests.factories.pilots import (
    GoalFactory,
    IndicatorFactory,
    MeasurementFactory,
    PartnerFactory,
    PilotFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 9, tzinfo=datetime.UTC), tick=False):
        yield


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    # Thousands are grouped with a no-break space; compare with plain spaces.
    return re.sub(r"[ \xa0\u202f]+", " ", "\n".join(p.extract_text() for p in reader.pages))


def fi(value: Decimal) -> str:
    """A number the way the Finnish report writes it, computed here without the app."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


@pytest.fixture
def pilot():
    pilot = PilotFactory(
        name_fi="Liikuntalähettiläät",
        description_fi="Vapaaehtoiset houkuttelevat ikäihmisiä liikkumaan.",
        lead_organisation=OrganisationFactory(name_fi="Rauman Eläkkeensaajat ry"),
        budget=Decimal("24000.00"),
        status="evaluating",
    )
    PartnerFactory(pilot=pilot, organisation=OrganisationFactory(name_fi="Porin Latu ry"))
    GoalFactory(pilot=pilot, order=1, text_fi="Sata uutta liikkujaa")
    GoalFactory(pilot=pilot, order=2, text_fi="Kaksikymmentä lähettilästä")
    up = IndicatorFactory(
        pilot=pilot, name_fi="Uudet liikkujat", unit="hlöä", baseline=0, target=80
    )
    down = IndicatorFactory(
        pilot=pilot,
        name_fi="Keskeyttäneet",
        unit="%",
        baseline=40,
        target=10,
        direction="decrease",
    )
    for month, value in ((2, "12"), (3, "30"), (4, "47")):
        MeasurementFactory(indicator=up, measured_on=datetime.date(2026, month, 1), value=value)
    MeasurementFactory(indicator=down, measured_on=datetime.date(2026, 3, 1), value="31")
    MeasurementFactory(indicator=down, measured_on=datetime.date(2026, 5, 1), value="22")
    Evaluation.objects.create(
        pilot=pilot,
        results="Liikkujia tuli 47 uutta.",
        impact="Yksinäisyys väheni.",
        lessons="Henkilökohtainen kutsu toimii.",
        recommendation="scale_up",
        evaluator="SAMK",
        evaluated_on=datetime.date(2026, 6, 1),
    )
    return pilot


def test_the_pdf_shows_the_pilot_its_indicators_and_evaluation(pilot):
    report = report_build(PilotReport, report_create(PilotReport, pilot=pilot, language="fi").pk)
    assert report.status == PilotReport.Status.DONE
    text = pdf_text(report.file.read())

    # Progress computed here from the raw numbers: (latest - baseline) / (target - baseline).
    up_progress = (Decimal(47) - 0) / (80 - 0) * 100  # 58.75 → 58,8
    down_progress = (Decimal(22) - 40) / (10 - 40) * 100  # 60
    assert f"{fi(up_progress)} %" == "58,8 %"
    for expected in [
        "Liikuntalähettiläät",
        "Vapaaehtoiset houkuttelevat ikäihmisiä liikkumaan.",
        "Rauman Eläkkeensaajat ry",
        "Porin Latu ry",
        "24 000,00 €",
        "Sata uutta liikkujaa",
        "Kaksikymmentä lähettilästä",
        "Uudet liikkujat",
        "47 hlöä (1.4.2026)",
        f"{fi(up_progress)} %",
        "Keskeyttäneet",
        f"{fi(down_progress)} %",
        "Liikkujia tuli 47 uutta.",
        "SAMK",
    ]:
        assert expected in text, expected
    assert text.index("Sata uutta liikkujaa") < text.index("Kaksikymmentä lähettilästä")
    # The table row of each measurement: the date, the value and its progress.
    for day, value in (("1.2.2026", 12), ("1.3.2026", 30), ("1.4.2026", 47)):
        assert f"{day} {value} {fi(Decimal(value) / 80 * 100)} %" in text
    assert "Laajennetaan" in text  # the recommendation, in Finnish


def test_the_pdf_has_the_same_accessible_chart_as_the_page(pilot):
    report = report_create(PilotReport, pilot=pilot, language="fi")
    html = render_report_html(report)
    assert html.count('class="indicator-chart"') == 2
    assert html.count('role="img"') == 2
    assert html.count("<polyline") == 2


def test_the_pdf_is_in_the_language_asked_for(pilot):
    pilot.name_sv = "Motionsambassadörer"
    pilot.save()
    report = report_build(PilotReport, report_create(PilotReport, pilot=pilot, language="sv").pk)
    text = pdf_text(report.file.read())
    assert "Motionsambassadörer" in text
    assert "58,8 %" in text


def test_building_twice_keeps_the_first_file(pilot):
    report = report_build(PilotReport, report_create(PilotReport, pilot=pilot, language="fi").pk)
    name = report.file.name
    assert report_build(PilotReport, report.pk).file.name == name


def test_a_failed_build_is_recorded(pilot, monkeypatch):
    def broken(html):
        raise RuntimeError("no fonts")

    monkeypatch.setattr("pilots.reports.html_to_pdf", broken)
    report = report_build(PilotReport, report_create(PilotReport, pilot=pilot, language="fi").pk)
    assert report.status == PilotReport.Status.FAILED and "no fonts" in report.error


def test_staff_ask_for_the_report_follow_it_and_download_it(client, pilot, eager_celery):
    client.force_login(StaffFactory())
    response = client.post(reverse("pilots:report_request", args=[pilot.pk]))
    report = PilotReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("pilots:report_detail", args=[report.pk])
    # Eager Celery in a test transaction: on_commit does not fire, so the page shows a
    # waiting report that refreshes itself.
    page = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' in page
    assert reverse("pilots:report_download", args=[report.pk]) not in page
    assert client.get(reverse("pilots:report_download", args=[report.pk])).status_code == 404

    report_build(PilotReport, report.pk)
    page = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in page
    download = client.get(reverse("pilots:report_download", args=[report.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    # The part a dashboard can refresh on its own.
    fragment = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and "report-status" in fragment


def test_others_cannot_ask_for_or_see_pilot_reports(client, pilot):
    report = report_build(PilotReport, report_create(PilotReport, pilot=pilot, language="fi").pk)
    client.force_login(UserFactory())
    assert client.post(reverse("pilots:report_request", args=[pilot.pk])).status_code == 404
    assert client.get(reverse("pilots:report_detail", args=[report.pk])).status_code == 404
    assert client.get(reverse("pilots:report_download", args=[report.pk])).status_code == 404
    assert PilotReport.objects.count() == 1


def test_the_report_command_writes_the_pilot_pdf(pilot, tmp_path):
    output = tmp_path / "pilot.pdf"
    call_command("report", "pilot", "--pilot", str(pilot.pk), "--output", str(output))
    text = pdf_text(output.read_bytes())
    assert "Liikuntalähettiläät" in text and "58,8 %" in text


def test_the_report_command_refuses_a_missing_pilot_or_folder(tmp_path):
    with pytest.raises(CommandError, match="No pilot"):
        call_command("report", "pilot", "--pilot", "999", "--output", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="does not exist"):
        call_command("report", "pilot", "--pilot", "1", "--output", str(tmp_path / "no" / "x.pdf"))


def test_the_report_command_also_builds_the_room_booking_reports(tmp_path):
    organisation = OrganisationFactory(name_fi="Porin Kuoroyhdistys ry")
    utilisation = tmp_path / "utilisation.pdf"
    call_command("report", "utilisation", "--month", "2026-05", "--output", str(utilisation))
    assert utilisation.read_bytes().startswith(b"%PDF")
    statement = tmp_path / "statement.pdf"
    call_command(
        "report",
        "statement",
        "--organisation",
        organisation.business_id,
        "--month",
        "2026-05",
        "--output",
        str(statement),
    )
    assert "Porin Kuoroyhdistys ry" in pdf_text(statement.read_bytes())
    with pytest.raises(CommandError):
        call_command("report", "utilisation", "--month", "toukokuu", "--output", str(utilisation))

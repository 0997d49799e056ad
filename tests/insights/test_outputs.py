"""What insights gives out: the knowledge summary PDF, the read-only API, and the
staff upload of own values with its dry run."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from core.clock import now
from insights.models import (
    AreaObservation,
    Indicator,
    Interpretation,
    KnowledgeSummary,
    Observation,
    Source,
)
from organisations.models import Municipality
from tests.factories.organisations import MembershipFactory, StaffFactory

from .test_views import followed, observe

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def pori():
    return Municipality.objects.select_related("wellbeing_county").get(code="609")


def test_knowledge_summary_pdf(client, tmp_path):
    municipality = pori()
    indicator = followed(1)
    for year, value in ((2022, "12.5"), (2023, "13.0"), (2024, "14.5")):
        observe(indicator, municipality, year, Decimal(value))
    for county, value in ((municipality.wellbeing_county, "11.0"), (None, "9.5")):
        AreaObservation.objects.create(
            indicator=indicator,
            county=county,
            year=2024,
            value=Decimal(value),
            source_region="x",
            read_at=now(),
        )
    Interpretation.objects.create(
        municipality=municipality,
        indicator=indicator,
        text_fi="Nuorten tilanne on parantunut.",
        written_on=now().date(),
        published=True,
    )
    Interpretation.objects.create(
        municipality=municipality,
        theme="families",
        text_fi="Luonnos, ei julkaistu.",
        written_on=now().date(),
    )
    MembershipFactory(organisation__municipality=municipality)

    client.force_login(StaffFactory())
    response = client.post(reverse("insights:summary_request", args=["609"]))
    summary = KnowledgeSummary.objects.get()
    assert response.url == reverse("insights:summary_detail", args=[summary.pk])
    assert (summary.municipality, summary.language) == (municipality, "en")

    # Built as `manage.py report` does, through the same pipeline as the workers.
    output = tmp_path / "pori.pdf"
    call_command("report", "knowledge-summary", "--municipality", "609", "--output", str(output))
    report = KnowledgeSummary.objects.get(status="done")
    assert report.language == "fi"
    data = output.read_bytes()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    text = " ".join(text.split())
    assert "Tietokooste: Pori" in text
    assert "Indikaattori 1" in text and "14,5" in text and "11,0" in text and "9,5" in text
    assert "Nuorten tilanne on parantunut." in text and "Luonnos" not in text
    assert "Keskuksen jäsenyhdistykset 1" in text
    assert "Lähde: THL, Sotkanet.fi" in text and "CC BY 4.0" in text
    assert report.download_name().startswith("tietokooste-609-")
    download = client.get(reverse("insights:summary_download", args=[report.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"


def test_api_indicators_and_observations(client, django_assert_max_num_queries):
    municipality, helsinki = pori(), Municipality.objects.get(code="091")
    indicator = followed(1)
    indicator.title_sv = "Indikator 1"
    indicator.save()
    Indicator.objects.create(source=Source.SOTKANET, source_id="77", title_fi="Ei seurattu")
    observe(indicator, municipality, 2023, Decimal("1.5"))
    observe(indicator, municipality, 2024, None, withheld=True)
    observe(indicator, helsinki, 2024, Decimal("2.5"))

    listing = client.get("/api/v1/insights/indicators/").json()
    assert listing["meta"]["count"] == 1
    item = listing["data"][0]
    assert item["title"] == {"fi": "Indikaattori 1", "sv": "Indikator 1", "en": "Indicator 1"}
    assert item["source"] == "sotkanet" and item["attribution"] == "Lähde: THL, Sotkanet.fi"

    url = "/api/v1/insights/observations/"
    rows = client.get(url, {"municipality": "609"}).json()
    assert rows["meta"]["count"] == 2
    assert [(r["year"], r["value"], r["withheld"]) for r in rows["data"]] == [
        (2023, 1.5, False),
        (2024, None, True),
    ]
    assert rows["data"][0]["municipality"] == "609" and rows["data"][0]["source_region"] == "x"
    assert client.get(url, {"year": "2024"}).json()["meta"]["count"] == 2
    assert (
        client.get(url, {"indicator": indicator.pk, "year_from": 2024}).json()["meta"]["count"] == 2
    )
    with django_assert_max_num_queries(2):
        client.get(url)
    for year in range(2010, 2020):
        observe(indicator, helsinki, year, Decimal(year))
    with django_assert_max_num_queries(2):
        client.get(url)
    schema = client.get("/api/schema/", {"format": "json"}).json()
    assert "/api/v1/insights/observations/" in schema["paths"]


def csv_file(text, name="arvot.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_upload_dry_run_names_every_bad_row_and_saves_nothing(client):
    own = Indicator.objects.create(
        source=Source.OWN,
        source_id="harrastus",
        title_fi="Harrastaa",
        followed=True,
        theme="children_youth",
    )
    client.force_login(StaffFactory())
    url = reverse("insights:upload")
    bad = (
        "indikaattori;kunta;vuosi;arvo\n"
        "harrastus;Pori;2024;61,5\n"
        "harrastus;Atlantis;2024;10\n"
        "tuntematon;609;2024;10\n"
        "harrastus;609;20x4;10\n"
        "harrastus;Rauma;2024;paljon\n"
        "harrastus;609;2024;62\n"
    )
    response = client.post(url, {"file": csv_file(bad), "dry_run": "on"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Unknown municipality “Atlantis”" in page
    assert "Unknown indicator “tuntematon”" in page
    assert "The year must be a year between 1900" in page
    assert "The value must be a number, not “paljon”" in page
    assert "The same indicator, municipality and year as row 2" in page
    assert "5 rows have problems" in page
    refused = client.post(url, {"file": csv_file(bad)})
    assert refused.status_code == 400 and "nothing was saved" in refused.content.decode()
    assert not Observation.objects.exists()

    good = 'municipality,year,value,indicator\n609,2024,"61,5",harrastus\nRauma,2023,58,Harrastaa\n'
    checked = client.post(url, {"file": csv_file(good), "dry_run": "on"})
    assert checked.status_code == 200 and "All 2 values are ready" in checked.content.decode()
    assert not Observation.objects.exists()
    assert client.post(url, {"file": csv_file(good)}).status_code == 302
    stored = Observation.objects.get(municipality__code="609")
    assert (stored.indicator, stored.year, stored.value, stored.source) == (
        own,
        2024,
        Decimal("61.5"),
        "own",
    )

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["indikator", "kommun", "år", "värde"])
    book.active.append(["harrastus", "Björneborg", 2024, 63])
    data = io.BytesIO()
    book.save(data)
    upload = SimpleUploadedFile("arvot.xlsx", data.getvalue())
    assert client.post(url, {"file": upload}).status_code == 302
    stored.refresh_from_db()
    assert stored.value == 63 and Observation.objects.count() == 2

    not_a_table = SimpleUploadedFile("x.csv", b"%PDF-1.4 binary")
    response = client.post(url, {"file": not_a_table, "dry_run": "on"})
    assert response.status_code == 400 and "Save the file as CSV" in response.content.decode()
    assert Observation.objects.count() == 2

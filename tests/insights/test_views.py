"""The municipality page and the staff catalogue: what they show, their query counts,
following an indicator, and the demo and import commands."""

import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.clock import now
from insights.importers import pxweb_query
from insights.models import (
    AreaObservation,
    Indicator,
    Interpretation,
    Observation,
    ObservationChange,
    Source,
)
from organisations.models import Municipality
from tests.factories.organisations import StaffFactory

from .sources import sample

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def followed(n, **kwargs):
    return Indicator.objects.create(
        source=Source.SOTKANET,
        source_id=str(1000 + n),
        title_fi=f"Indikaattori {n}",
        title_en=f"Indicator {n}",
        theme="wellbeing",
        followed=True,
        decimals=1,
        **kwargs,
    )


def observe(indicator, municipality, year, value, withheld=False):
    return Observation.objects.create(
        indicator=indicator,
        municipality=municipality,
        year=year,
        value=value,
        withheld=withheld,
        source=indicator.source,
        source_id=indicator.source_id,
        source_region="x",
        read_at=now(),
    )


def test_municipality_page_latest_values_trend_and_attribution(client):
    pori = Municipality.objects.get(code="609")
    rauma = Municipality.objects.get(code="684")
    first, second = followed(1), followed(2)
    Indicator.objects.create(
        source=Source.SOTKANET, source_id="5", title_fi="Ei seurattu", title_en="Not followed"
    )
    for year, value in ((2021, "10.0"), (2022, "12.5"), (2023, "11.25")):
        observe(first, pori, year, Decimal(value))
    observe(first, rauma, 2023, Decimal("99"))
    observe(second, pori, 2023, None, withheld=True)
    response = client.get(
        reverse("insights:municipality_detail", args=["609"]), HTTP_ACCEPT_LANGUAGE="en"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Indicator 1" in page and "Not followed" not in page
    assert "11.3" in page or "11,3" in page  # the latest, with the indicator's one decimal
    assert "99" not in page  # Rauma's value is not Pori's
    assert "<polyline" in page and "2021" in page and "2022" in page
    assert "withheld" in page or "salattu" in page
    assert "Sotkanet" in page


def test_municipality_page_query_count_is_constant(client):
    pori = Municipality.objects.get(code="609")
    url = reverse("insights:municipality_detail", args=["609"])
    indicator = followed(1)
    observe(indicator, pori, 2020, Decimal(1))
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(2, 12):
        more = followed(n)
        for year in range(2010, 2024):
            observe(more, pori, year, Decimal(year))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert "Indicator 11" in response.content.decode()
    assert len(many) == len(few)


def test_unknown_municipality_is_404(client):
    assert client.get(reverse("insights:municipality_detail", args=["999"])).status_code == 404


def test_catalogue_follow_and_query_count(client):
    client.force_login(StaffFactory())
    indicator = Indicator.objects.create(
        source=Source.SOTKANET, source_id="127", title_fi="Väestö 31.12."
    )
    url = reverse("insights:catalogue")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(30):
        Indicator.objects.create(source=Source.SOTKANET, source_id=str(n), title_fi=f"T {n}")
    # Values changed by imports (a municipality's and the country's) and drafts to publish.
    pori = Municipality.objects.get(code="609")
    watched = Indicator.objects.create(
        source=Source.SOTKANET,
        source_id="128",
        title_fi="Seurattu",
        followed=True,
        theme="wellbeing",
    )
    for year in (2020, 2021, 2022):
        observation = Observation.objects.create(
            indicator=watched,
            municipality=pori,
            year=year,
            value=1,
            source_region="x",
            source="sotkanet",
            source_id="127",
            read_at=now(),
        )
        area = AreaObservation.objects.create(
            indicator=watched, year=year, value=1, source_region="y", read_at=now()
        )
        for changed in ({"observation": observation}, {"area_observation": area}):
            ObservationChange.objects.create(
                old_value=1, new_value=2, changed_at=now(), run=None, **changed
            )
        Interpretation.objects.create(
            municipality=pori,
            indicator=watched,
            text_fi="Luonnos",
            written_on="2026-11-20",
            author=StaffFactory(),
        )
    with CaptureQueriesContext(connection) as many:
        page = client.get(url, {"q": "väestö"}).content.decode()
    assert len(many) == len(few)
    assert "Väestö 31.12." in page and "T 5" not in page

    follow = reverse("insights:follow", args=[indicator.pk])
    refused = client.post(follow, {"followed": "on"})
    assert refused.status_code == 400
    indicator.refresh_from_db()
    assert not indicator.followed
    assert client.post(follow, {"followed": "on", "theme": "population"}).status_code == 302
    indicator.refresh_from_db()
    assert indicator.followed and indicator.theme == "population"
    client.post(follow, {"theme": "population"})
    indicator.refresh_from_db()
    assert not indicator.followed


def test_pxweb_query_from_real_metadata():
    metadata = json.loads(sample("pxweb_v1_kuntien_avainluvut_2017_aikasarja_meta.json"))
    content = next(v for v in metadata["variables"] if v["code"] == "Tiedot")["values"][0]
    query = pxweb_query(metadata, content, range(2014, 2017))
    selections = {q["code"]: q["selection"]["values"] for q in query["query"]}
    assert selections["Tiedot"] == [content]
    assert selections["Vuosi"] == ["2014", "2015", "2016"]
    assert len(selections["Alue 2017"]) == 401
    from insights.importers import InsightsError

    with pytest.raises(InsightsError, match="no longer has the content code"):
        pxweb_query(metadata, "M999", range(2014, 2017))


def test_import_command_reports_failure_and_keeps_going(source):
    source.add("/indicators/127", b'{"id": 127, "title": {"fi": "V\\u00e4est\\u00f6 31.12."}}')
    source.add("/regions", sample("sotkanet_regions_2015.json"))
    source.add("/data/csv", sample("sotkanet_data_csv_127_2009_total.csv"), kind="text/csv")
    Indicator.objects.create(source=Source.SOTKANET, source_id="127", title_fi="x", followed=True)
    Indicator.objects.create(source=Source.SOTKANET, source_id="4", title_fi="y", followed=True)
    with pytest.raises(CommandError, match="1 indicator"):
        call_command("import_indicators", "--years", "2009", "--sotkanet-url", source.url)
    assert Observation.objects.filter(indicator__source_id="127").count() > 290
    assert not Observation.objects.filter(indicator__source_id="4").exists()
    with pytest.raises(CommandError, match="backwards"):
        call_command("import_indicators", "--years", "2024-2020")


def test_demo_from_samples():
    sample("sotkanet_indicators_2015.json")  # skips without the shared data
    call_command("load_insights_demo")
    call_command("load_insights_demo")
    assert Indicator.objects.filter(followed=True).count() == 3  # with the made-up survey
    assert (
        Observation.objects.get(indicator__source_id="127", municipality__code="091").value
        == 583350
    )
    assert Observation.objects.filter(indicator__source=Source.PXWEB).count() == 308


def test_demo_without_samples(monkeypatch, tmp_path):
    monkeypatch.setenv("SHARED_DATA_DIR", str(tmp_path))
    call_command("load_insights_demo")
    indicator = Indicator.objects.get(demo=True, source=Source.SOTKANET)
    satakunta = Municipality.objects.filter(region__code="04").count()
    assert satakunta > 10
    assert indicator.observations.count() == satakunta * 6


def test_weekly_task_imports_followed_and_logs_changes(source, settings, caplog):
    from insights.tasks import import_followed_indicators
    from yhteisokeskus.celery import app

    assert "insights.tasks.import_followed_indicators" in {
        entry["task"] for entry in app.conf.beat_schedule.values()
    }
    settings.INSIGHTS_SOTKANET_URL = source.url
    source.add("/indicators/127", b'{"id": 127, "title": {"fi": "V\\u00e4est\\u00f6 31.12."}}')
    source.add("/regions", sample("sotkanet_regions_2015.json"))
    source.add("/data/csv", sample("sotkanet_data_csv_127_2009_total.csv"), kind="text/csv")
    Indicator.objects.create(source=Source.SOTKANET, source_id="127", title_fi="x", followed=True)
    result = import_followed_indicators()
    assert list(result) == ["sotkanet 127"]
    assert Observation.objects.filter(municipality__code="091").get().value == 583350
    source.add(
        "/data/csv",
        sample("sotkanet_data_csv_127_2009_total.csv").replace(
            b";46;2009;total;583350;", b";46;2009;total;583000;"
        ),
        kind="text/csv",
    )
    with caplog.at_level("INFO", logger="insights.importers"):
        import_followed_indicators()
    assert "municipality 091, 2009, total changed from 583350" in caplog.text
    assert Observation.objects.filter(municipality__code="091").get().value == 583000

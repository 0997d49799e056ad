"""The importers against the real sample answers of Sotkanet and PxWeb served from
loopback: metadata, values, a second import, changed values, withheld values and the
source's bad or partial answers (which keep what was stored)."""

import json
from decimal import Decimal

import pytest

from insights.importers import (
    InsightsError,
    pxweb_data_import,
    pxweb_indicator_import,
    sotkanet_catalogue_import,
    sotkanet_data_import,
    sotkanet_indicator_import,
)
from insights.models import AreaObservation, Indicator, Observation, Source
from organisations.models import Municipality

from .sources import sample

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TABLE = "StatFin/vaerak/statfin_vaerak_pxt_11s5.px"


def serve_sotkanet(source):
    source.add("/indicators", sample("sotkanet_indicators_2015.json"))
    source.add("/indicators/4", sample("sotkanet_indicator_4_2016.json"))
    source.add("/regions", sample("sotkanet_regions_2015.json"))
    source.add("/data/csv", sample("sotkanet_data_csv_127_2009_total.csv"), kind="text/csv")


def population_indicator(source):
    serve_sotkanet(source)
    return Indicator.objects.create(
        source=Source.SOTKANET, source_id="127", title_fi="Väestö 31.12."
    )


def test_sotkanet_indicator_metadata(source):
    serve_sotkanet(source)
    indicator = sotkanet_indicator_import(4, base_url=source.url)
    assert indicator.title_fi.startswith("Mielenterveyden häiriöihin sairaalahoitoa saaneet 0 - 17")
    assert indicator.title_sv and indicator.title_en
    assert indicator.decimals == 1
    assert indicator.unit  # primaryValueType PER1000's Finnish title
    assert indicator.source_updated.date().isoformat() == "2016-11-02"
    assert "THL" in indicator.organisation
    assert indicator.description_fi
    # Read again: the same row, not a second one.
    sotkanet_indicator_import(4, base_url=source.url)
    assert Indicator.objects.filter(source=Source.SOTKANET, source_id="4").count() == 1


def test_sotkanet_catalogue_twice_keeps_choices(source):
    serve_sotkanet(source)
    report = sotkanet_catalogue_import(base_url=source.url)
    assert report.created == 2434
    Indicator.objects.filter(source_id="127").update(followed=True, theme="population")
    again = sotkanet_catalogue_import(base_url=source.url)
    assert again.created == 0 and again.updated == 2434
    assert Indicator.objects.count() == 2434
    followed = Indicator.objects.get(source_id="127")
    assert followed.followed and followed.theme == "population"
    # HTML character references are decoded, trailing spaces trimmed
    assert not Indicator.objects.filter(title_fi__contains="&#").exists()
    assert not Indicator.objects.filter(title_fi__endswith=" ").exists()


def test_sotkanet_values_twice_and_changed(source):
    indicator = population_indicator(source)
    report = sotkanet_data_import(indicator, [2009], base_url=source.url)
    helsinki = Observation.objects.get(indicator=indicator, municipality__code="091")
    assert helsinki.value == Decimal("583350") and helsinki.year == 2009
    assert helsinki.source == "sotkanet" and helsinki.source_id == "127"
    assert helsinki.source_region == "46" and helsinki.absolute_value is None
    stored = Observation.objects.filter(indicator=indicator).count()
    # Every stored municipality is in today's register; the whole country (MAA, id
    # 658) is kept for comparison; other regions that are not municipalities, merged
    # municipalities and the three unknown ids are skipped.
    assert stored == report.created
    assert report.areas == 1
    country = AreaObservation.objects.get(indicator=indicator, county=None)
    assert (country.year, country.value, country.source_region) == (2009, Decimal("5351427"), "658")
    assert stored + len(report.skipped) + report.areas == 466
    assert 290 < stored <= 317
    method, path, _body = source.requests[-1]
    assert path.startswith("/data/csv?") and "indicator=127" in path and "years=2009" in path

    again = sotkanet_data_import(indicator, [2009], base_url=source.url)
    assert (again.created, again.updated, again.unchanged) == (0, 0, stored)
    assert Observation.objects.filter(indicator=indicator).count() == stored

    changed = sample("sotkanet_data_csv_127_2009_total.csv").replace(
        b"127;46;2009;total;583350;", b"127;46;2009;total;583351;"
    )
    source.add("/data/csv", changed, kind="text/csv")
    third = sotkanet_data_import(indicator, [2009], base_url=source.url)
    assert (third.created, third.updated) == (0, 1)
    helsinki.refresh_from_db()
    assert helsinki.value == Decimal("583351")


def test_sotkanet_withheld_value(source):
    # Sotkanet leaves the value empty where it is withheld for privacy; this row is
    # written for the test from the sample's format.
    indicator = population_indicator(source)
    source.add(
        "/data/csv",
        b"indicator;region;year;gender;primary value;absolute value\r\n127;46;2009;total;;\r\n",
        kind="text/csv",
    )
    sotkanet_data_import(indicator, [2009], base_url=source.url)
    helsinki = Observation.objects.get(indicator=indicator)
    assert helsinki.withheld and helsinki.value is None


@pytest.mark.parametrize(
    "answer, status, message",
    [
        (b"not;a;sotkanet;csv\r\n1;2;3;4\r\n", 200, "header"),
        (
            b"indicator;region;year;gender;primary value;absolute value\r\n127;46;2009;total;12x;\r\n",
            200,
            "not a number",
        ),
        (
            b"indicator;region;year;gender;primary value;absolute value\r\n127;46;2009\r\n",
            200,
            "fields",
        ),
        (b"Internal error", 500, "error 500"),
    ],
)
def test_sotkanet_bad_answers_keep_what_was_stored(source, answer, status, message):
    indicator = population_indicator(source)
    sotkanet_data_import(indicator, [2009], base_url=source.url)
    before = list(Observation.objects.order_by("pk").values_list("pk", "value", "read_at"))
    # A good first row then the bad part: nothing of it is written.
    source.add("/data/csv", answer, status=status, kind="text/csv")
    with pytest.raises(InsightsError, match=message):
        sotkanet_data_import(indicator, [2009], base_url=source.url)
    assert list(Observation.objects.order_by("pk").values_list("pk", "value", "read_at")) == before


def test_sotkanet_unknown_indicator_and_malformed_json(source):
    serve_sotkanet(source)
    with pytest.raises(InsightsError, match="404"):
        sotkanet_indicator_import(99999, base_url=source.url)
    source.add("/indicators/4", sample("sotkanet_indicator_4_2016.json")[:500])
    with pytest.raises(InsightsError, match="not valid JSON"):
        sotkanet_indicator_import(4, base_url=source.url)
    assert not Indicator.objects.exists()


def serve_pxweb(source):
    source.add(f"/{TABLE}", sample("jsonstat2_11s5_kunnat_2024M12_en.json"))


def test_pxweb_json_stat2_values(source):
    serve_pxweb(source)
    indicator = Indicator.objects.create(
        source=Source.PXWEB, source_id=TABLE, content_code="vaesto_kuukausi", title_fi="Väkiluku"
    )
    query = {"query": [{"code": "Alue", "selection": {"filter": "all", "values": ["*"]}}]}
    report = pxweb_data_import(indicator, query, base_url=source.url)
    assert report.created == 308 and report.skipped == []
    method, _path, body = source.requests[-1]
    assert method == "POST" and json.loads(body)["response"] == {"format": "json-stat2"}
    helsinki = Observation.objects.get(indicator=indicator, municipality__code="091")
    assert (helsinki.value, helsinki.year, helsinki.source_region) == (
        Decimal(684018),
        2024,
        "KU091",
    )
    total = sum(o.value for o in Observation.objects.filter(indicator=indicator))
    assert total == 5635971
    indicator.refresh_from_db()
    assert indicator.unit == "Number" and indicator.source_updated.year == 2025
    assert pxweb_data_import(indicator, query, base_url=source.url).unchanged == 308
    assert Observation.objects.count() == 308


def test_pxweb_withheld_and_renamed_content(source):
    data = json.loads(sample("jsonstat2_11s5_kunnat_2024M12_en.json"))
    position = data["dimension"]["alue"]["category"]["index"].index("KU091")
    data["value"][position] = None  # written for the test: json-stat2's missing value
    source.add(f"/{TABLE}", json.dumps(data).encode())
    indicator = Indicator.objects.create(
        source=Source.PXWEB, source_id=TABLE, content_code="vaesto_kuukausi", title_fi="Väkiluku"
    )
    pxweb_data_import(indicator, {"query": []}, base_url=source.url)
    assert Observation.objects.get(municipality__code="091").withheld

    renamed = Indicator.objects.create(
        source=Source.PXWEB, source_id=TABLE, content_code="vaesto", title_fi="Väkiluku (old code)"
    )
    with pytest.raises(InsightsError, match="no longer has the content code vaesto"):
        pxweb_data_import(renamed, {"query": []}, base_url=source.url)
    assert not renamed.observations.exists()

    gone = Indicator.objects.create(
        source=Source.PXWEB,
        source_id="StatFin/vaerak/old_table.px",
        content_code="vaesto_kuukausi",
        title_fi="x",
    )
    with pytest.raises(InsightsError, match="renamed"):
        pxweb_data_import(gone, {"query": []}, base_url=source.url)


def test_pxweb_table_metadata(source):
    path = "StatFin/velk/statfin_velk_pxt_13kt.px"
    source.add(f"/{path}", sample("pxweb_v1_velk_13kt_meta_fi.json"))
    indicator = pxweb_indicator_import(path, "vaste", base_url=source.url)
    assert indicator.title_fi and indicator.description_fi.startswith("Asuntokuntien velat")
    with pytest.raises(InsightsError, match="no longer has the content code"):
        pxweb_indicator_import(path, "velkaantumisaste", base_url=source.url)
    assert Indicator.objects.count() == 1


def test_pxweb_country_only_answer_and_dotted_time(source):
    # The v1 answer for the whole country only: no municipality rows, and "updated"
    # written with dots ("2022-12-21T06.00.00Z").
    path = "StatFin/velk/statfin_velk_pxt_13kt.px"
    source.add(f"/{path}", sample("pxweb_v1_velk_13kt_jsonstat2_en.json"))
    indicator = Indicator.objects.create(
        source=Source.PXWEB, source_id=path, content_code="vaste", title_fi="Velkaantumisaste"
    )
    report = pxweb_data_import(indicator, {"query": []}, base_url=source.url)
    assert report.created == 0
    indicator.refresh_from_db()
    assert indicator.source_updated.isoformat() == "2022-12-21T06:00:00+00:00"
    assert indicator.decimals == 1


def test_register_has_the_sample_municipalities():
    assert Municipality.objects.filter(code="091").exists()

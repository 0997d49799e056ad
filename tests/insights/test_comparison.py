"""Municipalities side by side and every figure as CSV: what the comparison shows (the
same year for each, the counties and the country), its bad input, its fixed number of
queries, and the CSV files of the comparison and of a municipality's page."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.clock import now
from insights.models import AreaObservation, Indicator, Source
from organisations.models import Municipality
from tests.factories.organisations import MembershipFactory

from .test_views import followed, observe

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def compare_path():
    return reverse("insights:comparison")  # in the test's language (English)


def csv_path():
    return reverse("insights:comparison_csv")


def area(indicator, county, year, value):
    return AreaObservation.objects.create(
        indicator=indicator,
        county=county,
        year=year,
        value=value,
        source_region="x",
        read_at=now(),
    )


def municipality(code):
    return Municipality.objects.select_related("wellbeing_county").get(code=code)


@pytest.fixture
def figures():
    """One indicator (one decimal) with Pori's values of 2022 and 2023, Rauma's of
    2023, the county's and the country's of 2023; a withheld one of Rauma; a member
    association in Rauma."""
    pori, rauma = municipality("609"), municipality("684")
    first, second = followed(1), followed(2)
    observe(first, pori, 2022, Decimal("10.0"))
    observe(first, pori, 2023, Decimal("12.25"))
    observe(first, rauma, 2023, Decimal("8.5"))
    observe(second, rauma, 2021, None, withheld=True)
    area(first, pori.wellbeing_county, 2023, Decimal("11"))
    area(first, None, 2023, Decimal("9.75"))
    area(first, None, 2022, Decimal("1"))  # another year: not compared
    MembershipFactory(organisation__municipality=rauma)
    return pori, rauma, first, second


def read_csv(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def test_comparison_side_by_side_with_county_and_country(client, figures):
    pori, rauma, first, second = figures
    response = client.get(compare_path(), {"kunta": ["609", "684"]})
    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert [m.code for m in comparison.municipalities] == ["609", "684"]
    assert comparison.counties == [pori.wellbeing_county]  # both in Satakunta
    item = comparison.indicators[0]
    assert item.indicator == first and item.year == 2023
    assert [o.value for o in item.values] == [Decimal("12.25"), Decimal("8.5")]
    assert item.counties[0].value == 11 and item.country.value == Decimal("9.75")
    assert [bar.label for bar in item.chart.bars] == ["Pori", "Rauma"]
    withheld = comparison.indicators[1]
    assert withheld.year == 2021 and withheld.values[0] is None and withheld.values[1].withheld
    members = next(f for f in comparison.figures if f.key == "members")
    assert members.values == [0, 1]
    page = response.content.decode()
    row = page[page.index(f'data-indicator="{first.pk}"') :]
    row = row[: row.index("</tr>")]
    shown = ["12.3", "8.5", "11.0", "9.8"]  # the indicator's one decimal, rounded half up
    assert [v for v in shown if v in row] == shown
    assert "<svg" in page and "withheld" in page
    assert "Source: THL, Sotkanet.fi" in page
    assert f"{csv_path()}?kunta=609&amp;kunta=684" in page


def test_comparison_query_count_is_constant(client, figures):
    client.get(compare_path(), {"kunta": ["609", "684"]})
    with CaptureQueriesContext(connection) as two:
        client.get(compare_path(), {"kunta": ["609", "684"]})
    six = ["609", "684", "091", "049", "837", "853"]
    for n in range(3, 8):
        indicator = followed(n)
        for code in six:
            for year in (2021, 2022, 2023):
                observe(indicator, Municipality.objects.get(code=code), year, Decimal(n))
        area(indicator, None, 2023, Decimal(n))
    with CaptureQueriesContext(connection) as more:
        response = client.get(compare_path(), {"kunta": six})
    assert len(response.context["comparison"].indicators) == 7
    assert len(more) == len(two)


@pytest.mark.parametrize(
    "chosen, message",
    [
        (["609", "684", "091", "049", "837", "853", "179"], "Compare at most 6 municipalities"),
        (["609", "999"], "There is no municipality with the number 999."),
        (["609", "kunta"], "There is no municipality with the number kunta."),
    ],
)
def test_comparison_bad_input_is_a_clear_400(client, figures, chosen, message):
    response = client.get(compare_path(), {"kunta": chosen})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["comparison"] is None
    refused = client.get(csv_path(), {"kunta": chosen})
    assert refused.status_code == 400 and refused["Content-Type"].startswith("text/html")


def test_comparison_of_one_asks_for_another(client, figures):
    first_visit = client.get(compare_path())
    assert first_visit.status_code == 200 and "Choose at least" not in first_visit.content.decode()
    one = client.get(compare_path(), {"kunta": "609"})
    assert one.status_code == 200
    assert "Choose at least one more municipality to compare with Pori." in one.content.decode()
    assert 'value="609" id="kunta-609" checked' in one.content.decode()
    assert client.get(csv_path(), {"kunta": "609"}).status_code == 400
    # The list and the municipality's page link to the comparison
    assert compare_path() in client.get(reverse("insights:municipality_list")).content.decode()
    detail = client.get(reverse("insights:municipality_detail", args=["609"]))
    assert f"{compare_path()}?kunta=609" in detail.content.decode()


def test_comparison_csv_has_every_figure_shown(client, figures):
    pori, rauma, first, second = figures
    response = client.get(csv_path(), {"kunta": ["609", "684"]})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="comparison-609-684-')
    rows = read_csv(response)
    assert rows[0] == ["Code", "Area", "Figure", "Year", "Value", "Unit", "Source", "Note"]
    indicator_rows = [r[:5] + r[7:] for r in rows if len(r) > 2 and r[2] == "Indicator 1"]
    assert indicator_rows == [
        ["609", "Pori", "Indicator 1", "2023", "12,3", ""],
        ["684", "Rauma", "Indicator 1", "2023", "8,5", ""],
        [
            f"HVA{pori.wellbeing_county.code}",
            pori.wellbeing_county.name,
            "Indicator 1",
            "2023",
            "11,0",
            "",
        ],
        ["SSS", "Whole country", "Indicator 1", "2023", "9,8", ""],
    ]
    assert [
        "684",
        "Rauma",
        "Indicator 2",
        "2021",
        "",
        "",
        "Source: THL, Sotkanet.fi",
        "withheld for privacy",
    ] in rows
    members = [r[:5] for r in rows if len(r) > 2 and r[2] == "Member associations of the centre"]
    assert [m[0] for m in members] == ["609", "684"] and [m[4] for m in members] == ["0", "1"]
    assert rows[-2:] == [["Source: THL, Sotkanet.fi"], ["Licence of the statistics: CC BY 4.0"]]


def test_municipality_csv_matches_the_page(client, figures):
    pori, _rauma, _first, _second = figures
    Municipality.objects.filter(code="609").update(name_en="Pöri")  # a name that is not ASCII
    response = client.get(reverse("insights:municipality_csv", args=["609"]))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="Pori-figures-')
    assert "filename*=UTF-8''P%C3%B6ri-figures-" in disposition
    rows = read_csv(response)
    values = [(r[0], r[3], r[4]) for r in rows if len(r) > 2 and r[2] == "Indicator 1"]
    assert values == [
        ("609", "2022", "10,0"),
        ("609", "2023", "12,3"),
        (f"HVA{pori.wellbeing_county.code}", "2023", "11,0"),
        ("SSS", "2023", "9,8"),
    ]
    page = client.get(reverse("insights:municipality_detail", args=["609"]))
    shown = {f.key: f.value for f in page.context["centre_figures"]}
    in_csv = {r[2]: r[4] for r in rows if len(r) > 6 and r[6] == "The centre's own figures"}
    assert in_csv["Associations in the register"] == str(shown["organisations"])
    assert len(in_csv) >= len(shown)
    own = Indicator.objects.create(
        source=Source.OWN,
        source_id="kysely",
        title_fi="=Kysely",
        title_en="=Survey",
        organisation="Porin kaupunki",
        followed=True,
        theme="wellbeing",
    )
    observe(own, pori, 2024, Decimal("3"))
    rows = read_csv(client.get(reverse("insights:municipality_csv", args=["609"])))
    assert ["609", "Pöri", "'=Survey", "2024", "3"] in [r[:5] for r in rows]
    assert ["Source: Porin kaupunki"] in rows

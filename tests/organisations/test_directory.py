"""The public association directory: list, filters, search, detail, staff CSV."""

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse

from organisations.models import FieldOfActivity, Municipality, Organisation
from tests.factories.organisations import (
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DIRECTORY = "/yhdistykset/"


def municipality(code):
    return Municipality.objects.get(code=code)


def field(code):
    return FieldOfActivity.objects.get(code=code)


def listed(response):
    """Names of the organisations on the page, in order."""
    return [org.name_fi for org in response.context["organisations"]]


@pytest.fixture
def register():
    """Organisations across Satakunta, Ostrobothnia and Helsinki, with members."""
    pori = OrganisationFactory(
        name_fi="Porin Kuoro ry", name_sv="Björneborgs kör rf", municipality=municipality("609")
    )
    pori.fields_of_activity.set([field("culture")])
    rauma = OrganisationFactory(name_fi="Rauman Urheiluseura ry", municipality=municipality("684"))
    rauma.fields_of_activity.set([field("sports"), field("leisure")])
    vaasa = OrganisationFactory(name_fi="Vaasan Teatteri ry", municipality=municipality("905"))
    vaasa.fields_of_activity.set([field("culture")])
    helsinki = OrganisationFactory(
        name_fi="Helsingin Mielenterveysyhdistys ry", municipality=municipality("091")
    )
    helsinki.fields_of_activity.set([field("social-health")])
    MembershipFactory(organisation=pori, member_since=date(2021, 3, 1))
    MembershipFactory(organisation=vaasa)
    hidden = OrganisationFactory(
        name_fi="Porin Piilotettu ry", is_public=False, municipality=municipality("609")
    )
    dissolved = OrganisationFactory(
        name_fi="Porin Lakannut ry",
        status=Organisation.Status.DISSOLVED,
        municipality=municipality("609"),
    )
    return {
        "pori": pori,
        "rauma": rauma,
        "vaasa": vaasa,
        "helsinki": helsinki,
        "hidden": hidden,
        "dissolved": dissolved,
    }


# --- List -------------------------------------------------------------------------


def test_lists_public_organisations_by_name(client, register):
    response = client.get(DIRECTORY)
    assert response.status_code == 200
    assert listed(response) == [
        "Helsingin Mielenterveysyhdistys ry",
        "Porin Kuoro ry",
        "Rauman Urheiluseura ry",
        "Vaasan Teatteri ry",
    ]


def test_hidden_and_dissolved_never_appear(client, register):
    for query in ["", "?q=porin", "?municipality=609", "?q=piilotettu", "?q=lakannut"]:
        content = client.get(DIRECTORY + query).content.decode()
        assert "Piilotettu" not in content
        assert "Lakannut" not in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("municipality=609", ["Porin Kuoro ry"]),
        ("region=04", ["Porin Kuoro ry", "Rauman Urheiluseura ry"]),
        ("wellbeing_county=17", ["Vaasan Teatteri ry"]),
        ("wellbeing_county=90", ["Helsingin Mielenterveysyhdistys ry"]),
        ("field=culture", ["Porin Kuoro ry", "Vaasan Teatteri ry"]),
        ("field=leisure", ["Rauman Urheiluseura ry"]),
        ("member=yes", ["Porin Kuoro ry", "Vaasan Teatteri ry"]),
        ("member=no", ["Helsingin Mielenterveysyhdistys ry", "Rauman Urheiluseura ry"]),
        ("region=04&field=culture&member=yes", ["Porin Kuoro ry"]),
        ("region=04&member=no", ["Rauman Urheiluseura ry"]),
    ],
)
def test_filters(client, register, query, expected):
    response = client.get(f"{DIRECTORY}?{query}")
    assert listed(response) == expected
    count = len(expected)
    assert f"{count} yhdistys" in response.content.decode()


def test_search_by_word_prefix_and_inflection(client, register):
    assert listed(client.get(DIRECTORY, {"q": "mielenterv"})) == [
        "Helsingin Mielenterveysyhdistys ry"
    ]
    assert listed(client.get(DIRECTORY, {"q": "teatterin"})) == ["Vaasan Teatteri ry"]
    assert listed(client.get(DIRECTORY, {"q": "urheiluseuran"})) == ["Rauman Urheiluseura ry"]


def test_search_forgives_typos(client, register):
    assert listed(client.get(DIRECTORY, {"q": "mielentrveysyhdistys"})) == [
        "Helsingin Mielenterveysyhdistys ry"
    ]


def test_search_combines_with_filters_and_ranks_by_relevance(client, register):
    OrganisationFactory(
        name_fi="Porin Seudun Kulttuuriyhdistys ry",
        description_fi="Kuoro ja teatteri.",
        municipality=municipality("609"),
    )
    response = client.get(DIRECTORY, {"q": "kuoro", "region": "04"})
    # The name match outranks the description match.
    assert listed(response) == ["Porin Kuoro ry", "Porin Seudun Kulttuuriyhdistys ry"]
    assert listed(client.get(DIRECTORY, {"q": "kuoro", "region": "15"})) == []


def test_invalid_filter_value_shows_an_error_not_a_crash(client, register):
    response = client.get(DIRECTORY, {"municipality": "999", "member": "maybe"})
    assert response.status_code == 200
    assert listed(response) == []
    assert response.context["form"].errors.keys() == {"municipality", "member"}
    assert 'aria-invalid="true"' in response.content.decode()


def test_swedish_page_shows_swedish_names_with_finnish_fallback(client, register):
    response = client.get("/sv" + DIRECTORY)
    content = response.content.decode()
    assert "Björneborgs kör rf" in content
    assert "Porin Kuoro ry" not in content
    assert "Rauman Urheiluseura ry" in content  # no Swedish name: Finnish shown
    assert "Björneborg" in content  # municipality in Swedish


def test_swedish_page_orders_by_the_shown_name(client, register):
    names = [org.name for org in client.get("/sv" + DIRECTORY).context["organisations"]]
    assert names == sorted(names)


def test_card_shows_municipality_fields_and_member_badge_as_text(client, register):
    content = client.get(DIRECTORY, {"municipality": "609"}).content.decode()
    assert "Pori" in content
    assert "Kulttuuri" in content
    card = re.search(r'<li class="card organisation-card">.*?</li>', content, re.S).group(0)
    assert "badge" in card
    # The badge carries words, not just colour.
    badge_text = re.search(r'<span class="badge">([^<]+)</span>', card).group(1)
    assert badge_text.strip()


def test_every_filter_control_has_a_label(client, register):
    content = client.get(DIRECTORY).content.decode()
    form = re.search(r'<form method="get".*?</form>', content, re.S).group(0)
    ids = re.findall(r'<(?:input|select)[^>]*\sid="([^"]+)"', form)
    assert set(ids) == {
        "id_q",
        "id_municipality",
        "id_region",
        "id_wellbeing_county",
        "id_field",
        "id_member",
    }
    for control_id in ids:
        assert f'<label for="{control_id}"' in form


def test_attribution_and_result_heading(client, register):
    content = client.get("/en" + DIRECTORY).content.decode()
    assert "Municipality data: Statistics Finland, CC BY 4.0" in content
    assert re.search(r'<h2 id="results-heading">\s*4 associations found\s*</h2>', content)
    one = client.get("/en" + DIRECTORY, {"municipality": "609"}).content.decode()
    assert re.search(r"<h2[^>]*>\s*1 association found\s*</h2>", one)


def test_navigation_links_to_the_directory(client):
    content = client.get("/").content.decode()
    assert f'href="{DIRECTORY}"' in content


def test_pagination_keeps_filters(client):
    pori = municipality("609")
    for n in range(25):
        OrganisationFactory(name_fi=f"Porin seura {n:02d} ry", municipality=pori)
    OrganisationFactory(name_fi="Vaasan seura ry", municipality=municipality("905"))

    first = client.get(DIRECTORY, {"municipality": "609"})
    assert len(listed(first)) == 20
    content = first.content.decode()
    assert 'href="?municipality=609&amp;page=2"' in content
    assert re.search(r'<nav class="pagination" aria-label="[^"]+">', content)
    assert re.search(r'<a href="\?municipality=609&amp;page=1" aria-current="page">', content)

    second = client.get(DIRECTORY, {"municipality": "609", "page": 2})
    assert len(listed(second)) == 5
    assert "Vaasan seura ry" not in listed(second)


def test_staff_see_a_csv_link_with_the_filters(client, register):
    client.force_login(StaffFactory())
    content = client.get(DIRECTORY, {"region": "04"}).content.decode()
    assert f'href="{DIRECTORY}vienti.csv?region=04"' in content
    client.force_login(UserFactory())
    assert "vienti.csv" not in client.get(DIRECTORY).content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_list_page_queries_do_not_grow(client, django_assert_num_queries, count):
    pori = municipality("609")
    for n in range(count):
        org = OrganisationFactory(municipality=pori)
        org.fields_of_activity.set([field("culture"), field("sports")])
        if n % 2:
            MembershipFactory(organisation=org)
    # count, page, fields of activity, and the four filter choice lists (then cached)
    with django_assert_num_queries(7):
        response = client.get(DIRECTORY)
    assert len(response.context["organisations"]) == min(count, 20)
    # count, page, fields of activity and the chosen region, validated; the choice
    # lists come from the cache
    with django_assert_num_queries(4):
        response = client.get(DIRECTORY, {"q": "porin", "region": "04", "member": "yes"})
    assert len(response.context["organisations"]) == count // 2


# --- Detail -----------------------------------------------------------------------


def test_detail_shows_contact_and_location(client, register):
    org = register["pori"]
    org.phone = "02 123 4567"
    org.website = "https://kuoro.example.fi/"
    org.street_address = "Yrjönkatu 1"
    org.postal_code = "28100"
    org.post_office = "Pori"
    org.save()
    response = client.get(reverse("organisations:detail", args=[org.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    for text in [
        "<h1>Porin Kuoro ry</h1>",
        "Satakunta",
        "Satakunnan hyvinvointialue",
        "Kulttuuri",
        org.email,
        "02 123 4567",
        "https://kuoro.example.fi/",
        "28100 Pori",
        "1.3.2021",
    ]:
        assert text in content


def test_detail_in_swedish(client, register):
    org = register["pori"]
    response = client.get("/sv" + reverse("organisations:detail", args=[org.pk]))
    assert "<h1>Björneborgs kör rf</h1>" in response.content.decode()


@pytest.mark.parametrize("key", ["hidden", "dissolved"])
def test_detail_of_hidden_or_dissolved_is_404(client, register, key):
    url = reverse("organisations:detail", args=[register[key].pk])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_detail_of_unknown_is_404(client):
    assert client.get(reverse("organisations:detail", args=[999999])).status_code == 404


# --- CSV export -------------------------------------------------------------------

CSV_URL = DIRECTORY + "vienti.csv"


def read_csv(response):
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    text = body.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_csv_sends_anonymous_to_login(client):
    response = client.get(CSV_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_csv_does_not_exist_for_people_who_are_not_staff(client, register):
    client.force_login(UserFactory())
    assert client.get(CSV_URL).status_code == 404


def test_csv_for_staff_includes_hidden_and_dissolved(client, register):
    client.force_login(StaffFactory())
    response = client.get("/en" + CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.streaming
    rows = read_csv(response)
    names = {row["name (fi)"] for row in rows}
    assert names == {org.name_fi for org in register.values()}
    pori = next(row for row in rows if row["name (fi)"] == "Porin Kuoro ry")
    assert pori["municipality number"] == "609"
    assert pori["region code"] == "04"
    assert pori["member"] == "1"
    assert pori["member since"] == "2021-03-01"
    assert pori["fields of activity"] == "culture"
    hidden = next(row for row in rows if row["name (fi)"] == "Porin Piilotettu ry")
    assert hidden["public"] == "0"


def test_csv_honours_the_filters(client, register):
    client.force_login(StaffFactory())
    rows = read_csv(client.get("/en" + CSV_URL, {"municipality": "609", "member": "no"}))
    assert {row["name (fi)"] for row in rows} == {"Porin Piilotettu ry", "Porin Lakannut ry"}
    rows = read_csv(client.get("/en" + CSV_URL, {"q": "mielenterv"}))
    assert [row["name (fi)"] for row in rows] == ["Helsingin Mielenterveysyhdistys ry"]


def test_csv_neutralises_spreadsheet_formulas(client):
    OrganisationFactory(name_fi='=HYPERLINK("http://x") ry', phone="+358 40 123 4567")
    client.force_login(StaffFactory())
    rows = read_csv(client.get("/en" + CSV_URL))
    assert rows[0]["name (fi)"].startswith("'=")
    assert rows[0]["phone"] == "'+358 40 123 4567"


@pytest.mark.parametrize("count", [3, 30])
def test_csv_queries_do_not_grow(client, django_assert_num_queries, count):
    pori = municipality("609")
    for n in range(count):
        org = OrganisationFactory(municipality=pori, is_public=bool(n % 3))
        org.fields_of_activity.set([field("culture"), field("sports")])
        if n % 2:
            MembershipFactory(organisation=org)
    client.force_login(StaffFactory())
    response = client.get(CSV_URL, {"region": "04"})
    # session and user, the region choice, then the rows and their fields of activity
    with django_assert_num_queries(2):
        rows = read_csv(response)
    assert len(rows) == count


def test_detail_marks_a_finnish_fallback_description(client, register):
    url = reverse("organisations:detail", args=[register["pori"].pk])
    assert '<div class="description" lang="fi">' in client.get("/en" + url).content.decode()
    register["pori"].description_en = "A choir."
    register["pori"].save()
    assert '<div class="description" lang="en">' in client.get("/en" + url).content.decode()

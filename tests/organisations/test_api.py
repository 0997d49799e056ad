"""JSON API of the public directory: /api/v1/organisations/."""

from datetime import date

import pytest
from django.conf import settings
from django.core.management import call_command

from organisations.models import FieldOfActivity, Municipality, Organisation
from tests.factories.organisations import MembershipFactory, OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/organisations/"


def municipality(code):
    return Municipality.objects.get(code=code)


def field(code):
    return FieldOfActivity.objects.get(code=code)


def names(response):
    return [item["name"]["fi"] for item in response.json()["data"]]


@pytest.fixture
def register():
    pori = OrganisationFactory(
        name_fi="Porin Kuoro ry",
        name_sv="Björneborgs kör rf",
        description_fi="Laulamme yhdessä.",
        description_en="We sing together.",
        register_number="123.456",
        website="https://kuoro.example.fi/",
        phone="02 123 4567",
        street_address="Yrjönkatu 1",
        municipality=municipality("609"),
    )
    pori.fields_of_activity.set([field("culture")])
    MembershipFactory(organisation=pori, member_since=date(2021, 3, 1))
    rauma = OrganisationFactory(name_fi="Rauman Urheiluseura ry", municipality=municipality("684"))
    rauma.fields_of_activity.set([field("sports")])
    vaasa = OrganisationFactory(name_fi="Vaasan Teatteri ry", municipality=municipality("905"))
    vaasa.fields_of_activity.set([field("culture")])
    hidden = OrganisationFactory(name_fi="Porin Piilotettu ry", is_public=False)
    dissolved = OrganisationFactory(
        name_fi="Porin Lakannut ry", status=Organisation.Status.DISSOLVED
    )
    return {"pori": pori, "rauma": rauma, "vaasa": vaasa, "hidden": hidden, "dissolved": dissolved}


def test_list_envelope_and_item_shape(client, register):
    response = client.get(API)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"meta", "data"}
    assert body["meta"] == {"count": 3, "next": None, "previous": None}
    assert names(response) == ["Porin Kuoro ry", "Rauman Urheiluseura ry", "Vaasan Teatteri ry"]

    item = body["data"][0]
    pori = register["pori"]
    assert item == {
        "@id": f"{settings.SITE_URL}{API}{pori.pk}/",
        "id": pori.pk,
        "name": {"fi": "Porin Kuoro ry", "sv": "Björneborgs kör rf", "en": None},
        "description": {"fi": "Laulamme yhdessä.", "sv": None, "en": "We sing together."},
        "kind": "association",
        "business_id": pori.business_id,
        "register_number": "123.456",
        "municipality": {
            "code": "609",
            "name": {"fi": "Pori", "sv": "Björneborg", "en": "Pori"},
        },
        "region": "04",
        "wellbeing_county": "06",
        "fields_of_activity": [
            {"code": "culture", "name": {"fi": "Kulttuuri", "sv": "Kultur", "en": "Culture"}}
        ],
        "website": "https://kuoro.example.fi/",
        "email": pori.email,
        "is_member": True,
        "member_since": "2021-03-01",
    }


def test_private_fields_are_not_exposed(client, register):
    item = client.get(API).json()["data"][0]
    for private in ["phone", "street_address", "is_public", "status", "created_at", "updated_at"]:
        assert private not in item


def test_non_member_has_no_member_since(client, register):
    item = client.get(f"{API}{register['rauma'].pk}/").json()
    assert item["is_member"] is False
    assert item["member_since"] is None


def test_hidden_and_dissolved_never_appear(client, register):
    for query in ["", "?q=porin", "?q=piilotettu", "?q=lakannut", "?page_size=100"]:
        text = client.get(API + query).content.decode()
        assert "Piilotettu" not in text
        assert "Lakannut" not in text
    for key in ["hidden", "dissolved"]:
        assert client.get(f"{API}{register[key].pk}/").status_code == 404
    assert client.get(f"{API}999999/").status_code == 404


def test_hidden_stays_hidden_from_staff_too(client, register):
    client.force_login(StaffFactory())
    assert client.get(f"{API}{register['hidden'].pk}/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("municipality=609", ["Porin Kuoro ry"]),
        ("region=04", ["Porin Kuoro ry", "Rauman Urheiluseura ry"]),
        ("wellbeing_county=17", ["Vaasan Teatteri ry"]),
        ("field=culture", ["Porin Kuoro ry", "Vaasan Teatteri ry"]),
        ("member=yes", ["Porin Kuoro ry"]),
        ("member=no", ["Rauman Urheiluseura ry", "Vaasan Teatteri ry"]),
        ("q=teatterin", ["Vaasan Teatteri ry"]),
        ("q=kuoro&region=04", ["Porin Kuoro ry"]),
    ],
)
def test_filters(client, register, query, expected):
    assert names(client.get(f"{API}?{query}")) == expected


def test_invalid_filter_is_400(client, register):
    response = client.get(API, {"municipality": "999"})
    assert response.status_code == 400
    assert "municipality" in response.json()


def test_page_size_is_capped_at_100(client):
    pori = municipality("609")
    for _ in range(105):
        OrganisationFactory(municipality=pori)
    body = client.get(API, {"page_size": 1000}).json()
    assert body["meta"]["count"] == 105
    assert len(body["data"]) == 100
    assert "page=2" in body["meta"]["next"]
    small = client.get(API, {"page_size": 5, "page": 2}).json()
    assert len(small["data"]) == 5
    assert small["meta"]["previous"] is not None


def test_read_only(client, register):
    assert client.post(API, {}, content_type="application/json").status_code in (401, 403, 405)
    client.force_login(StaffFactory())
    url = f"{API}{register['pori'].pk}/"
    assert client.delete(url).status_code == 405
    assert client.post(API, {}, content_type="application/json").status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_list_queries_do_not_grow(client, django_assert_num_queries, count):
    pori = municipality("609")
    for n in range(count):
        org = OrganisationFactory(municipality=pori)
        org.fields_of_activity.set([field("culture"), field("sports")])
        if n % 2:
            MembershipFactory(organisation=org)
    # count, page, fields of activity
    with django_assert_num_queries(3):
        response = client.get(API, {"page_size": 100})
    assert len(response.json()["data"]) == count
    # and the chosen field of activity, validated
    with django_assert_num_queries(4):
        client.get(API, {"q": "porin", "field": "culture", "member": "yes"})


def test_schema_generates_without_warnings(tmp_path):
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = out.read_text()
    assert "/api/v1/organisations/" in schema
    assert "'@id'" in schema

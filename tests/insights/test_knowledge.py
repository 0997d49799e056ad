"""The municipality page beside the indicators: the county and the country for
comparison (from Sotkanet and PxWeb), the centre's own figures from the top floor,
the interpretations staff write, and each source's last import on the staff page."""

import datetime
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from core.clock import now
from insights.importers import (
    import_followed,
    pxweb_data_load,
    sotkanet_data_import,
)
from insights.models import AreaObservation, ImportRun, Indicator, Interpretation, Source
from organisations.models import Municipality
from tests.factories.events import EventFactory, PlaceFactory
from tests.factories.facilities import BookingFactory
from tests.factories.organisations import (
    FieldOfActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
)

from .sources import sample
from .test_views import followed, observe

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def pori():
    return Municipality.objects.select_related("wellbeing_county").get(code="609")


# --- Comparisons ---------------------------------------------------------------------


def test_sotkanet_county_and_country_beside_the_municipality(source, client):
    municipality = pori()
    county = municipality.wellbeing_county
    # Sotkanet's region list of 2015 predates the wellbeing services counties; this
    # county region is written for the test from the API's documentation (category
    # HYVINVOINTIALUE, its own region id, the county's number as code).
    regions = sample("sotkanet_regions_2015.json").rstrip().rstrip(b"]") + (
        b',{"id": 9901, "code": "%s", "category": "HYVINVOINTIALUE", '
        b'"title": {"fi": "Hyvinvointialue", "sv": "", "en": ""}, "memberOf": []}]'
        % county.code.encode()
    )
    pori_id = b"%d" % next(
        r["id"] for r in json.loads(regions) if r["category"] == "KUNTA" and r["code"] == "609"
    )
    source.add("/regions", regions)
    csv = (
        b"indicator;region;year;gender;primary value;absolute value\r\n"
        b"127;" + pori_id + b";2009;total;76000;\r\n"
        b"127;9901;2009;total;224000;\r\n"
        b"127;658;2009;total;5351427;\r\n"
    )
    source.add("/data/csv", csv, kind="text/csv")
    indicator = followed(1)
    indicator.source_id, indicator.decimals = "127", 0
    indicator.save()
    report = sotkanet_data_import(indicator, [2009], base_url=source.url)
    assert (report.created, report.areas) == (1, 2)
    assert AreaObservation.objects.get(county=county).value == 224000
    assert AreaObservation.objects.get(county=None).value == 5351427
    again = sotkanet_data_import(indicator, [2009], base_url=source.url)
    assert again.areas == 0 and AreaObservation.objects.count() == 2

    page = client.get(reverse("insights:municipality_detail", args=["609"])).content.decode()
    row = page[page.index("Indicator 1") :]
    row = row[: row.index("</tr>")]
    assert ["76000", "224000", "5351427"] == [v for v in ("76000", "224000", "5351427") if v in row]
    assert row.index("76000") < row.index("224000") < row.index("5351427")


def test_pxweb_counties_are_mapped_to_the_register():
    indicator = Indicator.objects.create(
        source=Source.PXWEB, source_id="13u5", content_code="ksyylkm", title_fi="Kuolleet"
    )
    report = pxweb_data_load(
        indicator, json.loads(sample("jsonstat2_13u5_hyvinvointialueet_2024_en.json"))
    )
    assert report.created == 0  # no municipalities in this answer
    assert report.areas + len(report.skipped) == 23
    county = pori().wellbeing_county
    stored = AreaObservation.objects.get(county=county)
    assert (stored.year, stored.source_region) == (2024, f"HVA{county.code}")


# --- Import status -------------------------------------------------------------------


def test_last_import_of_each_source_on_the_staff_page(source, client):
    source.add("/indicators/127", b'{"id": 127, "title": {"fi": "V\\u00e4est\\u00f6 31.12."}}')
    source.add("/regions", sample("sotkanet_regions_2015.json"))
    source.add("/data/csv", sample("sotkanet_data_csv_127_2009_total.csv"), kind="text/csv")
    Indicator.objects.create(source=Source.SOTKANET, source_id="127", title_fi="x", followed=True)
    gone = Indicator.objects.create(
        source=Source.SOTKANET, source_id="4", title_fi="Poistunut", followed=True
    )
    import_followed([2009], sotkanet_url=source.url)
    run = ImportRun.objects.get()
    assert (run.source, run.status, run.succeeded, run.failed) == ("sotkanet", "partial", 1, 1)
    assert "Poistunut (4)" in run.errors and "404" in run.errors

    client.force_login(StaffFactory())
    page = client.get(reverse("insights:catalogue")).content.decode()
    assert "Partly failed" in page and "Poistunut (4)" in page and "Not imported yet" in page

    Indicator.objects.filter(source_id="127").update(followed=False)
    import_followed([2009], sotkanet_url=source.url)
    assert ImportRun.objects.first().status == "failed"
    gone.delete()
    Indicator.objects.filter(source_id="127").update(followed=True)
    import_followed([2009], sotkanet_url=source.url)
    assert ImportRun.objects.first().status == "ok"
    page = client.get(reverse("insights:catalogue")).content.decode()
    assert "OK" in page and "Poistunut (4)" not in page


# --- The centre's figures --------------------------------------------------------------


def test_centre_figures_on_the_page_match_the_counts(client, django_assert_max_num_queries):
    # Rauma: the factories' own organisations (the events' organisers) are in Pori.
    municipality = Municipality.objects.get(code="684")
    other = pori()
    youth = FieldOfActivityFactory()
    members = [
        MembershipFactory(organisation__municipality=municipality).organisation for _ in range(3)
    ]
    members[0].fields_of_activity.add(youth)
    members[1].fields_of_activity.add(youth)
    OrganisationFactory(municipality=municipality)  # in the register, not a member
    MembershipFactory(organisation__municipality=other)
    past = now() - datetime.timedelta(days=30)
    place = PlaceFactory(municipality=municipality)
    EventFactory(place=place, start=past, end=past + datetime.timedelta(hours=2))
    EventFactory(place=place)  # next week: not held yet
    EventFactory(place=PlaceFactory(municipality=other), start=past, end=past)
    BookingFactory(organisation=members[0], start=past, end=past + datetime.timedelta(hours=2))
    BookingFactory(
        organisation=members[0],
        start=past - datetime.timedelta(days=1),
        end=past - datetime.timedelta(days=1) + datetime.timedelta(hours=1),
        status="cancelled",
    )

    url = reverse("insights:municipality_detail", args=["684"])
    response = client.get(url)
    figures = {f.key: f for f in response.context["centre_figures"]}
    assert figures["organisations"].value == 4
    assert figures["members"].value == 3
    assert figures["members"].breakdown == ((youth.name, 2),)
    assert figures["events"].value == 1
    assert figures["bookings"].value == 1
    assert figures["participants"].value == 0 and figures["grants"].value == 0
    assert 'data-figure="members">3<' in response.content.decode()

    followed(1)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for n in range(2, 6):
        observe(followed(n), municipality, 2020, Decimal(n))
    MembershipFactory(organisation__municipality=municipality)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


# --- Interpretations -------------------------------------------------------------------


def test_staff_write_and_publish_an_interpretation(client):
    indicator = followed(1)
    unfollowed = Indicator.objects.create(source=Source.SOTKANET, source_id="9", title_fi="Ei")
    staff = StaffFactory()
    client.force_login(staff)
    url = reverse("insights:interpretation_create", args=["609"])
    data = {
        "indicator": indicator.pk,
        "text_fi": "Luku on noussut, koska palveluja on enemmän.",
        "participants_fi": "kaupunki, järjestöt",
        "year_from": "2019",
        "year_to": "2024",
    }
    backwards = client.post(url, {**data, "year_from": "2025"})
    assert backwards.status_code == 400 and "The years run backwards" in backwards.content.decode()
    neither = client.post(url, {**data, "indicator": ""})
    assert (
        neither.status_code == 400 and "Choose an indicator or a theme" in neither.content.decode()
    )
    not_followed = client.post(url, {**data, "indicator": unfollowed.pk})
    assert not_followed.status_code == 400
    assert not Interpretation.objects.exists()

    assert client.post(url, data).status_code == 302
    interpretation = Interpretation.objects.get()
    assert interpretation.author == staff and interpretation.written_on is not None
    client.logout()
    page = reverse("insights:municipality_detail", args=["609"])
    assert "palveluja on enemmän" not in client.get(page).content.decode()

    client.force_login(staff)
    edit = reverse("insights:interpretation_edit", args=[interpretation.pk])
    assert client.post(edit, {**data, "published": "on"}).status_code == 302
    client.logout()
    finnish = client.get(page).content.decode()
    assert "palveluja on enemmän" in finnish and "kaupunki, järjestöt" in finnish
    swedish = client.get(page.replace("/en/", "/sv/", 1)).content.decode()
    assert '<div lang="fi"><p>Luku on noussut' in swedish
    # The indicator has no Swedish title: its Finnish one is marked as Finnish.
    assert '<span lang="fi">Indikaattori 1</span>' in swedish
    assert '<span lang="fi">Indikaattori 1</span>' not in finnish

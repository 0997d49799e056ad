"""What happens around the figures: a re-import that changes a value is logged (and one
that changes nothing is not), the sources' health in /readyz (information that never
fails readiness), and representatives' interpretations as drafts that staff publish."""

import pytest
from django.urls import reverse

from insights.importers import import_followed
from insights.models import ImportRun, Indicator, Interpretation, Observation, ObservationChange
from tests.factories.organisations import RepresentativeFactory, StaffFactory, UserFactory

from .sources import sample
from .test_views import followed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

CSV = "sotkanet_data_csv_127_2009_total.csv"


def serve(source, csv):
    source.add("/indicators/127", b'{"id": 127, "title": {"fi": "V\\u00e4est\\u00f6 31.12."}}')
    source.add("/regions", sample("sotkanet_regions_2015.json"))
    source.add("/data/csv", csv, kind="text/csv")


def test_reimport_logs_a_changed_value_and_nothing_for_the_same_answer(source, client):
    serve(source, sample(CSV))
    Indicator.objects.create(source="sotkanet", source_id="127", title_fi="x", followed=True)
    import_followed([2009], sotkanet_url=source.url)
    import_followed([2009], sotkanet_url=source.url)  # the same answer again
    assert ImportRun.objects.count() == 2 and not ObservationChange.objects.exists()

    serve(source, sample(CSV).replace(b";46;2009;total;583350;", b";46;2009;total;583000;"))
    import_followed([2009], sotkanet_url=source.url)
    change = ObservationChange.objects.select_related("observation__municipality").get()
    helsinki = Observation.objects.get(municipality__code="091")
    assert helsinki.value == 583000 and change.observation == helsinki
    assert (change.old_value, change.new_value) == (583350, 583000)
    assert change.run == ImportRun.objects.first() and change.changed_at == helsinki.read_at
    import_followed([2009], sotkanet_url=source.url)
    assert ObservationChange.objects.count() == 1  # the changed answer again: nothing new

    # The whole country's value, kept beside the municipalities' for comparison, too.
    serve(
        source, sample(CSV).replace(b"127;658;2009;total;5351427;", b"127;658;2009;total;5351500;")
    )
    import_followed([2009], sotkanet_url=source.url)
    country = ObservationChange.objects.get(area_observation__isnull=False)
    assert country.area_observation.county is None
    assert (country.old_value, country.new_value) == (5351427, 5351500)

    client.force_login(StaffFactory())
    page = client.get(reverse("insights:catalogue")).content.decode()
    row = page[page.index(f'data-change="{change.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "Helsinki" in row and "583350" in row and "583000" in row and "Sotkanet" in row
    row = page[page.index(f'data-change="{country.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "Whole country" in row and "5351427" in row and "5351500" in row


def test_readyz_tells_the_sources_health_without_failing(source, client, monkeypatch):
    ready = client.get("/readyz").json()
    assert ready["insights_sources"] == {
        "sotkanet": "not imported yet",
        "pxweb": "not imported yet",
    }
    serve(source, b"Internal error")
    source.add("/data/csv", b"Internal error", status=500, kind="text/plain")
    Indicator.objects.create(source="sotkanet", source_id="127", title_fi="Väestö", followed=True)
    import_followed([2009], sotkanet_url=source.url)
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json()["status"] == "ok"
    health = response.json()["insights_sources"]
    assert health["sotkanet"].startswith("failing: 1 of 1 indicators")
    assert "500" in health["sotkanet"] and health["pxweb"] == "not imported yet"

    serve(source, sample(CSV))
    import_followed([2009], sotkanet_url=source.url)
    assert client.get("/readyz").json()["insights_sources"]["sotkanet"] == "ok"

    def broken():
        raise RuntimeError("the table is gone")

    monkeypatch.setattr("insights.selectors.source_health", broken)
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json()["status"] == "ok"
    assert response.json()["insights_sources"] == {}


def test_representatives_write_drafts_that_only_staff_publish(client):
    indicator = followed(1)
    writer = RepresentativeFactory().user
    other = RepresentativeFactory().user
    propose = reverse("insights:interpretation_propose", args=["609"])
    data = {
        "indicator": indicator.pk,
        "text_fi": "Nuorten harrastukset ovat lisääntyneet.",
        "year_from": "2021",
        "year_to": "2023",
        "published": "on",  # not theirs to decide: ignored
    }
    client.force_login(UserFactory())  # signed in, but nobody's representative
    assert client.get(propose).status_code == 404
    client.force_login(writer)
    backwards = client.post(propose, {**data, "year_from": "2024"})
    assert backwards.status_code == 400 and "The years run backwards" in backwards.content.decode()
    assert client.post(propose, data).status_code == 302
    draft = Interpretation.objects.get()
    assert draft.author == writer and not draft.published
    mine = client.get(reverse("insights:my_interpretations")).content.decode()
    assert "Nuorten harrastukset" in mine and "Draft" in mine
    edit = reverse("insights:interpretation_draft_edit", args=[draft.pk])
    assert client.post(edit, {**data, "text_fi": "Harrastukset lisääntyivät."}).status_code == 302
    draft.refresh_from_db()
    assert draft.text_fi == "Harrastukset lisääntyivät." and not draft.published

    page = reverse("insights:municipality_detail", args=["609"])
    client.logout()
    assert "Harrastukset" not in client.get(page).content.decode()
    client.force_login(other)
    assert client.get(edit).status_code == 404
    assert client.post(edit, {**data, "text_fi": "Toisen teksti"}).status_code == 404
    assert "Harrastukset" not in client.get(reverse("insights:my_interpretations")).content.decode()
    assert "Harrastukset" not in client.get(page).content.decode()

    staff = StaffFactory()
    client.force_login(staff)
    catalogue = client.get(reverse("insights:catalogue")).content.decode()
    staff_edit = reverse("insights:interpretation_edit", args=[draft.pk])
    assert staff_edit in catalogue  # waiting to be published
    form = {**data, "text_fi": "Harrastukset lisääntyivät.", "published": "on"}
    assert client.post(staff_edit, form).status_code == 302
    draft.refresh_from_db()
    assert draft.published and draft.author == writer
    client.logout()
    assert "Harrastukset lisääntyivät." in client.get(page).content.decode()
    client.force_login(writer)
    assert client.get(edit).status_code == 404  # published: no longer a draft to edit
    assert "Published" in client.get(reverse("insights:my_interpretations")).content.decode()
    from yhteisokeskus.privacy import person_erase, personal_data

    (exported,) = personal_data(writer)["interpretations"]
    assert exported["text"] == "Harrastukset lisääntyivät." and exported["published"]
    person_erase(user=writer)
    draft.refresh_from_db()
    assert draft.author is None and draft.published  # the workshop's record stays


def test_an_interpretation_links_the_sources_it_used(client):
    indicator = followed(1)
    client.force_login(StaffFactory())
    create = reverse("insights:interpretation_create", args=["609"])
    data = {
        "indicator": indicator.pk,
        "text_fi": "Lapsiköyhyys on vähentynyt.",
        "written_on": "2026-11-20",
        "published": "on",
    }
    bad = client.post(create, {**data, "sources": "https://sotkanet.fi/ Sotkanet\nTHL:n raportti"})
    assert bad.status_code == 400
    assert "Line 2 does not begin with a web address" in bad.content.decode()
    assert not Interpretation.objects.exists()

    sources = (
        "https://sotkanet.fi/sotkanet/fi/taulukko?indicator=s07MBAA= Sotkanet\n\nhttps://thl.fi/r"
    )
    assert client.post(create, {**data, "sources": sources}).status_code == 302
    client.logout()
    page = client.get(reverse("insights:municipality_detail", args=["609"])).content.decode()
    assert (
        '<a href="https://sotkanet.fi/sotkanet/fi/taulukko?indicator=s07MBAA=">Sotkanet</a>' in page
    )
    assert '<a href="https://thl.fi/r">https://thl.fi/r</a>' in page


def test_my_interpretations_take_the_same_queries_for_one_or_many(
    client, django_assert_num_queries, django_assert_max_num_queries
):
    from organisations.models import Municipality

    writer = RepresentativeFactory().user
    client.force_login(writer)
    municipalities = list(Municipality.objects.order_by("code")[:6])

    def write(n):
        for i in range(n):
            Interpretation.objects.create(
                municipality=municipalities[i % 6],
                indicator=followed(100 + Interpretation.objects.count()),
                text_fi=f"Tulkinta {i}",
                written_on="2026-11-20",
                author=writer,
            )

    write(1)
    page = reverse("insights:my_interpretations")
    with django_assert_max_num_queries(50) as few:
        assert client.get(page).status_code == 200
    write(5)
    with django_assert_num_queries(len(few)):
        body = client.get(page).content.decode()
    assert body.count("Tulkinta ") == 6


def test_the_service_keeps_representatives_to_their_own_drafts():
    """The rules hold in the service itself, not only because the draft form lacks the
    "published" field and the views answer 404."""
    from django.core.exceptions import PermissionDenied

    from insights.services import interpretation_save
    from organisations.models import Municipality

    indicator = followed(1)
    writer, other = RepresentativeFactory().user, RepresentativeFactory().user
    pori = Municipality.objects.get(code="609")

    def draft(**fields):
        return Interpretation(municipality=pori, indicator=indicator, text_fi="Tulkinta", **fields)

    mine = interpretation_save(actor=writer, interpretation=draft(published=True))
    mine.refresh_from_db()
    assert mine.author == writer and not mine.published  # published only by staff
    with pytest.raises(PermissionDenied):
        interpretation_save(actor=other, interpretation=Interpretation.objects.get(pk=mine.pk))
    with pytest.raises(PermissionDenied):
        interpretation_save(actor=UserFactory(), interpretation=draft())
    Interpretation.objects.filter(pk=mine.pk).update(published=True)
    with pytest.raises(PermissionDenied):  # published: no longer the writer's to change
        interpretation_save(actor=writer, interpretation=Interpretation.objects.get(pk=mine.pk))

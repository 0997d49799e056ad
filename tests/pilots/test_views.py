"""Pilot pages: the public list and detail show public pilots only, with filters and
accessible charts; staff pages are for staff; measurements are entered by staff and
by representatives of the lead or a partner organisation, anyone else gets 404."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AuditEntry
from pilots.models import Measurement, PilotStatus, StatusChange
from tests.factories.organisations import (
    MunicipalityFactory,
    OrganisationFactory,
    RepresentativeFactory,
    StaffFactory,
    UserFactory,
)
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


def html(response) -> str:
    return response.content.decode()


def full_pilot(**kwargs):
    pilot = PilotFactory(**kwargs)
    pilot.municipalities.add(MunicipalityFactory())
    PartnerFactory(pilot=pilot)
    GoalFactory(pilot=pilot)
    for i in range(2):
        indicator = IndicatorFactory(pilot=pilot)
        for month in (2, 3, 4):
            MeasurementFactory(
                indicator=indicator,
                measured_on=datetime.date(2026, month, 1),
                value=Decimal(10 + 10 * month + i),
            )
    return pilot


# --- Public pages ----------------------------------------------------------------------


def test_the_public_list_shows_only_public_pilots(client):
    shown = PilotFactory(name_fi="Liikuntalähettiläät")
    hidden = PilotFactory(name_fi="Salainen kokeilu", is_public=False)
    response = client.get(reverse("pilots:list"))
    assert response.status_code == 200
    assert shown.name_fi in html(response)
    assert hidden.name_fi not in html(response)
    assert client.get(reverse("pilots:detail", args=[hidden.pk])).status_code == 404


def test_the_public_list_filters_by_theme_status_and_municipality(client):
    rauma = MunicipalityFactory(code="684", name_fi="Rauma")
    pori = MunicipalityFactory()
    a = PilotFactory(name_fi="Työkokeilu A", theme="work", status="running")
    b = PilotFactory(name_fi="Opintopiiri B", theme="education", status="completed")
    a.municipalities.add(rauma, pori)
    b.municipalities.add(pori)
    url = reverse("pilots:list")

    def names(**params):
        text = html(client.get(url, params))
        return {name for name in (a.name_fi, b.name_fi) if name in text}

    assert names() == {a.name_fi, b.name_fi}
    assert names(theme="work") == {a.name_fi}
    assert names(status="completed") == {b.name_fi}
    assert names(municipality=rauma.pk) == {a.name_fi}
    # A pilot in two chosen municipalities is listed once.
    assert html(client.get(url, {"municipality": pori.pk})).count(a.name_fi) == 1


def test_the_public_filter_offers_only_municipalities_of_public_pilots(client):
    shown = PilotFactory()
    shown.municipalities.add(MunicipalityFactory(code="684", name_fi="Rauma"))
    hidden = PilotFactory(is_public=False)
    hidden.municipalities.add(MunicipalityFactory(code="050", name_fi="Eura"))
    text = html(client.get(reverse("pilots:list")))
    assert ">Rauma<" in text and ">Eura<" not in text


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_public_list_takes_the_same_queries_for_more_pilots(client):
    full_pilot()
    few = count_queries(client, reverse("pilots:list"))
    for _ in range(4):
        full_pilot()
    assert count_queries(client, reverse("pilots:list")) == few


def test_the_public_detail_takes_the_same_queries_for_more_indicators(client):
    pilot = full_pilot()
    few = count_queries(client, reverse("pilots:detail", args=[pilot.pk]))
    for _ in range(3):
        indicator = IndicatorFactory(pilot=pilot)
        MeasurementFactory(indicator=indicator)
    assert count_queries(client, reverse("pilots:detail", args=[pilot.pk])) == few


def test_the_detail_shows_each_indicator_as_an_accessible_chart_and_a_table(client):
    pilot = PilotFactory(name_fi="Liikuntalähettiläät")
    GoalFactory(pilot=pilot, text_fi="Sata uutta liikkujaa")
    indicator = IndicatorFactory(
        pilot=pilot, name_fi="Uudet liikkujat", unit="hlöä", baseline=10, target=50
    )
    MeasurementFactory(indicator=indicator, measured_on=datetime.date(2026, 2, 1), value=20)
    MeasurementFactory(indicator=indicator, measured_on=datetime.date(2026, 3, 1), value="32.5")
    text = html(client.get(reverse("pilots:detail", args=[pilot.pk])))

    svg = re.search(r"<svg[^>]*class=\"indicator-chart\".*?</svg>", text, re.S).group(0)
    assert 'role="img"' in svg
    chart_id = f"chart-{indicator.pk}"
    assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in svg
    assert re.search(rf'<title id="{chart_id}-title">Uudet liikkujat \(hlöä\)', svg)
    desc = re.search(rf'<desc id="{chart_id}-desc">(.*?)</desc>', svg, re.S).group(1)
    # (32.5 - 10) / (50 - 10) = 56.25 % → 56,3 %
    assert "Lähtötaso 10 hlöä, tavoite 50 hlöä" in desc
    assert "32,5 hlöä" in desc and "56,3 %" in desc
    assert svg.count("<circle") == 2
    # The numbers are also in a table.
    table = re.search(r"<table>.*?</table>", text, re.S).group(0)
    assert "Uudet liikkujat" in table and "32,5" in table and "25 %" in table
    assert "Sata uutta liikkujaa" in text


def test_a_chart_without_measurements_says_so(client):
    pilot = PilotFactory()
    IndicatorFactory(pilot=pilot, baseline=5, target=5)
    text = html(client.get(reverse("pilots:detail", args=[pilot.pk])))
    assert "Ei vielä mittauksia." in text
    assert "<table>" not in text


def test_the_public_detail_hides_notes_and_the_responsible_person(client):
    pilot = PilotFactory()
    indicator = IndicatorFactory(pilot=pilot)
    MeasurementFactory(indicator=indicator, note="Sisäinen huomio")
    text = html(client.get(reverse("pilots:detail", args=[pilot.pk])))
    assert "Sisäinen huomio" not in text
    assert pilot.responsible.email not in text


def test_a_pilot_is_public_in_swedish_too(client):
    pilot = PilotFactory(
        name_fi="Liikuntalähettiläät",
        name_sv="Motionsambassadörer",
        description_fi="Vain suomeksi.",
    )
    text = html(client.get("/sv" + reverse("pilots:detail", args=[pilot.pk])))
    assert '<h1 lang="sv">Motionsambassadörer</h1>' in text
    # A text missing in Swedish is shown in Finnish, marked as such for screen readers.
    assert '<p class="prose" lang="fi">Vain suomeksi.</p>' in text


# --- Staff pages -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["pilots:staff_list"])
def test_staff_pages_are_not_for_others(client, name):
    assert client.get(reverse(name)).status_code == 302
    client.force_login(RepresentativeFactory().user)
    assert client.get(reverse(name)).status_code == 404


def test_staff_see_every_pilot_and_its_page(client):
    hidden = full_pilot(name_fi="Salainen kokeilu", is_public=False)
    outsider = UserFactory()
    client.force_login(outsider)
    assert client.get(reverse("pilots:staff_detail", args=[hidden.pk])).status_code == 404
    client.force_login(StaffFactory())
    assert hidden.name_fi in html(client.get(reverse("pilots:staff_list")))
    text = html(client.get(reverse("pilots:staff_detail", args=[hidden.pk])))
    assert hidden.responsible.email in text


def test_the_staff_list_takes_the_same_queries_for_more_pilots(client):
    client.force_login(StaffFactory())
    full_pilot(is_public=False)
    few = count_queries(client, reverse("pilots:staff_list"))
    for _ in range(4):
        full_pilot()
    assert count_queries(client, reverse("pilots:staff_list")) == few


def test_the_staff_detail_takes_the_same_queries_for_more_indicators(client):
    client.force_login(StaffFactory())
    pilot = full_pilot()
    few = count_queries(client, reverse("pilots:staff_detail", args=[pilot.pk]))
    for _ in range(3):
        MeasurementFactory(indicator=IndicatorFactory(pilot=pilot))
        PartnerFactory(pilot=pilot)
    assert count_queries(client, reverse("pilots:staff_detail", args=[pilot.pk])) == few


def test_staff_change_the_status_on_the_staff_page(client):
    staff = StaffFactory()
    pilot = PilotFactory(status="running")
    client.force_login(staff)
    response = client.post(
        reverse("pilots:transition", args=[pilot.pk]),
        {"to_status": "evaluating", "on": "2026-06-01", "note": "Kausi päättyi"},
    )
    assert response.status_code == 302
    pilot.refresh_from_db()
    assert pilot.status == PilotStatus.EVALUATING
    change = StatusChange.objects.get(pilot=pilot)
    assert change.changed_on == datetime.date(2026, 6, 1) and change.changed_by == staff

    # Completing without an evaluation: the form says why, next to the field.
    response = client.post(
        reverse("pilots:transition", args=[pilot.pk]), {"to_status": "completed"}
    )
    assert response.status_code == 400
    assert "ilman arviointia" in html(response)
    pilot.refresh_from_db()
    assert pilot.status == PilotStatus.EVALUATING


def test_staff_write_the_evaluation_and_then_complete(client):
    pilot = PilotFactory(status="evaluating")
    client.force_login(StaffFactory())
    response = client.post(
        reverse("pilots:evaluation", args=[pilot.pk]),
        {
            "results": "Tulokset",
            "impact": "Vaikutus",
            "lessons": "Opit",
            "recommendation": "continue",
            "evaluator": "Arviointiryhmä",
            "evaluated_on": "2026-06-10",
        },
    )
    assert response.status_code == 302
    client.post(reverse("pilots:transition", args=[pilot.pk]), {"to_status": "completed"})
    pilot.refresh_from_db()
    assert pilot.status == PilotStatus.COMPLETED
    assert "Jatketaan" in html(client.get(reverse("pilots:detail", args=[pilot.pk])))


# --- Measurements ----------------------------------------------------------------------


def post_measurement(client, indicator, day="2026-06-01", value="12,5"):
    return client.post(
        reverse("pilots:measurement_create", args=[indicator.pilot_id]),
        {"indicator": indicator.pk, "measured_on": day, "value": value, "note": "Kesäkuu"},
    )


def test_a_partner_representative_enters_a_measurement(client):
    indicator = IndicatorFactory()
    partner = PartnerFactory(pilot=indicator.pilot)
    user = RepresentativeFactory(organisation=partner.organisation, role="member").user
    client.force_login(user)
    assert indicator.pilot.name_fi in html(client.get(reverse("pilots:measurement_pilots")))
    form = client.get(reverse("pilots:measurement_create", args=[indicator.pilot_id]))
    assert form.status_code == 200 and 'name="indicator"' in html(form)
    response = post_measurement(client, indicator)
    assert response.status_code == 302
    assert "Kesäkuu" in html(client.get(response["Location"]))
    measurement = Measurement.objects.get(indicator=indicator)
    assert measurement.value == Decimal("12.5") and measurement.entered_by == user
    # The audit log records who entered it.
    entry = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Measurement), object_id=str(measurement.pk)
    )
    assert entry.action == "create" and entry.actor == user


def test_entering_a_measurement_for_a_pilot_the_representatives_organisation_is_not_in_answers_404(
    client,
):
    indicator = IndicatorFactory()
    other = RepresentativeFactory(organisation=OrganisationFactory()).user
    client.force_login(other)
    url = reverse("pilots:measurement_create", args=[indicator.pilot_id])
    assert client.get(url).status_code == 404
    assert post_measurement(client, indicator).status_code == 404
    assert not Measurement.objects.exists()
    assert indicator.pilot.name_fi not in html(client.get(reverse("pilots:measurement_pilots")))


def test_an_indicator_of_another_pilot_cannot_be_slipped_in(client):
    mine = IndicatorFactory()
    theirs = IndicatorFactory()
    client.force_login(RepresentativeFactory(organisation=mine.pilot.lead_organisation).user)
    response = client.post(
        reverse("pilots:measurement_create", args=[mine.pilot_id]),
        {"indicator": theirs.pk, "measured_on": "2026-06-01", "value": "1"},
    )
    assert response.status_code == 400
    assert not Measurement.objects.exists()


def test_a_duplicate_date_is_shown_next_to_the_field(client):
    indicator = IndicatorFactory()
    client.force_login(StaffFactory())
    post_measurement(client, indicator)
    response = post_measurement(client, indicator)
    assert response.status_code == 400
    assert "on jo mittaus" in html(response)


def test_the_measurement_list_takes_the_same_queries_for_more_pilots(client):
    organisation = OrganisationFactory()
    client.force_login(RepresentativeFactory(organisation=organisation).user)
    full_pilot(lead_organisation=organisation)
    few = count_queries(client, reverse("pilots:measurement_pilots"))
    for _ in range(3):
        PartnerFactory(pilot=full_pilot(), organisation=organisation)
    assert count_queries(client, reverse("pilots:measurement_pilots")) == few

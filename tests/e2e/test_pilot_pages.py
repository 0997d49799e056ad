"""Service pilots in the browser: the public list with its filters and a pilot's page
with its indicator charts, axe-clean in the three languages and on a phone; and a
partner's representative entering a measurement."""

import datetime
from decimal import Decimal

import pytest

from pilots.models import PilotReport
from tests.factories.organisations import MunicipalityFactory, RepresentativeFactory, StaffFactory
from tests.factories.pilots import (
    GoalFactory,
    IndicatorFactory,
    MeasurementFactory,
    PartnerFactory,
    PilotFactory,
)

from .browser import check_page, log_in, path, visit
from .conftest import MOBILE

pytestmark = pytest.mark.browser


@pytest.fixture
def pilots():
    pori = MunicipalityFactory()
    shown = PilotFactory(
        name_fi="Liikuntalähettiläät",
        name_sv="Motionsambassadörer",
        name_en="Exercise ambassadors",
        theme="wellbeing",
        start_date=datetime.date(2025, 1, 1),
    )
    shown.municipalities.add(pori)
    PartnerFactory(pilot=shown)
    GoalFactory(pilot=shown, text_fi="Sata uutta liikkujaa")
    up = IndicatorFactory(pilot=shown, name_fi="Uudet liikkujat", baseline=0, target=100)
    down = IndicatorFactory(
        pilot=shown, name_fi="Keskeyttäneet", unit="%", baseline=40, target=10, direction="decrease"
    )
    for month, value in ((2, 12), (3, 30), (4, 47), (5, 55)):
        MeasurementFactory(indicator=up, measured_on=datetime.date(2025, month, 1), value=value)
        MeasurementFactory(
            indicator=down, measured_on=datetime.date(2025, month, 1), value=40 - value / 3
        )
    PilotFactory(name_fi="Opintopiiri", theme="education", status="planning")
    PilotFactory(name_fi="Salainen kokeilu", is_public=False)
    return {"shown": shown, "up": up}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_public_pilot_pages_are_accessible(page, url, pilots, language):
    visit(page, url(path("pilots:list", language)))
    assert page.locator("main .card").count() == 2
    assert "Salainen kokeilu" not in page.content()

    page.select_option("select[name=theme]", "wellbeing")
    page.locator("main form button[type=submit]").first.click()
    check_page(page, label=f"filtered-{language}")
    assert page.locator("main .card").count() == 1

    page.locator("main .card a").first.click()
    check_page(page, label=f"detail-{language}")
    assert page.url.endswith(path("pilots:detail", language, pk=pilots["shown"].pk))
    charts = page.locator("svg.indicator-chart[role=img]")
    assert charts.count() == 2
    assert page.locator("main table").count() == 2
    expected = {"fi": "Liikuntalähettiläät", "sv": "Motionsambassadörer", "en": "Exercise"}
    assert expected[language] in page.locator("h1").inner_text()


def test_the_pilot_page_fits_a_phone(new_page, url, pilots):
    page = new_page(viewport=MOBILE)
    visit(page, url(path("pilots:detail", pk=pilots["shown"].pk)))
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
    box = page.locator("svg.indicator-chart").first.bounding_box()
    assert box is not None and box["width"] <= MOBILE["width"]


def test_staff_evaluate_complete_and_build_the_report(page, url, pilots, settings, tmp_path):
    from yhteisokeskus.celery import app

    settings.MEDIA_ROOT = tmp_path / "media"
    previous, app.conf.task_always_eager = app.conf.task_always_eager, True
    try:
        pilot = pilots["shown"]
        log_in(page, url, StaffFactory(email="henkilokunta@example.fi").email)
        visit(page, url(path("pilots:staff_list")))
        assert "Salainen kokeilu" in page.content()
        visit(page, url(path("pilots:staff_detail", pk=pilot.pk)))

        page.select_option("select[name=to_status]", "evaluating")
        page.locator("form[action$='/tila/'] button[type=submit]").click()
        check_page(page, label="evaluating")
        assert "Arvioinnissa" in page.locator("main").inner_text()

        page.locator("main a[href$='/arviointi/']").click()
        page.fill("textarea[name=results]", "Liikkujia tuli 55 uutta.")
        page.fill("textarea[name=impact]", "Yksinäisyys väheni.")
        page.fill("textarea[name=lessons]", "Henkilökohtainen kutsu toimii.")
        page.select_option("select[name=recommendation]", "scale_up")
        page.fill("input[name=evaluator]", "SAMK")
        page.fill("input[name=evaluated_on]", "2025-06-01")
        check_page(page, label="evaluation form")
        page.locator("main form button[type=submit]").click()
        check_page(page, label="evaluated")

        page.select_option("select[name=to_status]", "completed")
        page.locator("form[action$='/tila/'] button[type=submit]").click()
        check_page(page, label="completed")
        assert "Toteutettu" in page.locator("main").inner_text()

        page.locator("form[action$='/raportti/'] button[type=submit]").click()
        check_page(page, label="report")
        report = PilotReport.objects.get(pilot=pilot)
        assert report.status == PilotReport.Status.DONE
        with page.expect_download() as download:
            page.locator("main a.button[href$='/lataa/']").click()
        assert download.value.suggested_filename.endswith(".pdf")
    finally:
        app.conf.task_always_eager = previous


def test_a_partner_representative_enters_a_measurement(page, url, pilots):
    pilot = pilots["shown"]
    pilot.start_date = datetime.date(2025, 1, 1)
    pilot.save()
    partner = pilot.partnerships.get()
    rep = RepresentativeFactory(
        organisation=partner.organisation, user__email="kumppani@example.fi"
    )
    visit(page, url(path("account_login")))
    page.fill("input[name=login]", rep.user.email)
    page.fill("input[name=password]", "salasana-123")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("load")

    visit(page, url(path("pilots:measurement_pilots")))
    page.locator("main .card a").first.click()
    check_page(page, label="measurement form")
    page.select_option("select[name=indicator]", str(pilots["up"].pk))
    page.fill("input[name=measured_on]", "2025-06-01")
    page.fill("input[name=value]", "61,5")
    page.locator("main form button[type=submit]").first.click()
    check_page(page, label="measurement saved")
    assert pilots["up"].measurements.filter(value=Decimal("61.5")).exists()

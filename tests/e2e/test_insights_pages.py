"""Municipal indicators in the browser: the municipality page with the demo indicators
(the shared samples when present), axe-clean in three languages and on a phone, a
visitor comparing two municipalities and downloading the figures, and staff following
an indicator in the catalogue."""

import csv
import io

import pytest
from django.core.management import call_command

from insights.models import Indicator, Interpretation
from tests.factories.organisations import MunicipalityFactory, StaffFactory

from .browser import check_page, log_in, path, screenshot, visit
from .conftest import MOBILE

PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.browser


@pytest.fixture
def demo():
    # Browser tests flush the register's reference data: Pori and Rauma are made here.
    pori = MunicipalityFactory()
    MunicipalityFactory(
        code="684", name_fi="Rauma", name_sv="Raumo", name_en="Rauma", region=pori.region
    )
    call_command("load_insights_demo")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_municipality_page_is_accessible(page, url, demo, language):
    visit(page, url(path("insights:municipality_list", language)))
    page.locator("main a[href$='/609/']").first.click()
    check_page(page, label=f"pori-{language}")
    followed = Indicator.objects.filter(followed=True).count()
    assert page.locator("main table:has(#followed-caption) tbody tr").count() == followed
    # The demo workshop's interpretations, and the centre's own figures
    assert page.locator("article.interpretation").count() == 2
    assert page.locator("[data-figure=members]").count() == 1


def test_municipality_page_fits_a_phone(new_page, url, demo):
    page = new_page(viewport=MOBILE)
    visit(page, url(path("insights:municipality_detail", code="609")))
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
    screenshot(page, "pori-phone")


def test_staff_follow_an_indicator(page, url, demo):
    indicator = Indicator.objects.create(
        source="sotkanet", source_id="9999", title_fi="Testi-indikaattori"
    )
    log_in(page, url, StaffFactory(email="henkilokunta@example.fi").email)
    visit(page, url(path("insights:catalogue")))
    row = page.locator(f"form[action$='/{indicator.pk}/seuraa/']")
    row.locator("input[name=followed]").check()
    row.locator("select[name=theme]").select_option("families")
    row.locator("button[type=submit]").click()
    check_page(page, label="followed")
    indicator.refresh_from_db()
    assert indicator.followed and indicator.theme == "families"


def test_staff_write_an_interpretation_shown_on_the_page(page, url, demo):
    log_in(page, url, StaffFactory(email="henkilokunta@example.fi").email)
    visit(page, url(path("insights:interpretation_create", code="684")))
    page.select_option("select[name=theme]", "families")
    page.fill("textarea[name=text_fi]", "Perheiden palveluja käytetään yhä useammin.")
    page.fill("input[name=participants_fi]", "kaupunki ja järjestöt")
    page.check("input[name=published]")
    page.locator("main form button[type=submit]").click()
    check_page(page, label="interpretations")
    assert Interpretation.objects.filter(municipality__code="684", theme="families").get().published
    visit(page, url(path("insights:municipality_detail", "sv", code="684")))
    text = page.locator("article.interpretation [lang=fi]", has_text="Perheiden palveluja")
    assert text.count() == 1


def test_visitor_compares_two_municipalities_and_downloads_the_figures(page, new_page, url, demo):
    visit(page, url(path("insights:municipality_list")))
    page.locator("main a[href$='/vertailu/']").click()
    check_page(page, label="comparison form")
    page.locator("details.region-choice summary", has_text="Satakunta").click()
    page.check("#kunta-609")
    page.check("#kunta-684")
    page.locator("main form.comparison-form button[type=submit]").click()
    check_page(page, label="comparison")
    table = page.locator("main table:has(#indicators-caption)")
    headers = table.locator("thead th").all_inner_texts()
    assert headers[2:4] == ["Pori", "Rauma"]
    rows = table.locator("tbody tr")
    assert rows.count() == Indicator.objects.filter(followed=True).count()
    shown = {}
    for n in range(rows.count()):
        cells = rows.nth(n).locator("th, td").all_inner_texts()
        shown[cells[0]] = {"609": cells[2], "684": cells[3]}

    with page.expect_download() as download:
        page.locator("main a[href*='luvut.csv']").click()
    assert download.value.suggested_filename.startswith("vertailu-609-684-")
    with open(download.value.path(), encoding="utf-8-sig") as file:
        downloaded = list(csv.reader(io.StringIO(file.read()), delimiter=";"))
    assert downloaded[0][:5] == ["Koodi", "Alue", "Luku", "Vuosi", "Arvo"]
    assert ["Lähde: THL, Sotkanet.fi"] in downloaded
    checked = 0
    for title, values in shown.items():
        in_file = {r[0]: r for r in downloaded if len(r) > 2 and title.startswith(r[2])}
        for code, text in values.items():
            if code not in in_file:
                assert text == "–", f"{title} {code}: {text} on the page, not in the file"
            elif in_file[code][4]:
                assert text == in_file[code][4], f"{title} {code}"
                checked += 1
            else:
                assert in_file[code][7] and text == "salattu"
    assert checked >= 2

    phone = new_page(viewport=PHONE)
    visit(phone, page.url, label="comparison on a phone")
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"

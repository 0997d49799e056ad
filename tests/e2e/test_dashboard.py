"""The staff dashboard in the browser: axe-clean in the three languages and on a phone,
its charts fit the screen, and an annual report started from it is followed to its
download."""

import pytest
from django.urls import reverse
from django.utils import translation

from facilities.models import Booking
from tests.factories.facilities import BookingFactory, RoomFactory, at
from tests.factories.organisations import StaffFactory
from tests.factories.pilots import PilotFactory
from tests.factories.trainings import SessionFactory
from yhteisokeskus.models import AnnualReport
from yhteisokeskus.reporting.dashboard import week_bounds

from .browser import check_page, visit
from .conftest import MOBILE

pytestmark = pytest.mark.browser


def path(name: str, language: str = "fi", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def log_in(page, url, email):
    visit(page, url(path("account_login")))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", "salasana-123")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("load")


@pytest.fixture
def week():
    monday, _sunday = week_bounds()
    room = RoomFactory(name_fi="Sali Karhu", name_sv="Salen Karhu", name_en="Hall Karhu")
    BookingFactory(room=room, start=at(monday, 9), end=at(monday, 11))
    BookingFactory(
        room=room, start=at(monday, 12), end=at(monday, 13), status=Booking.Status.REQUESTED
    )
    SessionFactory(starts=at(monday, 17), ends=at(monday, 19))
    PilotFactory(status="running")
    PilotFactory(status="planning")
    return StaffFactory(email="henkilokunta@example.fi")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_dashboard_is_accessible(page, url, week, language):
    log_in(page, url, week.email)
    visit(page, url(path("dashboard:dashboard", language)), label=f"dashboard {language}")
    main = page.locator("main")
    assert main.locator("h1").count() == 1
    assert main.locator("svg[role=img]").count() == 2
    assert "Karhu" in main.inner_text()


def test_the_dashboard_fits_a_phone(new_page, url, week):
    page = new_page(viewport=MOBILE)
    log_in(page, url, week.email)
    visit(page, url(path("dashboard:dashboard")), label="dashboard phone")
    for chart in page.locator("svg.bar-chart").all():
        box = chart.bounding_box()
        assert box is not None and box["x"] + box["width"] <= MOBILE["width"]


def test_staff_build_the_annual_report_from_the_dashboard(page, url, week, settings, tmp_path):
    from yhteisokeskus.celery import app

    settings.MEDIA_ROOT = tmp_path / "media"
    previous, app.conf.task_always_eager = app.conf.task_always_eager, True
    try:
        log_in(page, url, week.email)
        visit(page, url(path("dashboard:dashboard")))
        page.select_option("select[name=year]", "2025")
        page.locator("form[action$='/vuosiraportti/'] button[type=submit]").click()
        check_page(page, label="annual report")
        report = AnnualReport.objects.get()
        assert report.status == AnnualReport.Status.DONE
        with page.expect_download() as download:
            page.locator("main a.button[href$='/lataa/']").click()
        assert download.value.suggested_filename == "annual-report-2025.pdf"
        visit(page, url(path("dashboard:dashboard")), label="dashboard with the report")
        assert page.locator("main a[href$='/lataa/']").count() == 1
    finally:
        app.conf.task_always_eager = previous

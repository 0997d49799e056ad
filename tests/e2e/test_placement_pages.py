"""Placements in the browser: staff make a participant and a placement at 1280 px; the
supervisor marks a day on a phone (390 px); the public list of host places. Every page
is checked with axe-core."""

import datetime

import pytest

from core import clock
from placements.models import Attendance, Placement
from placements.services import is_public_holiday
from tests.factories.organisations import StaffFactory, UserFactory
from tests.factories.placements import (
    AuthorityFactory,
    HostFactory,
    PlacementFactory,
    supervisor_of,
)

from .browser import check_page, log_in, path, visit

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_public_host_list(page, url):
    HostFactory(organisation__name_fi="Porin Työttömät ry", tasks="Kierrätyskirpputori")
    visit(page, url(path("placements:hosts")))
    assert "Porin Työttömät ry" in page.locator("main").inner_text()


def test_staff_make_a_participant_and_a_placement(page, url):
    host = HostFactory(organisation__name_fi="Porin Seudun Mielenterveysyhdistys ry")
    supervisor = supervisor_of(host)
    AuthorityFactory(name="Porin työllisyyspalvelut")
    log_in(page, url, StaffFactory().email)
    visit(page, url(path("placements:staff_list")))
    page.locator("main a[href$='/osallistujat/uusi/']").click()
    check_page(page, label="participant form")
    page.fill("input[name=name]", "Aino Esimerkki")
    page.fill("input[name=phone]", "040 123 4567")
    page.locator("main form button[type=submit]").click()
    check_page(page, label="placement form")
    page.select_option("select[name=kind]", "rehabilitative")
    page.select_option("select[name=participant]", label="Aino Esimerkki")
    page.select_option("select[name=host]", str(host.pk))
    page.select_option("select[name=supervisor]", str(supervisor.pk))
    page.select_option("select[name=authority]", label="Porin työllisyyspalvelut")
    page.fill("input[name=start_date]", "2027-01-04")
    page.fill("input[name=end_date]", "2027-04-03")
    page.fill("input[name=days_per_week]", "5")
    page.fill("input[name=hours_per_day]", "4")
    for day in ("0", "1", "2", "3", "4"):
        page.check(f"input[name=weekdays][value='{day}']")
    page.fill("textarea[name=goals]", "Päivärytmi")
    page.fill("textarea[name=tasks]", "Kahvila")
    page.locator("main form button[type=submit]").click()
    check_page(page, label="refused")
    assert "1–4 päivää viikossa" in page.locator("main").inner_text()
    assert not Placement.objects.exists()
    page.fill("input[name=days_per_week]", "4")
    page.uncheck("input[name=weekdays][value='4']")
    page.locator("main form button[type=submit]").click()
    check_page(page, label="made")
    placement = Placement.objects.get()
    assert page.url.endswith(path("placements:staff_detail", pk=placement.pk))


def test_the_supervisor_marks_a_day_on_a_phone(new_page, url):
    today = clock.today()
    day = today - datetime.timedelta(days=1)
    while day.weekday() > 3 or is_public_holiday(day):
        day -= datetime.timedelta(days=1)
    placement = PlacementFactory(
        start_date=today - datetime.timedelta(days=30), end_date=today + datetime.timedelta(days=70)
    )
    page = new_page(viewport=PHONE)
    log_in(page, url, placement.supervisor.user.email)
    visit(page, url(path("placements:supervised")))
    page.locator("main table a").first.click()
    check_page(page, label="attendance form")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
    page.fill("input[name=day]", day.isoformat())
    page.check("input[name=status][value=present]")
    page.fill("input[name=hours]", "4")
    page.locator("main form:has(input[name=day]) button[type=submit]").click()
    check_page(page, label="marked")
    assert Attendance.objects.get().day == day


def test_participant_gives_feedback_on_a_phone_and_staff_end_the_placement(new_page, url):
    today = clock.today()
    placement = PlacementFactory(
        participant__user=UserFactory(),
        start_date=today - datetime.timedelta(days=40),
        end_date=today + datetime.timedelta(days=60),
    )
    page = new_page(viewport=PHONE)
    log_in(page, url, placement.participant.user.email)
    visit(page, url(path("placements:own_list", language="sv")))
    page.locator("main a[href*='/omat/']").first.click()
    check_page(page, label="own placement sv")
    page.check("input[name=goals_met][value='3']")
    page.check("input[name=tasks_suited][value='4']")
    page.check("input[name=guidance][value='4']")
    page.fill("textarea[name=text]", "Trivs bra")
    page.locator("main form button[type=submit]").click()
    check_page(page, label="feedback saved")
    assert "Trivs bra" in page.locator("main").inner_text()
    staff_page = new_page()
    log_in(staff_page, url, StaffFactory().email)
    visit(staff_page, url(path("placements:staff_detail", pk=placement.pk)))
    staff_page.locator("main details summary").click()
    staff_page.check("input[name=outcome][value='interrupted']")
    staff_page.fill("input[name=last_day]", f"{today - datetime.timedelta(days=1):%Y-%m-%d}")
    staff_page.fill("textarea[name=reason]", "Aloitti palkkatyön")
    staff_page.locator("main details form button[type=submit]").click()
    check_page(staff_page, label="ended early")
    placement.refresh_from_db()
    assert placement.status == Placement.Status.INTERRUPTED
    assert "Trivs bra" in staff_page.locator("main").inner_text()

"""Placements in the browser: staff make a participant and a placement at 1280 px and
download its agreement (read back with pypdf); staff build last month's attendance report
of an authority and send it through the outbox; the supervisor marks a day on a phone
(390 px); the public list of host places. Every page is checked with axe-core."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from pypdf import PdfReader

from core import clock
from placements import services
from placements.models import Attendance, AttendanceReport, Placement, ReportDispatch
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
    # The agreement for signatures, in Finnish, from the placement's page.
    with page.expect_download() as download:
        page.locator("main a[href$='/sopimus/']").click()
    assert download.value.suggested_filename == f"sopimus-{placement.pk}-2027-01-04.pdf"
    text = _pdf_text(download.value.path())
    assert "Sopimus kuntouttavasta työtoiminnasta" in text
    assert "Aino Esimerkki" in text and "040 123 4567" in text
    assert "Porin Seudun Mielenterveysyhdistys ry" in text
    assert "4.1.2027–3.4.2027" in text and "4 (maanantai, tiistai, keskiviikko, torstai)" in text


def _pdf_text(pdf) -> str:
    """The text of every page with the whitespace evened out (a name may wrap)."""
    return " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())


def test_staff_build_and_send_the_monthly_report(page, url, settings, tmp_path):
    from yhteisokeskus.celery import app

    today = clock.today()
    month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    authority = AuthorityFactory(name="Porin työllisyyspalvelut", contact_email="tp@pori.example")
    placement = PlacementFactory(
        authority=authority,
        participant__name="Anna Aalto",
        start_date=month - datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=60),
    )
    day = month
    while day.weekday() > 3 or is_public_holiday(day):
        day += datetime.timedelta(days=1)
    services.attendance_mark(
        actor=placement.supervisor.user,
        placement=placement,
        day=day,
        status="present",
        hours=Decimal("4"),
    )
    settings.MEDIA_ROOT = tmp_path / "media"
    previous, app.conf.task_always_eager = app.conf.task_always_eager, True
    try:
        staff = StaffFactory()
        log_in(page, url, staff.email)
        visit(page, url(path("placements:reports")))
        page.select_option("select[name=authority]", label="Porin työllisyyspalvelut")
        page.fill("input[name=month]", f"{month:%Y-%m}")
        page.locator("main form button:not([name])").click()
        check_page(page, label="report built")
        report = AttendanceReport.objects.get()
        assert (report.authority, report.month) == (authority, month)
        assert report.status == AttendanceReport.Status.DONE
        assert page.locator("main a.button[href$='/lataa/']").count() == 1

        visit(page, url(path("placements:reports")), label="reports again")
        page.select_option("select[name=authority]", label="Porin työllisyyspalvelut")
        page.fill("input[name=month]", f"{month:%Y-%m}")
        page.locator("main form button[name=send]").click()
        check_page(page, label="report sent")
        main = page.locator("main").inner_text()
        assert "Raportti lähetetään ohjaavalle viranomaiselle." in main
        assert f"Porin työllisyyspalvelut {month:%m/%Y}: lähetetty" in main
    finally:
        app.conf.task_always_eager = previous
    row = ReportDispatch.objects.get()
    assert (row.authority, row.month, row.language) == (authority, month, "fi")
    assert row.queued_by == staff
    assert row.sent_at is not None and not row.last_error
    (message,) = [m for m in mail.outbox if m.to == ["tp@pori.example"]]
    name, pdf, _type = message.attachments[0]
    assert name == f"attendance-{authority.pk}-{month:%Y-%m}.pdf"
    assert "Anna Aalto" in _pdf_text(io.BytesIO(pdf))


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

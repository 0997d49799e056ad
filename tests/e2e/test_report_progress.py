"""A report's progress page in the browser, while a worker builds the report: htmx
refreshes the status until the download link appears, with nothing the
Content-Security-Policy blocks; without JavaScript the page reloads itself instead."""

import datetime

import pytest

from core.reports import report_build, report_create
from facilities.models import Report
from tests.factories.organisations import StaffFactory

from .browser import check_page, log_in, path, visit
from .conftest import MOBILE

pytestmark = pytest.mark.browser


@pytest.fixture
def report(transactional_db):
    return report_create(
        Report, kind="utilisation", month=datetime.date(2026, 12, 1), language="fi"
    )


def test_htmx_follows_the_build_to_the_download(page, url, report):
    log_in(page, url, StaffFactory().email)
    visit(page, url(report.get_absolute_url()), label="report waiting")
    report_build(Report, report.pk)  # as the worker would, while the page is open
    download = page.locator("#report-status a.button")
    download.wait_for()  # the next poll, within 3 s
    assert download.get_attribute("href") == report.get_download_url()
    check_page(page, label="report ready")


def test_without_javascript_the_page_reloads_itself(browser, url, report):
    context = browser.new_context(java_script_enabled=False, locale="fi-FI")
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        # Logged in through the form by hand: axe-core (in `visit`) needs JavaScript.
        page.goto(url(path("account_login")))
        page.fill("input[name=login]", StaffFactory().email)
        page.fill("input[name=password]", "salasana-123")
        page.locator("main form button[type=submit]").first.click()
        page.goto(url(report.get_absolute_url()))
        assert page.locator("#report-status a.button").count() == 0
        report_build(Report, report.pk)
        page.locator("#report-status a.button").wait_for()  # the next reload, within 3 s
    finally:
        context.close()


def test_a_failed_report_in_swedish_on_a_phone(new_page, url, report):
    """The failure and its reason, in Swedish, on a phone: nothing wider than the screen."""
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.FAILED, error="OSError: the disk is full"
    )
    page = new_page(viewport=MOBILE, locale="sv-FI")
    log_in(page, url, StaffFactory().email)
    visit(page, url("/sv" + report.get_absolute_url()), label="report failed sv phone")
    status = page.locator("#report-status")
    assert "OSError: the disk is full" in status.inner_text()
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

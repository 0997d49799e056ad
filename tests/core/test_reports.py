"""The report pipeline (core.reports) on a real report model, the room utilisation report:
asking enqueues the build only once the transaction commits, a failure is recorded and
shown, of two builds one file stays, the file lives in the private storage, the progress
page follows the build with or without JavaScript, and the data migration moves the
files that were under MEDIA_ROOT."""

import importlib
import re
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import transaction

from core import reports
from facilities.models import Report
from tests.factories.organisations import StaffFactory

pytestmark = pytest.mark.django_db

DECEMBER = date(2026, 12, 1)
PDF = b"%PDF-1.7 test"


@pytest.fixture
def queue(monkeypatch):
    """What is sent to the broker."""
    sent = []
    monkeypatch.setattr(reports, "build_report", SimpleNamespace(delay=lambda *a: sent.append(a)))
    return sent


@pytest.fixture
def rendered(monkeypatch):
    """Rendering stubbed: these tests are about the lifecycle, not a PDF's contents."""
    monkeypatch.setattr(Report, "render_pdf", lambda report: PDF)


def utilisation() -> Report:
    return reports.report_create(Report, kind="utilisation", month=DECEMBER, language="fi")


def ask(staff) -> Report:
    return reports.report_request(
        Report, kind="utilisation", month=DECEMBER, language="fi", requested_by=staff
    )


# --- Asking ------------------------------------------------------------------------------


def test_the_build_is_enqueued_once_the_transaction_commits(
    queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = ask(StaffFactory())
        assert queue == []  # not before the commit: the worker would not find the row
    assert queue == [("facilities.Report", report.pk)]
    assert Report.objects.get().status == Report.Status.PENDING


def test_nothing_is_enqueued_when_the_transaction_rolls_back(
    queue, django_capture_on_commit_callbacks
):
    staff = StaffFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            ask(staff)
            raise RuntimeError("the request failed after asking")
    assert callbacks == [] and queue == []
    assert not Report.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_broker_outage_leaves_a_pending_report_rather_than_an_error(monkeypatch, caplog):
    def outage(*args):
        raise ConnectionError("broker down")

    monkeypatch.setattr(reports, "build_report", SimpleNamespace(delay=outage))
    report = ask(StaffFactory())  # commits: the enqueueing runs, fails, and is logged
    assert Report.objects.get(pk=report.pk).status == Report.Status.PENDING
    assert "broker down" in caplog.text


# --- Building ----------------------------------------------------------------------------


def test_a_failure_is_recorded_with_its_reason_and_shown_on_the_page(client, monkeypatch, caplog):
    def broken(report):
        raise OSError("disk full")

    monkeypatch.setattr(Report, "render_pdf", broken)
    report = reports.report_build(Report, utilisation().pk)
    assert report.status == Report.Status.FAILED
    assert report.error == "OSError: disk full"
    assert report.finished_at is not None and not report.file
    assert "could not be built" in caplog.text

    client.force_login(StaffFactory())
    html = client.get(report.get_absolute_url()).content.decode()
    assert "Epäonnistui" in html and "OSError: disk full" in html
    assert "hx-get" not in html and 'http-equiv="refresh"' not in html


def test_a_long_reason_is_cut_to_fit(monkeypatch):
    def broken(report):
        raise ValueError("x" * 5000)

    monkeypatch.setattr(Report, "render_pdf", broken)
    report = reports.report_build(Report, utilisation().pk)
    assert report.error.startswith("ValueError: xxx")
    assert len(report.error) == reports.MAX_ERROR_LENGTH


def test_of_two_builds_at_once_only_the_first_to_finish_keeps_its_file(monkeypatch, settings):
    report = utilisation()
    runs = []

    def render(report):
        run = len(runs) + 1
        runs.append(run)
        if run == 1:
            # While the first run renders, a second one (a retried task) runs to the end.
            reports.report_build(Report, report.pk)
        return f"%PDF-1.7 run {run}".encode()

    monkeypatch.setattr(Report, "render_pdf", render)
    first = reports.report_build(Report, report.pk)
    assert runs == [1, 2]
    assert first.status == Report.Status.DONE
    assert first.file.read() == b"%PDF-1.7 run 2"
    assert [p.name for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*.pdf")] == [
        Path(first.file.name).name
    ]
    # A finished report is left alone.
    assert reports.report_build(Report, report.pk).file.name == first.file.name
    assert runs == [1, 2]


def test_the_file_is_stored_privately_under_an_unguessable_name(rendered, settings):
    report = reports.report_build(Report, utilisation().pk)
    path = Path(report.file.path)
    assert path.read_bytes() == PDF
    assert path.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not path.is_relative_to(settings.MEDIA_ROOT)
    assert not list(Path(settings.MEDIA_ROOT).rglob("*"))
    assert re.fullmatch(
        r"reports/facilities/utilisation-2026-12-[0-9a-f]{16}\.pdf", report.file.name
    )
    with pytest.raises(ValueError):
        report.file.url  # noqa: B018  (the storage has no URL: only the download view serves it)


def test_a_deleted_report_is_not_built():
    assert reports.report_build(Report, 987654) is None


# --- The progress page -------------------------------------------------------------------


def test_the_progress_page_polls_with_htmx_and_reloads_itself_without_javascript(client, rendered):
    report = utilisation()
    url = report.get_absolute_url()
    client.force_login(StaffFactory())
    html = client.get(url).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html
    assert f'hx-get="{url}" hx-trigger="every 3s"' in html
    assert 'src="/static/django_htmx/htmx-2.min.js"' in html  # a static file, as the CSP wants

    fragment = client.get(url, headers={"HX-Request": "true"})
    assert (
        "<html" not in fragment.content.decode()
        and 'id="report-status"' in fragment.content.decode()
    )
    assert "HX-Request" in fragment["Vary"]

    reports.report_build(Report, report.pk)
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-get" not in fragment  # the polling stops
    assert report.get_download_url() in fragment


# --- The data migration ------------------------------------------------------------------


def test_the_data_migration_moves_the_files_from_media_root_to_the_private_storage(settings):
    migration = importlib.import_module("facilities.migrations.0005_report_files_private")
    media, private = Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)
    (media / "reports" / "facilities").mkdir(parents=True)
    (media / "reports/facilities/statement-old.pdf").write_bytes(PDF)
    (media / "reports/facilities/taken.pdf").write_bytes(b"%PDF-1.7 old")
    (private / "reports" / "facilities").mkdir(parents=True)
    (private / "reports/facilities/taken.pdf").write_bytes(b"%PDF-1.7 already there")

    def row(name):
        return Report.objects.create(kind="utilisation", month=DECEMBER, status="done", file=name)

    moved = row("reports/facilities/statement-old.pdf")
    clashing = row("reports/facilities/taken.pdf")
    missing = row("reports/facilities/gone.pdf")

    migration.files_to_private_storage(apps, None)

    assert not list(media.rglob("*.pdf"))
    moved.refresh_from_db()
    assert moved.file.name == "reports/facilities/statement-old.pdf"
    assert (private / moved.file.name).read_bytes() == PDF
    clashing.refresh_from_db()
    assert clashing.file.name != "reports/facilities/taken.pdf"  # the other file stays
    assert (private / clashing.file.name).read_bytes() == b"%PDF-1.7 old"
    missing.refresh_from_db()
    assert missing.file.name == "reports/facilities/gone.pdf"  # skipped, left as it was

"""The annual report as PDF: asked for on the staff dashboard (annual_report_request),
built by a Celery task or `manage.py report annual`, both through annual_report_build.

Building is safe to run twice: a finished report is left alone, and of two runs at the
same time only the first to finish stores its file."""

import logging
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core import clock
from core.access import is_staff
from core.pdf import html_to_pdf
from yhteisokeskus.models import AnnualReport

from .annual import annual_figures
from .errors import ReportError

logger = logging.getLogger(__name__)

MAX_ERROR_LENGTH = 2000
FIRST_YEAR = 2000


def report_filename(report: AnnualReport) -> str:
    return f"annual-report-{report.year}.pdf"


def render_report_html(report: AnnualReport) -> str:
    """The report as HTML, in its language and in the centre's time zone."""
    with translation.override(report.language), timezone.override(timezone.get_default_timezone()):
        context = {
            "report": report,
            "figures": annual_figures(report.year),
            "generated_at": clock.now(),
        }
        return render_to_string("pdf/annual/report.html", context)


def render_report_pdf(report: AnnualReport) -> bytes:
    return html_to_pdf(render_report_html(report))


def latest_year() -> int:
    return clock.today().year


@transaction.atomic
def annual_report_create(*, year: int, language: str, requested_by=None) -> AnnualReport:
    """A pending report row. No permission check: callers decide who may (the dashboard
    through annual_report_request, the command line by having shell access)."""
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise ReportError(_("Choose a language of the site."), field="language")
    if not (FIRST_YEAR <= year <= latest_year()):
        raise ReportError(
            _("Choose a year between %(first)s and %(last)s."),
            field="year",
            params={"first": FIRST_YEAR, "last": latest_year()},
        )
    return AnnualReport.objects.create(year=year, language=language, requested_by=requested_by)


def _enqueue(report_id: int):
    from yhteisokeskus.tasks import build_annual_report

    build_annual_report.delay(report_id)


@transaction.atomic
def annual_report_request(*, actor, year: int, language: str) -> AnnualReport:
    """Ask for the annual report to be built in the background (staff only)."""
    if not is_staff(actor):
        raise PermissionDenied
    report = annual_report_create(year=year, language=language, requested_by=actor)
    # After commit, so that the worker finds the row; robust, so that a broker outage
    # leaves a pending row rather than an error page.
    transaction.on_commit(lambda: _enqueue(report.pk), robust=True)
    logger.info("annual report %s (%s) requested by user %s", report.pk, year, actor.pk)
    return report


def _stored_name(report: AnnualReport) -> str:
    """Media files may be served without a permission check: add a random part."""
    return f"{report_filename(report).removesuffix('.pdf')}-{secrets.token_hex(8)}.pdf"


def annual_report_build(report_id: int) -> AnnualReport | None:
    """Render the report and store its PDF. Returns the report (None if it was deleted)."""
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().filter(pk=report_id).first()
        if report is None:
            logger.warning("annual report %s no longer exists; nothing to build", report_id)
            return None
        if report.status == AnnualReport.Status.DONE:
            return report
        report.status = AnnualReport.Status.RUNNING
        report.error = ""
        report.save(update_fields=["status", "error"])

    try:
        pdf = render_report_pdf(report)
    except Exception as error:
        logger.exception("annual report %s could not be built", report_id)
        message = f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH]
        AnnualReport.objects.filter(pk=report_id).exclude(status=AnnualReport.Status.DONE).update(
            status=AnnualReport.Status.FAILED, error=message, finished_at=clock.now()
        )
        report.refresh_from_db()
        return report

    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report_id)
        if report.status == AnnualReport.Status.DONE:
            return report  # another run finished first; keep its file
        report.file.save(_stored_name(report), ContentFile(pdf), save=False)
        report.status = AnnualReport.Status.DONE
        report.error = ""
        report.finished_at = clock.now()
        report.save(update_fields=["file", "status", "error", "finished_at"])
    logger.info("annual report %s built (%s bytes)", report_id, len(pdf))
    return report

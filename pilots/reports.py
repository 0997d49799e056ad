"""The pilot report (PDF): description, goals, the indicators with their charts and
tables, and the evaluation. Asked for on the staff page (pilot_report_request), built by
a Celery task or the `report pilot` command, both through pilot_report_build.

Building is safe to run twice: a finished report is left alone, and of two runs at the
same time only the first to finish stores its file. A dashboard can start a report with
pilot_report_request and follow PilotReport.status (or the report's progress page)."""

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

from .charts import with_charts
from .errors import PilotError
from .models import Pilot, PilotReport
from .selectors import with_details

logger = logging.getLogger(__name__)

MAX_ERROR_LENGTH = 2000


def report_filename(report: PilotReport) -> str:
    return f"pilot-{report.pilot_id}-{report.created_at:%Y-%m-%d}.pdf"


def render_report_html(report: PilotReport) -> str:
    """The report as HTML, in its language and in the centre's time zone."""
    with translation.override(report.language), timezone.override(timezone.get_default_timezone()):
        pilot = with_details(Pilot.objects.filter(pk=report.pilot_id)).get()
        context = {
            "report": report,
            "pilot": pilot,
            "indicators": with_charts(pilot.indicators.all(), prefix="pdf-chart"),
            "evaluation": getattr(pilot, "evaluation", None),
            "generated_at": clock.now(),
        }
        return render_to_string("pdf/pilots/pilot.html", context)


def render_report_pdf(report: PilotReport) -> bytes:
    return html_to_pdf(render_report_html(report))


@transaction.atomic
def pilot_report_create(*, pilot: Pilot, language: str, requested_by=None) -> PilotReport:
    """A pending report row. No permission check: callers decide who may (the page
    through pilot_report_request, the command line by having shell access)."""
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise PilotError(_("Choose a language of the site."), field="language")
    return PilotReport.objects.create(pilot=pilot, language=language, requested_by=requested_by)


def _enqueue(report_id: int):
    from .tasks import build_pilot_report

    build_pilot_report.delay(report_id)


@transaction.atomic
def pilot_report_request(*, actor, pilot: Pilot, language: str) -> PilotReport:
    """Ask for the pilot's report to be built in the background (staff only)."""
    if not is_staff(actor):
        raise PermissionDenied
    report = pilot_report_create(pilot=pilot, language=language, requested_by=actor)
    # After commit, so that the worker finds the row; robust, so that a broker outage
    # leaves a pending row rather than an error page.
    transaction.on_commit(lambda: _enqueue(report.pk), robust=True)
    logger.info("pilot report %s (pilot %s) requested by user %s", report.pk, pilot.pk, actor.pk)
    return report


def _stored_name(report: PilotReport) -> str:
    """Media files may be served without a permission check: add a random part."""
    return f"{report_filename(report).removesuffix('.pdf')}-{secrets.token_hex(8)}.pdf"


def pilot_report_build(report_id: int) -> PilotReport | None:
    """Render the report and store its PDF. Returns the report (None if it was deleted)."""
    with transaction.atomic():
        report = PilotReport.objects.select_for_update().filter(pk=report_id).first()
        if report is None:
            logger.warning("pilot report %s no longer exists; nothing to build", report_id)
            return None
        if report.status == PilotReport.Status.DONE:
            return report
        report.status = PilotReport.Status.RUNNING
        report.error = ""
        report.save(update_fields=["status", "error"])

    try:
        pdf = render_report_pdf(report)
    except Exception as error:
        logger.exception("pilot report %s could not be built", report_id)
        message = f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH]
        PilotReport.objects.filter(pk=report_id).exclude(status=PilotReport.Status.DONE).update(
            status=PilotReport.Status.FAILED, error=message, finished_at=clock.now()
        )
        report.refresh_from_db()
        return report

    with transaction.atomic():
        report = PilotReport.objects.select_for_update().get(pk=report_id)
        if report.status == PilotReport.Status.DONE:
            return report  # another run finished first; keep its file
        report.file.save(_stored_name(report), ContentFile(pdf), save=False)
        report.status = PilotReport.Status.DONE
        report.error = ""
        report.finished_at = clock.now()
        report.save(update_fields=["file", "status", "error", "finished_at"])
    logger.info("pilot report %s built (%s bytes)", report_id, len(pdf))
    return report

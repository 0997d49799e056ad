"""Use cases of the PDF reports: ask for one (from the reports page) and build it (a
Celery task, or the management command synchronously, through the same function).

Building is safe to run twice: a finished report is left alone, and of two runs at the
same time only the first to finish stores its file."""

import logging
import secrets
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core import clock
from core.access import is_staff
from organisations.models import Organisation, Representative

from .errors import BookingError
from .models import Report
from .reports import render_report_pdf, report_filename

logger = logging.getLogger(__name__)

MAX_ERROR_LENGTH = 2000


def may_request_report(user, *, kind: str, organisation: Organisation | None) -> bool:
    """Staff may ask for any report; an approved representative for the statement of
    their own organisation only."""
    if is_staff(user):
        return True
    if not (user and user.is_authenticated) or kind != Report.Kind.STATEMENT:
        return False
    if organisation is None:
        return False
    return Representative.objects.approved().filter(user=user, organisation=organisation).exists()


@transaction.atomic
def report_create(
    *,
    kind: str,
    month: date,
    organisation: Organisation | None = None,
    language: str,
    requested_by=None,
) -> Report:
    """A pending report row. No permission check: callers decide who may (the page
    through report_request, the command line by having shell access)."""
    if kind not in Report.Kind.values:
        raise BookingError(_("Choose the kind of report."), field="kind")
    if kind == Report.Kind.STATEMENT and organisation is None:
        raise BookingError(
            _("Choose the organisation whose statement you want."), field="organisation"
        )
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise BookingError(_("Choose a language of the site."), field="language")
    return Report.objects.create(
        kind=kind,
        month=month.replace(day=1),
        # A utilisation report covers every organisation.
        organisation=organisation if kind == Report.Kind.STATEMENT else None,
        language=language,
        requested_by=requested_by,
    )


def _stored_name(report: Report) -> str:
    """The download name plus a random part: media files may be served by the web server
    without a permission check, so a statement must not sit at a guessable address."""
    stem = report_filename(report).removesuffix(".pdf")
    return f"{stem}-{secrets.token_hex(8)}.pdf"


def _enqueue(report_id: int):
    from .tasks import build_report

    build_report.delay(report_id)


@transaction.atomic
def report_request(
    *, actor, kind: str, month: date, organisation: Organisation | None = None, language: str
) -> Report:
    """Ask for a report to be built in the background; the page that asked follows it."""
    if not may_request_report(actor, kind=kind, organisation=organisation):
        raise PermissionDenied
    report = report_create(
        kind=kind, month=month, organisation=organisation, language=language, requested_by=actor
    )
    # After commit, so that the worker finds the row.
    transaction.on_commit(lambda: _enqueue(report.pk))
    logger.info("report %s (%s %s) requested by user %s", report.pk, kind, month, actor.pk)
    return report


def report_build(report_id: int) -> Report | None:
    """Render the report and store its PDF. Returns the report (None if it was deleted)."""
    with transaction.atomic():
        report = (
            # Lock the report only: the organisation is an outer join (utilisation has none).
            Report.objects.select_for_update(of=("self",))
            .select_related("organisation")
            .filter(pk=report_id)
            .first()
        )
        if report is None:
            logger.warning("report %s no longer exists; nothing to build", report_id)
            return None
        if report.status == Report.Status.DONE:
            return report
        report.status = Report.Status.RUNNING
        report.error = ""
        report.save(update_fields=["status", "error"])

    try:
        pdf = render_report_pdf(report)
    except Exception as error:
        logger.exception("report %s could not be built", report_id)
        message = f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH]
        Report.objects.filter(pk=report_id).exclude(status=Report.Status.DONE).update(
            status=Report.Status.FAILED, error=message, finished_at=clock.now()
        )
        report.refresh_from_db()
        return report

    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        if report.status == Report.Status.DONE:
            return report  # another run finished first; keep its file
        report.file.save(_stored_name(report), ContentFile(pdf), save=False)
        report.status = Report.Status.DONE
        report.error = ""
        report.finished_at = clock.now()
        report.save(update_fields=["file", "status", "error", "finished_at"])
    logger.info("report %s built (%s bytes)", report_id, len(pdf))
    return report

"""The report pipeline: every PDF report of the portal is a row of a ReportJob model
(core.models) that goes through the same lifecycle here.

- report_request: a page asks; the row is created and a Celery worker builds it after
  the commit (core.tasks.build_report). If the broker cannot take the job, the row waits
  and the page says so (report_requested_message).
- resume_waiting_reports: a periodic sweep hands the reports still waiting after a few
  minutes to the workers again, so that a job the broker never took, or lost, is built
  when the broker and a worker are back.
- report_build: renders the PDF and stores it. The worker and `manage.py report` (which
  builds synchronously) both call it. It is safe to run twice: a finished report is left
  alone, and of two runs at the same time only the first to finish keeps its file.
- render_report_page and report_file_response: the progress page (htmx refreshes its
  status, a plain reload does without JavaScript) and the download, both given the
  reports the person may see, so that each app keeps its own permission check."""

import logging
import secrets

from django.apps import apps
from django.contrib import messages
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from . import clock
from .access import is_staff
from .models import REPORT_LONG_WAIT, ReportJob
from .tasks import build_report

logger = logging.getLogger(__name__)

MAX_ERROR_LENGTH = 2000
STATUS_TEMPLATE = "reports/report_status.html"
# The most reports of one kind a sweep hands over at a time; the next sweep takes the rest.
RESUME_LIMIT = 100

Status = ReportJob.Status


def report_create(model: type[ReportJob], *, language: str, requested_by=None, **subject):
    """A pending report row, checked by the model's clean(). No permission check: callers
    decide who may (the pages through report_request, the command line by having shell
    access)."""
    report = model(language=language, requested_by=requested_by, **subject)
    report.clean()
    report.save()
    return report


@transaction.atomic
def report_request(model: type[ReportJob], *, language: str, requested_by, **subject):
    """Create the report and have a worker build it once the transaction commits: after
    the commit, so that the worker finds the row; robust, so that a broker outage leaves
    a pending row rather than an error page."""
    report = report_create(model, language=language, requested_by=requested_by, **subject)
    # Whether the broker refused the job when the transaction committed; the page that
    # asked tells the person (report_requested_message).
    report.enqueue_failed = False

    def enqueue_build():
        try:
            build_report.delay(model._meta.label, report.pk)
        except Exception:  # the broker is away: the row waits for resume_waiting_reports
            report.enqueue_failed = True
            logger.warning(
                "%s %s could not be handed to the broker; it waits for the sweep",
                model._meta.label,
                report.pk,
                exc_info=True,
            )

    transaction.on_commit(enqueue_build, robust=True)
    logger.info("%s %s requested by user %s", model._meta.label, report.pk, requested_by.pk)
    return report


def report_requested_message(request, report: ReportJob):
    """Tell the person who asked what happens next: the report is being built, or, when
    the broker could not take the job, that it will be built once the background service
    is back."""
    if getattr(report, "enqueue_failed", False):
        messages.warning(
            request,
            _(
                "The background service is not available right now: the report will be "
                "built when the background service is available again."
            ),
        )
    else:
        messages.success(request, _("The report is being built. This page shows when it is ready."))


def report_models() -> list[type[ReportJob]]:
    """Every concrete report model of the portal, in a fixed order."""
    models = [m for m in apps.get_models() if issubclass(m, ReportJob)]
    return sorted(models, key=lambda model: model._meta.label)


def resume_waiting_reports(queue: str | None = None) -> int:
    """Hand again to the workers every report still waiting REPORT_LONG_WAIT after it was
    asked for; return how many were handed over. Safe to run at any time: a report built
    meanwhile is left alone by report_build, and a second build message for one report
    only finds it done. ``queue`` is for a worker that consumes a queue of its own."""
    cutoff = clock.now() - REPORT_LONG_WAIT
    resumed = 0
    for model in report_models():
        waiting = (
            model.objects.filter(status=Status.PENDING, created_at__lte=cutoff)
            .order_by("created_at", "pk")
            .values_list("pk", flat=True)[:RESUME_LIMIT]
        )
        for pk in waiting:
            build_report.apply_async(args=[model._meta.label, pk], queue=queue)
            resumed += 1
    if resumed:
        logger.info("handed %s waiting reports to the workers again", resumed)
    return resumed


def _unguessable_name(report: ReportJob) -> str:
    """The download name plus a random part, so that no one finds a file by its name."""
    return f"{report.download_name().removesuffix('.pdf')}-{secrets.token_hex(8)}.pdf"


def report_build(model: type[ReportJob], report_id: int) -> ReportJob | None:
    """Render the report and store its PDF. Returns the report (None if it was deleted).

    The row is locked only to change its status: rendering takes seconds and runs
    outside the lock."""
    label = model._meta.label
    with transaction.atomic():
        report = model.objects.select_for_update().filter(pk=report_id).first()
        if report is None:
            logger.warning("%s %s no longer exists; nothing to build", label, report_id)
            return None
        if report.status == Status.DONE:
            return report
        report.status = Status.RUNNING
        report.error = ""
        report.save(update_fields=["status", "error"])

    try:
        pdf = report.render_pdf()
    except Exception as error:
        logger.exception("%s %s could not be built", label, report_id)
        message = f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH]
        model.objects.filter(pk=report_id).exclude(status=Status.DONE).update(
            status=Status.FAILED, error=message, finished_at=clock.now()
        )
        return model.objects.filter(pk=report_id).first()

    with transaction.atomic():
        report = model.objects.select_for_update().filter(pk=report_id).first()
        if report is None or report.status == Status.DONE:
            return report  # deleted meanwhile, or another run finished first and keeps its file
        report.file.save(_unguessable_name(report), ContentFile(pdf), save=False)
        report.status = Status.DONE
        report.error = ""
        report.finished_at = clock.now()
        report.save(update_fields=["file", "status", "error", "finished_at"])
    logger.info("%s %s built (%s bytes)", label, report_id, len(pdf))
    return report


def render_report_page(request, reports, pk: int, template: str):
    """The progress page of one of ``reports`` (those the person may see; another
    answers 404). An htmx request polling it gets only the status part. The reason of a
    failure is for staff: it is a technical message."""
    report = get_object_or_404(reports, pk=pk)
    context = {"report": report, "show_error": is_staff(request.user)}
    response = render(request, STATUS_TEMPLATE if request.htmx else template, context)
    # The page and its status part share a URL: a cache must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


def report_file_response(reports, pk: int) -> FileResponse:
    """The PDF of one of ``reports`` (those the person may see) as a download, once it
    is built; 404 before, and for another's report."""
    report = get_object_or_404(reports.filter(status=Status.DONE).exclude(file=""), pk=pk)
    try:
        handle = report.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle, as_attachment=True, filename=report.download_name(), content_type="application/pdf"
    )

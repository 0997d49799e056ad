"""The pilot report (PDF): description, goals, the indicators with their charts and
tables, and the evaluation. Asked for on the staff page (pilot_report_request), built,
stored and followed by core.reports' pipeline like every report, from a Celery worker
or the `report pilot` command."""

from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core import clock
from core import reports as pipeline
from core.access import is_staff
from core.pdf import html_to_pdf

from .charts import with_charts
from .models import Pilot, PilotReport
from .selectors import with_details


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


def pilot_report_request(*, actor, pilot: Pilot, language: str) -> PilotReport:
    """Ask for the pilot's report to be built in the background (staff only)."""
    if not is_staff(actor):
        raise PermissionDenied
    return pipeline.report_request(PilotReport, pilot=pilot, language=language, requested_by=actor)

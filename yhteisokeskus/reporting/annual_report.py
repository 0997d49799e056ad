"""The annual report as PDF: asked for on the staff dashboard (annual_report_request),
built, stored and followed by core.reports' pipeline like every report, from a Celery
worker or `manage.py report annual`."""

from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core import clock
from core import reports as pipeline
from core.access import is_staff
from core.pdf import html_to_pdf
from yhteisokeskus.models import AnnualReport

from .annual import annual_figures


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


def annual_report_request(*, actor, year: int, language: str) -> AnnualReport:
    """Ask for the annual report to be built in the background (staff only)."""
    if not is_staff(actor):
        raise PermissionDenied
    return pipeline.report_request(AnnualReport, year=year, language=language, requested_by=actor)

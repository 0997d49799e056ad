"""A municipality's knowledge summary (PDF) for its wellbeing report
(hyvinvointikertomus): the followed indicators with the wellbeing services county and
the whole country, a trend chart each, the centre's own figures, the published
interpretations and the sources' attribution. Built by core's report pipeline from a
Celery worker or `manage.py report knowledge-summary`."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from core import clock
from core.pdf import html_to_pdf
from organisations.models import Municipality

from . import selectors
from .models import KnowledgeSummary


def render_summary_html(report: KnowledgeSummary) -> str:
    """The summary as HTML, in its language and in the centre's time zone."""
    with translation.override(report.language), timezone.override(timezone.get_default_timezone()):
        municipality = Municipality.objects.select_related("region", "wellbeing_county").get(
            pk=report.municipality_id
        )
        context = {
            **selectors.municipality_page(municipality),
            "report": report,
            "generated_at": clock.now(),
        }
        return render_to_string("pdf/insights/summary.html", context)


def render_summary_pdf(report: KnowledgeSummary) -> bytes:
    return html_to_pdf(render_summary_html(report))

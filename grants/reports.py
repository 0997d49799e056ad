"""The PDFs of grants, built by core.reports' pipeline like every report (a Celery
worker, or `manage.py report grant-letter` / `grant-summary`):

- the decision letter of an application, in the applicant's language;
- the summary of a call's decisions, for the board and the public record."""

from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core import clock
from core import reports as pipeline
from core.access import is_staff
from core.pdf import html_to_pdf

from . import selectors
from .models import Application, Call, DecisionSummary


def render_letter_html(letter) -> str:
    with translation.override(letter.language), timezone.override(timezone.get_default_timezone()):
        application = (
            Application.objects.select_related("call__funder", "organisation", "decision")
            .prefetch_related("budget_lines")
            .get(pk=letter.application_id)
        )
        decision = application.decision
        context = {
            "application": application,
            "call": application.call,
            "decision": decision,
            "payments": list(decision.payments.order_by("order")),
            "generated_at": clock.now(),
        }
        return render_to_string("pdf/grants/letter.html", context)


def render_letter_pdf(letter) -> bytes:
    return html_to_pdf(render_letter_html(letter))


def render_summary_html(summary) -> str:
    with translation.override(summary.language), timezone.override(timezone.get_default_timezone()):
        call = Call.objects.select_related("funder").get(pk=summary.call_id)
        decisions = list(
            call.decisions.select_related("application__organisation").order_by(
                "-outcome", "application__organisation__name_fi"
            )
        )
        context = {
            "call": call,
            "decisions": decisions,
            "granted_total": selectors.granted_total(call),
            "generated_at": clock.now(),
        }
        return render_to_string("pdf/grants/summary.html", context)


def render_summary_pdf(summary) -> bytes:
    return html_to_pdf(render_summary_html(summary))


def summary_request(*, actor, call: Call, language: str) -> DecisionSummary:
    if not is_staff(actor):
        raise PermissionDenied
    return pipeline.report_request(
        DecisionSummary, call=call, language=language, requested_by=actor
    )

"""The placement agreement as a PDF for signatures, in Finnish or Swedish, through
core.pdf (which fetches nothing but the project's static files). Only what the
agreement needs of the participant: the name, the contact and the referrer's
reference."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from core import clock
from core.pdf import html_to_pdf

from .limits import limits_for
from .models import Placement

LANGUAGES = ("fi", "sv")


def agreement_filename(placement: Placement, language: str) -> str:
    word = {"fi": "sopimus", "sv": "avtal"}[language]
    return f"{word}-{placement.pk}-{placement.start_date:%Y-%m-%d}.pdf"


def render_agreement_html(placement: Placement, language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(language)
    with translation.override(language), timezone.override(timezone.get_default_timezone()):
        supervisor = placement.supervisor
        return render_to_string(
            "pdf/placements/agreement.html",
            {
                "placement": placement,
                "participant": placement.participant,
                "supervisor_name": supervisor.user.get_full_name() or supervisor.user.username,
                "supervisor_email": supervisor.user.email,
                "limits": limits_for(placement.kind),
                "is_trial": placement.kind == Placement.Kind.WORK_TRIAL,
                "generated_at": clock.now(),
            },
        )


def render_agreement_pdf(placement: Placement, language: str) -> bytes:
    return html_to_pdf(render_agreement_html(placement, language))

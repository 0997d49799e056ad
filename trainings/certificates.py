"""Certificates as PDF: rendered from a template through core.pdf (which fetches
nothing but the project's static files), in the participant's language."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from core import clock
from core.pdf import html_to_pdf

from .models import Certificate


def certificate_filename(certificate: Certificate) -> str:
    return f"todistus-{certificate.number}.pdf"


def render_certificate_pdf(certificate: Certificate) -> bytes:
    enrolment = certificate.enrolment
    training = enrolment.training
    with (
        translation.override(enrolment.language),
        timezone.override(timezone.get_default_timezone()),
    ):
        sessions = list(training.sessions.all())
        attended = enrolment.attendance.filter(present=True).count()
        html = render_to_string(
            "pdf/trainings/certificate.html",
            {
                "certificate": certificate,
                "enrolment": enrolment,
                "training": training,
                "sessions": sessions,
                "attended": attended,
                "generated_at": clock.now(),
            },
        )
    return html_to_pdf(html)

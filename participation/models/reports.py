"""The PDF reports of participation, built by core's report pipeline (core.reports) in a
worker or by `manage.py report consultation` / `participation-model`: a consultation's
report (results, polls, themes and the goals they led to) and the participation model's
report (strategy items, goals, indicators and the trace back to the comments)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import ReportJob

from .consultations import Consultation


class ConsultationReport(ReportJob):
    files_folder = "participation"

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("consultation"),
    )

    class Meta(ReportJob.Meta):
        verbose_name = _("consultation report")
        verbose_name_plural = _("consultation reports")

    def __str__(self):
        return f"{self.consultation} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("participation:consultation_report", args=[self.pk])

    def get_download_url(self) -> str:
        return reverse("participation:consultation_report_download", args=[self.pk])

    def render_pdf(self) -> bytes:
        from participation.reports import render_consultation_pdf  # imports this module

        return render_consultation_pdf(self)

    def download_name(self) -> str:
        return f"kuuleminen-{self.consultation_id}-{self.created_at:%Y-%m-%d}.pdf"


class ModelReport(ReportJob):
    """The participation model as it stands when the report is built."""

    files_folder = "participation"

    class Meta(ReportJob.Meta):
        verbose_name = _("participation model report")
        verbose_name_plural = _("participation model reports")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("participation:model_report", args=[self.pk])

    def get_download_url(self) -> str:
        return reverse("participation:model_report_download", args=[self.pk])

    def render_pdf(self) -> bytes:
        from participation.reports import render_model_pdf  # imports this module

        return render_model_pdf(self)

    def download_name(self) -> str:
        return f"osallisuusmalli-{self.created_at:%Y-%m-%d}.pdf"

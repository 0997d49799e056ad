"""The top floor's own records: the annual report."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import clock
from core.models import ReportJob

from .reporting.errors import ReportError

FIRST_YEAR = 2000


def latest_year() -> int:
    return clock.today().year


class AnnualReport(ReportJob):
    """The centre's annual report (PDF) for the board and the funder
    (yhteisokeskus.reporting)."""

    files_folder = "annual"

    year = models.PositiveSmallIntegerField(_("year"))

    class Meta(ReportJob.Meta):
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100), name="annual_report_year"
            ),
        ]

    def __str__(self):
        return f"{self.year} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("dashboard:annual_report", args=[self.pk])

    def get_download_url(self) -> str:
        return reverse("dashboard:annual_download", args=[self.pk])

    def clean(self):
        super().clean()
        if not (FIRST_YEAR <= self.year <= latest_year()):
            raise ReportError(
                _("Choose a year between %(first)s and %(last)s."),
                field="year",
                params={"first": FIRST_YEAR, "last": latest_year()},
            )

    def render_pdf(self) -> bytes:
        from .reporting.annual_report import render_report_pdf  # that module imports this one

        return render_report_pdf(self)

    def download_name(self) -> str:
        return f"annual-report-{self.year}.pdf"

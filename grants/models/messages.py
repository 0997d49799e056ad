"""The applicants' outbox and the PDF report jobs (decision letters and summaries)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import OutboxMessage, ReportJob

from .applications import Application
from .calls import Call
from .decisions import Decision


class GrantNotice(OutboxMessage):
    """The applicants' notifications: received, returned for completion, decision."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Application received")
        RETURNED = "returned", _("Returned for completion")
        DECISION = "decision", _("Decision")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # A resubmission after completion is a second "received".
    round = models.PositiveSmallIntegerField(default=1)

    class Meta(OutboxMessage.Meta):
        verbose_name = _("grant notification")
        verbose_name_plural = _("grant notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "round"], name="grant_notice_once"
            ),
        ]

    def __str__(self):
        return f"{self.application}: {self.get_kind_display()}"


class DecisionLetter(ReportJob):
    """A decision letter (PDF) in the applicant's language."""

    files_folder = "grants"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")

    class Meta(ReportJob.Meta):
        verbose_name = _("decision letter")
        verbose_name_plural = _("decision letters")

    def __str__(self):
        return f"{self.application} ({self.get_status_display()})"

    def clean(self):
        super().clean()
        from grants.errors import GrantError

        if not Decision.objects.filter(application_id=self.application_id).exists():
            raise GrantError(_("The application has no decision yet."))

    def get_absolute_url(self) -> str:
        return reverse("grants:application_detail", args=[self.application_id])

    def get_download_url(self) -> str:
        return reverse("grants:letter_download", args=[self.application_id])

    def render_pdf(self) -> bytes:
        from grants.reports import render_letter_pdf  # that module imports this one

        return render_letter_pdf(self)

    def download_name(self) -> str:
        return f"avustuspaatos-{self.application_id}.pdf"


class DecisionSummary(ReportJob):
    """The summary of a call's decisions (PDF) for the board and the public record."""

    files_folder = "grants"

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="summaries")

    class Meta(ReportJob.Meta):
        verbose_name = _("summary of decisions")
        verbose_name_plural = _("summaries of decisions")

    def __str__(self):
        return f"{self.call} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("grants:summary_detail", args=[self.pk])

    def get_download_url(self) -> str:
        return reverse("grants:summary_download", args=[self.pk])

    def render_pdf(self) -> bytes:
        from grants.reports import render_summary_pdf

        return render_summary_pdf(self)

    def download_name(self) -> str:
        return f"avustuspaatokset-{self.call_id}-{self.created_at:%Y-%m-%d}.pdf"

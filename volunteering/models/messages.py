"""What volunteering sends: the outbox of notifications and the PDF reports (fee
statements and volunteering certificates)."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import OutboxMessage, ReportJob
from organisations.models import Organisation
from volunteering.errors import VolunteeringError

from .assignments import Assignment
from .hours import HourEntry
from .profiles import Profile
from .requests import Offer


class NotificationKind(models.TextChoices):
    OFFERED = "offered", _("Task offered")
    ASSIGNED = "assigned", _("Task agreed")
    CANCELLED = "cancelled", _("Task cancelled")
    HOURS_REJECTED = "hours_rejected", _("Hours rejected")


class Notification(OutboxMessage):
    """The volunteering outbox: one row per offer or assignment (or hour entry) and kind,
    so a message is never sent twice."""

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    hour_entry = models.ForeignKey(
        HourEntry, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )

    class Meta(OutboxMessage.Meta):
        verbose_name = _("volunteering notification")
        verbose_name_plural = _("volunteering notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "offer", "assignment", "hour_entry"],
                name="volunteering_notification_once",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.profile}"


class Report(ReportJob):
    """A volunteering PDF: an organisation's monthly fee statement, or a person's
    volunteering certificate."""

    class Kind(models.TextChoices):
        STATEMENT = "statement", _("Fee statement")
        CERTIFICATE = "certificate", _("Volunteering certificate")

    files_folder = "volunteering"

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    month = models.DateField(_("month"), null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="volunteering_reports",
        verbose_name=_("organisation"),
    )
    profile = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("person"),
    )

    class Meta(ReportJob.Meta):
        verbose_name = _("volunteering report")
        verbose_name_plural = _("volunteering reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind="statement",
                    organisation__isnull=False,
                    month__isnull=False,
                    profile__isnull=True,
                )
                | Q(kind="certificate", profile__isnull=False, organisation__isnull=True),
                name="volunteering_report_subject",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("volunteering:report_detail", args=[self.pk])

    def get_download_url(self) -> str:
        return reverse("volunteering:report_download", args=[self.pk])

    def clean(self):
        super().clean()
        if self.kind == self.Kind.STATEMENT:
            if self.organisation is None:
                raise VolunteeringError(
                    _("Choose the organisation whose statement you want."), field="organisation"
                )
            if self.month is None:
                raise VolunteeringError(_("Choose the month."), field="month")
            self.month = self.month.replace(day=1)
        elif self.kind == self.Kind.CERTIFICATE:
            if self.profile is None:
                raise VolunteeringError(_("Choose the person."), field="profile")
        else:
            raise VolunteeringError(_("Choose the kind of report."), field="kind")

    def render_pdf(self) -> bytes:
        from volunteering.reports import render_report_pdf  # that module imports this one

        return render_report_pdf(self)

    def download_name(self) -> str:
        if self.kind == self.Kind.STATEMENT:
            return f"palkkioerittely-{self.organisation_id}-{self.month:%Y-%m}.pdf"
        return f"vapaaehtoistodistus-{self.profile_id}.pdf"

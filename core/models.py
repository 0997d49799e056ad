"""Records every app shares: the audit log, the outbox every app's messages go through,
and the report job that every PDF report of the portal is a kind of."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import clock
from .errors import DomainError
from .uploads import private_storage


class AuditEntry(models.Model):
    """Who changed what and when, for the records the centre must be able to account for
    (organisations, memberships, bookings, enrolments). Written by core.audit."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind")
    )
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    # {"field": [old, new]} for changes; the values at creation or deletion otherwise.
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        # The table keeps the name it had before the model moved to core.
        db_table = "yhteisokeskus_auditentry"
        ordering = ["-at", "-id"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_object")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.object_repr}"


class OutboxMessage(models.Model):
    """A message waiting to be sent, one row per message. Every app's outbox model inherits
    this and adds what the message is about, with a unique constraint that makes queueing
    the same message twice impossible; core.outbox sends the rows."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Set when sent, or when skipped as no longer useful (with the reason in last_error).
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]


# A report still waiting this long after it was asked for has not reached a worker (the
# broker or the workers are away, or the queue is long): its page says it is waiting for
# the background service, and core.tasks.resume_waiting_reports hands it over again.
REPORT_LONG_WAIT = timedelta(minutes=3)


def report_file_path(report, filename):
    """A folder per kind of report in the private storage."""
    return f"reports/{report.files_folder}/{filename}"


class ReportJob(models.Model):
    """A PDF report built in the background and kept for download: the lifecycle that
    every report of the portal shares, run by core.reports.

    A report model adds what the report is about and says, by overriding the methods
    below, how its PDF is rendered, what the download is called and where its pages
    are. The file lives in the private storage: only the download view, after its
    permission check, hands it out."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    # The folder of the stored files under reports/; each report model names its own.
    files_folder: str

    language = models.CharField(_("language"), max_length=5, default="fi")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(
        _("file"), upload_to=report_file_path, storage=private_storage, blank=True
    )
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def get_absolute_url(self) -> str:
        """The progress page."""
        raise NotImplementedError

    def get_download_url(self) -> str:
        raise NotImplementedError

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.RUNNING)

    @property
    def waiting_long(self) -> bool:
        """Still waiting for a worker REPORT_LONG_WAIT after it was asked for."""
        return self.status == self.Status.PENDING and (
            self.created_at <= clock.now() - REPORT_LONG_WAIT
        )

    @property
    def file_ready(self) -> bool:
        return self.status == self.Status.DONE and bool(self.file)

    def clean(self):
        """Checks a new report before it is saved (core.reports.report_create). A report
        model that has rules of its own adds them, calling this first."""
        if self.language not in {code for code, _name in settings.LANGUAGES}:
            raise DomainError(_("Choose a language of the site."), field="language")

    def render_pdf(self) -> bytes:
        raise NotImplementedError

    def download_name(self) -> str:
        """The file name the browser saves the PDF as."""
        raise NotImplementedError

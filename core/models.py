"""Records every app shares: the audit log, the outbox every app's messages go through,
and the report job that every PDF report of the portal is a kind of."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import clock
from .errors import DomainError
from .uploads import private_storage, validate_image_upload


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


HEX_COLOUR = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Give the colour as # and six hexadecimal digits, e.g. #00507a.")
)


class CentreSettings(models.Model):
    """The centre's own name, logo, colours and contact: one row, edited by staff in the
    admin and read through core.centre.current() (cached, dropped on save). Every page,
    email, PDF and feed, and the admin's own title, take the centre's name from here, so
    that a centre elsewhere sets the portal up as its own without code."""

    name = models.CharField(_("name"), max_length=120)
    tagline = models.CharField(
        _("short description"),
        max_length=200,
        blank=True,
        help_text=_("One sentence under the name in the footer of every page."),
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="centre/",
        blank=True,
        validators=[validate_image_upload],
        help_text=_("A square image (PNG, JPEG, GIF or WebP); the default mark when empty."),
    )
    brand_colour = models.CharField(
        _("brand colour"),
        max_length=7,
        default="#00507a",
        validators=[HEX_COLOUR],
        help_text=_("Links, buttons and the header; needs a contrast of 4.5:1 on white."),
    )
    brand_dark_colour = models.CharField(
        _("dark brand colour"),
        max_length=7,
        default="#003652",
        validators=[HEX_COLOUR],
        help_text=_("Headings and hovered links; needs a contrast of 4.5:1 on white."),
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    post_office = models.CharField(_("post office"), max_length=100, blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website_url = models.URLField(_("website"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("centre settings")
        verbose_name_plural = _("centre settings")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="centre_settings_single_row")
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.pk = 1  # one row only
        super().save(*args, **kwargs)

    def clean(self):
        from .colours import contrast_on_white

        errors = {}
        for field in ("brand_colour", "brand_dark_colour"):
            value = getattr(self, field)
            if HEX_COLOUR.regex.match(value or "") and contrast_on_white(value) < 4.5:
                errors[field] = _(
                    "This colour has a contrast of %(ratio).1f:1 on white; text needs 4.5:1."
                ) % {"ratio": contrast_on_white(value)}
        if errors:
            raise ValidationError(errors)

    @property
    def display_name(self) -> str:
        """The name in the current language (fi when not translated)."""
        return self.name or gettext("Resource centre")

    @property
    def description(self) -> str:
        return self.tagline or gettext(
            "Regional resource centre for associations and community organisations."
        )

    @property
    def contact_email(self) -> str:
        return self.email or settings.CONTACT_EMAIL

    @property
    def address_line(self) -> str:
        """Street, postal code and post office on one line ('' when not set)."""
        town = " ".join(p for p in (self.postal_code, self.post_office) if p)
        return ", ".join(p for p in (self.street_address, town) if p)

    @property
    def map_url(self) -> str:
        from .links import map_url

        return map_url(self.address_line) if self.address_line else ""

    @property
    def social_links(self) -> list[tuple[str, str]]:
        """(label, address) of each social media link that is set."""
        names = ["website_url", "facebook_url", "instagram_url", "linkedin_url", "youtube_url"]
        return [
            (str(self._meta.get_field(n).verbose_name), getattr(self, n))
            for n in names
            if getattr(self, n)
        ]

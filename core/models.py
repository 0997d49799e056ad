"""Records every app shares: the audit log, and the outbox every app's messages go through."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


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

"""News items, mailing lists, subscribers with their consent records, suppressed
addresses (kept as a hash only), newsletter issues with their gathered items, and the
outboxes: one row per issue and recipient, and the subscription confirmations."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import OutboxMessage
from core.uploads import validate_image_upload

LANGUAGES = [("fi", "suomi"), ("sv", "svenska"), ("en", "English")]


def email_hash(email: str) -> str:
    """What is kept of a suppressed address: the SHA-256 of its lower-case form."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(24)


class NewsItemQuerySet(models.QuerySet):
    def published(self, now):
        return self.filter(published_at__isnull=False, published_at__lte=now)


class NewsItem(models.Model):
    # title, lead, body and image_alt are translated (translation.py)
    title = models.CharField(_("title"), max_length=200)
    lead = models.CharField(_("lead"), max_length=400, blank=True)
    body = models.TextField(_("text"), max_length=20000, blank=True)
    image = models.ImageField(
        _("picture"), upload_to="news/", blank=True, validators=[validate_image_upload]
    )
    image_alt = models.CharField(_("picture's alt text"), max_length=300, blank=True)
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Shown from this moment on; empty keeps the item a draft."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        constraints = [
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt_fi=""),
                name="newsitem_picture_has_alt_text",
                violation_error_message=_("A picture needs an alt text."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("newsletters:news_detail", args=[self.pk])


class MailingList(models.Model):
    """An audience: a list people subscribe to themselves, or one built from the
    register when an issue is sent."""

    class Kind(models.TextChoices):
        SUBSCRIBED = "subscribed", _("People subscribe themselves")
        MEMBER_CONTACTS = "member_contacts", _("Contact addresses of member associations")
        REPRESENTATIVES = "representatives", _("Representatives of organisations")
        ORGANISATIONS = "organisations", _("Contact addresses of organisations")

    class Role(models.TextChoices):
        ANY = "", _("Any role")
        ADMIN = "admin", _("Admins")
        MEMBER = "member", _("Members")

    # name and description are translated (translation.py)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    role = models.CharField(
        _("representatives' role"), max_length=10, blank=True, choices=Role.choices
    )
    municipalities = models.ManyToManyField(
        "organisations.Municipality",
        blank=True,
        related_name="+",
        verbose_name=_("only organisations in these municipalities"),
    )
    fields_of_activity = models.ManyToManyField(
        "organisations.FieldOfActivity",
        blank=True,
        related_name="+",
        verbose_name=_("only organisations in these fields"),
    )
    language = models.CharField(
        _("language of register recipients"), max_length=5, choices=LANGUAGES, default="fi"
    )
    is_public = models.BooleanField(_("offered on the subscribe form"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("mailing list")
        verbose_name_plural = _("mailing lists")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_public=False) | Q(kind="subscribed"),
                name="mailinglist_only_subscribed_lists_public",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def from_register(self) -> bool:
        return self.kind != self.Kind.SUBSCRIBED


class Subscriber(models.Model):
    """A person who subscribed with the public form. Never sent to before they confirm;
    an unconfirmed subscriber is deleted after NEWSLETTER_CONFIRM_DAYS."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    email = models.EmailField(_("email"), max_length=254)
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGES, default="fi")
    lists = models.ManyToManyField(
        MailingList, blank=True, related_name="subscribers", verbose_name=_("lists")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    # Part of every signed link: a new token makes the old links void.
    token = models.CharField(max_length=64, default=new_token, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="subscriber_email_unique"),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_at__isnull=False),
                name="subscriber_confirmed_has_time",
            ),
        ]

    def __str__(self):
        return self.email


class Consent(models.Model):
    """What a subscriber agreed to or withdrew, when, and the version of the text."""

    class Action(models.TextChoices):
        SUBSCRIBE = "subscribe", _("Subscribed (not yet confirmed)")
        CONFIRM = "confirm", _("Confirmed")
        CHANGE = "change", _("Changed preferences")
        UNSUBSCRIBE = "unsubscribe", _("Unsubscribed")

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="consents", verbose_name=_("subscriber")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    at = models.DateTimeField(_("time"), auto_now_add=True)
    text_version = models.CharField(_("version of the consent text"), max_length=20)
    text = models.TextField(_("consent text shown"))
    lists = models.JSONField(_("lists"), default=list)
    language = models.CharField(_("language"), max_length=5)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


class Suppression(models.Model):
    """An address never sent to again, kept only as its hash."""

    class Reason(models.TextChoices):
        BOUNCED = "bounced", _("Hard bounce")
        COMPLAINED = "complained", _("Complaint")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed from a register list")

    email_hash = models.CharField(max_length=64, unique=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")

    def __str__(self):
        return f"{self.email_hash[:12]}… ({self.get_reason_display()})"


class Issue(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")

    # subject and editorial are translated (translation.py)
    subject = models.CharField(_("subject"), max_length=200)
    editorial = models.TextField(_("editorial"), max_length=10000, blank=True)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    municipalities = models.ManyToManyField(
        "organisations.Municipality",
        blank=True,
        related_name="+",
        verbose_name=_("only these municipalities"),
    )
    lists = models.ManyToManyField(MailingList, related_name="issues", verbose_name=_("audience"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    send_started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)
    # What was sent, per language ({"fi": [section, …], …}), fixed when sending starts:
    # every reader and the archive see the same issue, whatever changes later.
    snapshot = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="issue_period_in_order",
                violation_error_message=_("The period must end on or after its start."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(send_started_at__isnull=False),
                name="issue_sending_has_start",
            ),
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("newsletters:archive_detail", args=[self.pk])


class IssueItem(models.Model):
    """One thing gathered from the portal into an issue: which kind (the gatherers of
    newsletters.gathering) and which row; staff leave items out and reorder them."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=20)
    object_id = models.PositiveIntegerField()
    position = models.PositiveIntegerField(_("position"), default=0)
    included = models.BooleanField(_("included"), default=True)

    class Meta:
        ordering = ["issue", "kind", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "kind", "object_id"], name="issueitem_unique")
        ]

    def __str__(self):
        return f"{self.kind}:{self.object_id}"


class IssueDelivery(OutboxMessage):
    """One issue to one recipient. The unique key (issue, address) makes a second
    queueing impossible, and core.outbox sends each row once: a crash and a restart
    never send twice and never skip anyone."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    email = models.EmailField(max_length=254)
    language = models.CharField(max_length=5, default="fi")
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta(OutboxMessage.Meta):
        verbose_name = _("newsletter delivery")
        verbose_name_plural = _("newsletter deliveries")
        constraints = [
            models.UniqueConstraint(fields=["issue", "email"], name="issuedelivery_once"),
            models.CheckConstraint(
                condition=Q(email=Lower("email")), name="issuedelivery_email_lower"
            ),
        ]
        indexes = [models.Index(fields=["issue", "sent_at"], name="issuedelivery_progress")]


class ConfirmationMessage(OutboxMessage):
    """The double opt-in email, one row per request (counted per subscriber)."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    sequence = models.PositiveSmallIntegerField(default=1)

    class Meta(OutboxMessage.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "sequence"], name="confirmationmessage_once"
            )
        ]

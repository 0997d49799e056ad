"""The partnership network: partnerships with organisations of the register and their
documents, contact persons (only staff see them), cooperation groups with member
organisations and their representatives, meetings with agenda, minutes and attendance,
and the outbox of the network's emails. Imported by models.py."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import OutboxMessage
from core.uploads import sniff_content_type

from .files import (
    meeting_file_path,
    partnership_document_path,
    private_storage,
    validate_document,
)
from .querysets import PartnershipQuerySet


class ContactPerson(models.Model):
    """A person the centre keeps in touch with, such as a liaison person in a service area
    of the wellbeing services county. Personal data: kept only with a legal basis."""

    class LegalBasis(models.TextChoices):
        CONTRACT = "contract", _("Contract: a partnership agreement")
        LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest: cooperation")
        PUBLIC_TASK = "public_task", _("Public task of the person's organisation")
        CONSENT = "consent", _("Consent of the person")

    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="contact_persons",
        verbose_name=_("organisation"),
    )
    service_area = models.CharField(
        _("service area"),
        max_length=200,
        blank=True,
        help_text=_("For liaison persons: the service area of the wellbeing services county."),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    legal_basis = models.CharField(
        _("basis for keeping the data"), max_length=30, choices=LegalBasis.choices
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self):
        return f"{self.name} ({self.organisation})"


class Partnership(models.Model):
    class Kind(models.TextChoices):
        AGREEMENT = "agreement", _("Agreement")
        FUNDING = "funding", _("Funding")
        SERVICE_COOPERATION = "service_cooperation", _("Service cooperation")
        NETWORK_MEMBERSHIP = "network_membership", _("Network membership")

    partner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("partner"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    partner_contacts = models.ManyToManyField(
        ContactPerson,
        related_name="partnerships",
        blank=True,
        verbose_name=_("contact persons of the partner"),
    )
    staff_contacts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="partnerships_handled",
        blank=True,
        limit_choices_to={"is_staff": True},
        verbose_name=_("contact persons of the centre"),
        help_text=_("Staff who handle the partnership; they are reminded before it ends."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="partnership_ends_after_start",
                violation_error_message=_("A partnership cannot end before it starts."),
            ),
        ]
        indexes = [models.Index(fields=["ends_on"])]

    def __str__(self):
        return f"{self.title} ({self.partner})"

    def is_active_on(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)


class PartnershipDocument(models.Model):
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("partnership"),
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=partnership_document_path,
        storage=private_storage,
        validators=[validate_document],
        max_length=200,
    )
    content_type = models.CharField(_("file type"), max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("size (bytes)"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "pk"]
        verbose_name = _("partnership document")
        verbose_name_plural = _("partnership documents")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The admin's inline saves without the service: read the type from the content.
        if self.file and not self.content_type:
            self.content_type = sniff_content_type(self.file) or "application/octet-stream"
        if self.file and self.size is None:
            self.size = self.file.size
        super().save(*args, **kwargs)


class CooperationGroup(models.Model):
    """A standing group of organisations, such as a regional association cooperation
    group or an association advisory board."""

    # name and description are translated (fi required): see translation.py
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    convener = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="convened_groups",
        verbose_name=_("convening organisation"),
        help_text=_("Rooms for the group's meetings are booked in its name."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("cooperation group")
        verbose_name_plural = _("cooperation groups")

    def __str__(self):
        return self.name


class GroupMember(models.Model):
    """A member organisation of a group and the representatives it sends."""

    group = models.ForeignKey(
        CooperationGroup,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("cooperation group"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="group_memberships",
        verbose_name=_("organisation"),
    )
    representatives = models.ManyToManyField(
        "organisations.Representative",
        related_name="group_seats",
        blank=True,
        verbose_name=_("representatives in the group"),
    )
    joined_on = models.DateField(_("joined"), null=True, blank=True)

    class Meta:
        ordering = ["group", "organisation"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "organisation"], name="group_member_once_per_group"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.group}"


class Meeting(models.Model):
    group = models.ForeignKey(
        CooperationGroup,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("cooperation group"),
    )
    title = models.CharField(_("title"), max_length=200)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    place = models.CharField(
        _("place"),
        max_length=300,
        blank=True,
        help_text=_("An address or a video link; filled in when a room of the centre is booked."),
    )
    agenda = models.TextField(_("agenda"), blank=True, max_length=20000)
    agenda_file = models.FileField(
        _("agenda as a file"),
        upload_to=meeting_file_path,
        storage=private_storage,
        validators=[validate_document],
        blank=True,
        max_length=200,
    )
    minutes = models.TextField(_("minutes"), blank=True, max_length=50000)
    minutes_file = models.FileField(
        _("minutes as a file"),
        upload_to=meeting_file_path,
        storage=private_storage,
        validators=[validate_document],
        blank=True,
        max_length=200,
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
    # Bumped when the time or place changes, so calendar apps update the event.
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)

    class Meta:
        ordering = ["-start", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="meeting_end_after_start",
                violation_error_message=_("The meeting must end after it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.group}: {self.title}"

    @property
    def has_agenda(self) -> bool:
        return bool(self.agenda or self.agenda_file)

    @property
    def has_minutes(self) -> bool:
        return bool(self.minutes or self.minutes_file)


class Attendance(models.Model):
    """Who of the members' representatives (or others, by name) were at a meeting."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="meeting_attendances",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    status = models.CharField(
        _("attendance"), max_length=10, choices=Status.choices, default=Status.PRESENT
    )

    class Meta:
        ordering = ["meeting", "organisation", "name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation", "name"], name="attendance_once_per_person"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation}): {self.get_status_display()}"


class NetworkNotification(OutboxMessage):
    """The outbox of the network: one row per message, unique by ``key``, so a duplicated
    task or a second worker never sends it twice."""

    class Kind(models.TextChoices):
        PARTNERSHIP_ENDING = "partnership_ending", _("Partnership ending")
        MEETING_INVITATION = "meeting_invitation", _("Meeting invitation")

    key = models.CharField(_("key"), max_length=300, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    to = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=5, default="fi")
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("partnership"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("meeting"),
    )

    class Meta(OutboxMessage.Meta):
        verbose_name = _("network notification")
        verbose_name_plural = _("network notifications")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="partnership_ending", partnership__isnull=False)
                    | Q(kind="meeting_invitation", meeting__isnull=False)
                ),
                name="network_notification_has_subject",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.to}"

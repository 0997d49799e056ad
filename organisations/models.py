"""The association register: municipalities and their regions and wellbeing services
counties, fields of activity, organisations, membership in the centre with yearly fees,
and the people who represent an organisation."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .querysets import MembershipQuerySet, OrganisationQuerySet, RepresentativeQuerySet
from .validators import validate_business_id, validate_reference_number


class Region(models.Model):
    """Maakunta, numbered by Statistics Finland (01 Uusimaa … 21 Ahvenanmaa)."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class WellbeingCounty(models.Model):
    """Hyvinvointialue. Code 90 is the City of Helsinki, 91 Åland (outside the reform)."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=150)

    class Meta:
        ordering = ["code"]
        verbose_name = _("wellbeing services county")
        verbose_name_plural = _("wellbeing services counties")

    def __str__(self):
        return self.name


class Municipality(models.Model):
    class LanguageStatus(models.IntegerChoices):
        FINNISH = 0, _("Finnish")
        BILINGUAL_FINNISH_MAJORITY = 1, _("Bilingual, Finnish majority")
        SWEDISH = 2, _("Swedish")
        BILINGUAL_SWEDISH_MAJORITY = 3, _("Bilingual, Swedish majority")

    code = models.CharField(_("municipality number"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    language_status = models.PositiveSmallIntegerField(
        _("language status"), choices=LanguageStatus.choices
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("region")
    )
    wellbeing_county = models.ForeignKey(
        WellbeingCounty,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("wellbeing services county"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9]{3}$"), name="municipality_code_3_digits"
            ),
        ]

    def __str__(self):
        return self.name


class FieldOfActivity(models.Model):
    """The nine classes of the Finnish association register, plus "unclassified"."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("field of activity")
        verbose_name_plural = _("fields of activity")

    def __str__(self):
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        MUNICIPALITY = "municipality", _("Municipality")
        WELLBEING_COUNTY = "wellbeing_county", _("Wellbeing services county")
        COMPANY = "company", _("Company")
        EDUCATIONAL_INSTITUTION = "educational_institution", _("Educational institution")
        PUBLIC_BODY = "public_body", _("Public body")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        DISSOLVED = "dissolved", _("Dissolved")

    kind = models.CharField(
        _("kind"), max_length=30, choices=Kind.choices, default=Kind.ASSOCIATION
    )
    # name and description are translated (fi required, sv/en optional): see translation.py
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    business_id = models.CharField(
        _("Business ID"),
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_business_id],
        help_text=_("Y-tunnus, for example 1234567-1."),
    )
    register_number = models.CharField(_("association register number"), max_length=20, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="organisations",
        null=True,
        blank=True,
        verbose_name=_("home municipality"),
    )
    fields_of_activity = models.ManyToManyField(
        FieldOfActivity,
        related_name="organisations",
        blank=True,
        verbose_name=_("fields of activity"),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    post_office = models.CharField(_("post office"), max_length=100, blank=True)
    is_public = models.BooleanField(_("shown in the public directory"), default=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(business_id__isnull=True) | Q(business_id__regex=r"^[0-9]{7}-[0-9]$"),
                name="organisation_business_id_format",
            ),
            models.CheckConstraint(
                condition=Q(postal_code="") | Q(postal_code__regex=r"^[0-9]{5}$"),
                name="organisation_postal_code_format",
            ),
        ]
        indexes = [
            GinIndex(
                name="organisation_name_fi_trgm", fields=["name_fi"], opclasses=["gin_trgm_ops"]
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_dissolved(self):
        return self.status == self.Status.DISSOLVED


class Membership(models.Model):
    """An organisation's membership in the centre, from application to its end."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        ACTIVE = "active", _("Member")
        DECLINED = "declined", _("Declined")
        ENDED = "ended", _("Ended")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPLIED
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="membership_applications",
        verbose_name=_("applied by"),
    )
    applied_at = models.DateTimeField(_("applied"), auto_now_add=True)
    application_text = models.TextField(_("application"), blank=True, max_length=2000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True, max_length=2000)
    member_since = models.DateField(_("member since"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_at"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            # At most one open application or running membership per organisation.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status__in=["applied", "active"]),
                name="membership_one_open_per_organisation",
            ),
            models.CheckConstraint(
                condition=~Q(status="active") | Q(member_since__isnull=False),
                name="membership_active_has_start",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(member_since__isnull=False, ended_on__gte=models.F("member_since")),
                name="membership_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="membership_decline_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_status_display()})"


class MembershipFee(models.Model):
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="fees", verbose_name=_("membership")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount (€)"), max_digits=8, decimal_places=2)
    due_date = models.DateField(_("due date"))
    paid_on = models.DateField(_("paid"), null=True, blank=True)
    reference_number = models.CharField(
        _("reference number"),
        max_length=20,
        unique=True,
        validators=[validate_reference_number],
        help_text=_("Finnish bank reference number (viitenumero)."),
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("membership fee")
        verbose_name_plural = _("membership fees")
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "year"], name="membership_fee_one_per_year"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="membership_fee_not_negative"),
            models.CheckConstraint(
                condition=Q(reference_number__regex=r"^[0-9]{4,20}$"),
                name="membership_fee_reference_digits",
            ),
        ]

    def __str__(self):
        return f"{self.membership.organisation} {self.year}"

    @property
    def is_paid(self):
        return self.paid_on is not None


class Representative(models.Model):
    """A person who acts for an organisation once approved. Admins also edit the
    profile and approve other representatives."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Admin")
        MEMBER = "member", _("Member")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="representations",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="representatives",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    message = models.TextField(_("message"), blank=True, max_length=1000)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = RepresentativeQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "user"]
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="representative_once_per_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


# The partnership network lives in its own module; importing it here registers its models.
from .models_network import (  # noqa: E402
    Attendance,
    ContactPerson,
    CooperationGroup,
    GroupMember,
    Meeting,
    NetworkNotification,
    Partnership,
    PartnershipDocument,
)

__all__ = [
    "Attendance",
    "ContactPerson",
    "CooperationGroup",
    "FieldOfActivity",
    "GroupMember",
    "Meeting",
    "Membership",
    "MembershipFee",
    "Municipality",
    "NetworkNotification",
    "Organisation",
    "Partnership",
    "PartnershipDocument",
    "Region",
    "Representative",
    "WellbeingCounty",
]

"""Calls, their criteria sets and criteria, and the reviewers assigned to a call."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import clock
from grants.querysets import CallQuerySet
from organisations.models import Municipality, Organisation, WellbeingCounty

from .base import MONEY, ZERO


class Call(models.Model):
    """A call for applications: who funds it, how much, when it is open and who may apply."""

    class Eligible(models.TextChoices):
        MEMBERS = "members", _("Member associations of the centre only")
        REGISTERED = "registered", _("Any registered association")

    # name and description are translated (fi required, sv/en optional): see translation.py
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=10000)
    funder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="funded_calls",
        verbose_name=_("funder"),
    )
    budget = models.DecimalField(_("total budget (€)"), **MONEY)
    min_grant = models.DecimalField(_("smallest grant (€)"), **MONEY)
    max_grant = models.DecimalField(_("largest grant (€)"), **MONEY)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    eligible = models.CharField(
        _("who may apply"), max_length=20, choices=Eligible.choices, default=Eligible.REGISTERED
    )
    municipalities = models.ManyToManyField(
        Municipality,
        related_name="grant_calls",
        blank=True,
        verbose_name=_("municipalities of the applicant"),
        help_text=_("Leave empty when the home municipality does not matter."),
    )
    wellbeing_counties = models.ManyToManyField(
        WellbeingCounty,
        related_name="grant_calls",
        blank=True,
        verbose_name=_("wellbeing services counties of the applicant"),
    )
    self_financing_percent = models.DecimalField(
        _("required self-financing (%)"),
        max_digits=5,
        decimal_places=2,
        default=ZERO,
        help_text=_("Own money and fees as a share of the project's total costs."),
    )
    first_instalment_percent = models.DecimalField(
        _("first instalment at the decision (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("100.00"),
        help_text=_("The rest is paid after the final report is accepted."),
    )
    report_due = models.DateField(_("final report due"))
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at", "pk"]
        verbose_name = _("grant call")
        verbose_name_plural = _("grant calls")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_grant__gt=0)
                & Q(max_grant__gte=F("min_grant"))
                & Q(budget__gte=F("max_grant")),
                name="call_grant_limits",
            ),
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="call_closes"),
            models.CheckConstraint(
                condition=Q(self_financing_percent__gte=0, self_financing_percent__lte=100)
                & Q(first_instalment_percent__gt=0, first_instalment_percent__lte=100),
                name="call_percentages",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("grants:call_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.is_published and self.opens_at <= clock.now() < self.closes_at

    @property
    def is_past(self) -> bool:
        return clock.now() >= self.closes_at

    def current_criteria(self):
        """The published criteria set of the newest version, or None."""
        return (
            self.criteria_sets.filter(status=CriteriaSet.Status.PUBLISHED)
            .order_by("-version")
            .first()
        )


class CriteriaSet(models.Model):
    """The criteria of a call, one version: drafted, approved (by whom, when, prepared
    with which partners), published with the call; frozen when the first application
    arrives. A change after that is a new version; applications keep the version they
    were scored with."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="criteria_sets", verbose_name=_("call")
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    partners = models.ManyToManyField(
        Organisation,
        related_name="prepared_criteria",
        blank=True,
        verbose_name=_("prepared together with"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True)

    class Meta:
        ordering = ["call", "version"]
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        constraints = [
            models.UniqueConstraint(fields=["call", "version"], name="criteria_set_version"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_at__isnull=False),
                name="criteria_set_approved_when",
            ),
        ]

    def __str__(self):
        return f"{self.call} – v{self.version}"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class Criterion(models.Model):
    criteria_set = models.ForeignKey(
        CriteriaSet, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("set")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # name and guidance are translated: see translation.py
    name = models.CharField(_("name"), max_length=200)
    guidance = models.TextField(_("guidance"), blank=True, max_length=3000)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2)
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=0)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    allow_na = models.BooleanField(_("“not applicable” allowed"), default=False)

    class Meta:
        ordering = ["criteria_set", "order", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gt=0) & Q(scale_max__gt=F("scale_min")),
                name="criterion_weight_and_scale",
            ),
        ]

    def __str__(self):
        return self.name


class ReviewerAssignment(models.Model):
    """A reviewer of a call: staff, or a named external reviewer with an account."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="reviewers", verbose_name=_("call")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="grant_reviews_assigned",
        verbose_name=_("reviewer"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    class Meta:
        ordering = ["call", "user"]
        verbose_name = _("reviewer")
        verbose_name_plural = _("reviewers")
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="reviewer_once_per_call"),
        ]

    def __str__(self):
        return f"{self.call}: {self.user}"

"""Hours reported for the dates of a task, and the fee tiers and travel compensation
rules their fees are computed with."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .assignments import Assignment


class FeeTier(models.Model):
    """An hourly fee of experience experts, e.g. trained and not trained."""

    name = models.CharField(_("name"), max_length=100)  # translated (translation.py)
    hourly_rate = models.DecimalField(_("hourly fee (€)"), max_digits=8, decimal_places=2)
    for_trained = models.BooleanField(_("for those with experience-expert training"), default=False)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["-for_trained", "name_fi"]
        verbose_name = _("fee tier")
        verbose_name_plural = _("fee tiers")
        constraints = [
            models.CheckConstraint(
                condition=Q(hourly_rate__gt=0),
                name="volunteering_fee_tier_rate_positive",
                violation_error_message=_("Give the hourly fee as a positive sum in euros."),
            ),
            models.UniqueConstraint(
                fields=["for_trained"],
                condition=Q(active=True),
                name="volunteering_one_active_tier_per_kind",
                violation_error_message=_(
                    "Only one tier for trained and one for untrained experts can be in use."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.hourly_rate} €/h)"


class TravelRule(models.Model):
    """Travel compensation for a date of a task at a place (not online), from a day on."""

    valid_from = models.DateField(_("valid from"), unique=True)
    per_date = models.DecimalField(_("compensation per date (€)"), max_digits=8, decimal_places=2)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("travel compensation rule")
        verbose_name_plural = _("travel compensation rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(per_date__gte=0), name="volunteering_travel_not_negative"
            )
        ]

    def __str__(self):
        return f"{self.per_date} € / {self.valid_from}"


class HourEntry(models.Model):
    """Hours the person reports for one date of a task: confirmed by the requester,
    approved or rejected by a coordinator. The fee is computed and frozen at approval."""

    class Status(models.TextChoices):
        REPORTED = "reported", _("Reported")
        CONFIRMED = "confirmed", _("Confirmed by the requester")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="hours", verbose_name=_("assignment")
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    note = models.CharField(_("note"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REPORTED
    )
    reported_at = models.DateTimeField(_("reported"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    reject_reason = models.CharField(_("reason for rejecting"), max_length=500, blank=True)
    # Frozen at approval: the rule in force then, not the one in force later.
    fee_tier = models.ForeignKey(
        FeeTier,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fee tier"),
    )
    hourly_rate = models.DecimalField(
        _("hourly fee (€)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    fee = models.DecimalField(_("fee (€)"), max_digits=9, decimal_places=2, null=True, blank=True)
    travel = models.DecimalField(
        _("travel compensation (€)"), max_digits=8, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("hours")
        verbose_name_plural = _("hours")
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="volunteering_hours_positive"),
            models.UniqueConstraint(
                fields=["assignment", "date"],
                condition=~Q(status="rejected"),
                name="volunteering_hours_once_per_date",
                violation_error_message=_("You have already reported hours for this date."),
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reject_reason=""),
                name="volunteering_hours_reject_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(fee__isnull=False, travel__isnull=False),
                name="volunteering_hours_fee_frozen",
            ),
        ]

    def __str__(self):
        return f"{self.assignment} {self.date} {self.hours} h"

    @property
    def total(self):
        if self.fee is None:
            return None
        return self.fee + (self.travel or 0)

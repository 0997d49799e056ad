"""Office leases for associations and the key hand-overs that go with them."""

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import (
    DateRangeField,
    RangeOperators,
)
from django.db import models
from django.db.models import F, Func, Q
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation

from .models import Room


class OfficeLease(models.Model):
    """A long-term lease of an office room or workstation to an organisation."""

    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="leases", verbose_name=_("room")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="office_leases",
        verbose_name=_("organisation"),
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    monthly_rent = models.DecimalField(_("monthly rent (€)"), max_digits=8, decimal_places=2)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("office lease")
        verbose_name_plural = _("office leases")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="lease_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(monthly_rent__gte=0), name="lease_rent_not_negative"
            ),
            # One lease per room at a time.
            ExclusionConstraint(
                name="lease_no_overlap",
                expressions=[
                    ("room", RangeOperators.EQUAL),
                    (
                        Func(
                            "starts_on",
                            "ends_on",
                            models.Value("[]"),
                            function="DATERANGE",
                            output_field=DateRangeField(),
                        ),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                violation_error_message=_("The room is already leased for part of that period."),
            ),
        ]

    def __str__(self):
        return f"{self.room} – {self.organisation}"


class KeyHandover(models.Model):
    """A key (or key card) handed to an organisation's person, and its return."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="key_handovers",
        verbose_name=_("organisation"),
    )
    lease = models.ForeignKey(
        OfficeLease,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="key_handovers",
        verbose_name=_("office lease"),
    )
    key_label = models.CharField(_("key"), max_length=100, help_text=_("Number or name."))
    holder_name = models.CharField(_("holder"), max_length=200)
    handed_over_on = models.DateField(_("handed over"))
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handed over by"),
    )
    returned_on = models.DateField(_("returned"), null=True, blank=True)
    deposit = models.DecimalField(
        _("deposit (€)"), max_digits=8, decimal_places=2, default=0, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-handed_over_on"]
        verbose_name = _("key hand-over")
        verbose_name_plural = _("key hand-overs")
        constraints = [
            models.CheckConstraint(
                condition=Q(returned_on__isnull=True) | Q(returned_on__gte=F("handed_over_on")),
                name="key_returned_after_handover",
            ),
            # A key is out to one holder at a time.
            models.UniqueConstraint(
                fields=["key_label"],
                condition=Q(returned_on__isnull=True),
                name="key_out_once",
                violation_error_message=_("That key has not been returned yet."),
            ),
        ]

    def __str__(self):
        return f"{self.key_label} – {self.holder_name}"

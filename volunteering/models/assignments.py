"""Assignments and their slots. That a person never holds two assignments whose times
meet is a database constraint: every date of an assignment is a Slot row, and an
exclusion constraint over the person and the slot's time range refuses an overlap, so
two coordinators assigning at the same moment cannot both succeed."""

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.db import models
from django.db.models import F, Func, Q
from django.utils.translation import gettext_lazy as _

from .profiles import Profile
from .requests import Offer, Request, RequestDate


class Assignment(models.Model):
    """A person holds a task. Its dates are Slots; see the module's docstring."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Agreed")
        CANCELLED = "cancelled", _("Cancelled")

    request = models.ForeignKey(
        Request, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("request")
    )
    profile = models.ForeignKey(
        Profile, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("person")
    )
    offer = models.OneToOneField(
        Offer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignment",
        verbose_name=_("offer"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    created_at = models.DateTimeField(_("created"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cancelled by"),
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "profile"],
                condition=Q(status="active"),
                name="volunteering_assignment_once",
                violation_error_message=_("The person already holds this task."),
            ),
            models.CheckConstraint(
                condition=Q(status="active", cancelled_at__isnull=True)
                | Q(status="cancelled", cancelled_at__isnull=False) & ~Q(cancel_reason=""),
                name="volunteering_assignment_cancel_reason",
                violation_error_message=_("Give the reason for cancelling."),
            ),
        ]

    def __str__(self):
        return f"{self.profile} – {self.request}"


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class Slot(models.Model):
    """The time of one date of an assignment, held by the person while the assignment is
    active. The exclusion constraint keeps a person's held slots from overlapping."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="slots", verbose_name=_("assignment")
    )
    date = models.ForeignKey(
        RequestDate, on_delete=models.CASCADE, related_name="slots", verbose_name=_("date")
    )
    # Copied from the assignment and the date, for the constraint.
    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="slots", verbose_name=_("person")
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    held = models.BooleanField(_("held"), default=True)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("assigned time")
        verbose_name_plural = _("assigned times")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="volunteering_slot_end_after_start"
            ),
            ExclusionConstraint(
                name="volunteering_slot_no_overlap",
                expressions=[
                    ("profile", RangeOperators.EQUAL),
                    (TsTzRange("start", "end", models.Value("[)")), RangeOperators.OVERLAPS),
                ],
                condition=Q(held=True),
                violation_error_message=_("The person already has a task at that time."),
            ),
        ]

    def __str__(self):
        return f"{self.profile} {self.start:%Y-%m-%d %H:%M}"

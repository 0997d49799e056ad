"""Decisions, payments, change requests and the grant's reports."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .applications import COSTS, INCOME, Application, BudgetLine
from .base import MONEY, ZERO
from .calls import Call


class Decision(models.Model):
    class Outcome(models.TextChoices):
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="decision"
    )
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    amount = models.DecimalField(_("granted amount (€)"), default=ZERO, **MONEY)
    conditions = models.TextField(_("conditions"), blank=True, max_length=5000)
    rationale = models.TextField(_("rationale"), max_length=5000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"))

    class Meta:
        ordering = ["call", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        # The decision-maker's role: staff with this permission (a group or the person).
        permissions = [("approve_decisions", _("Can approve the decisions of a grant call"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="granted", amount__gt=0) | Q(outcome="refused", amount=0),
                name="decision_amount_matches_outcome",
            ),
        ]

    def __str__(self):
        return f"{self.application}: {self.get_outcome_display()} {self.amount}"


class Payment(models.Model):
    class Trigger(models.TextChoices):
        DECISION = "decision", _("At the decision")
        FINAL_REPORT = "final_report", _("After the final report")

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="payments")
    order = models.PositiveSmallIntegerField(_("instalment"), default=1)
    trigger = models.CharField(_("paid"), max_length=20, choices=Trigger.choices)
    amount = models.DecimalField(_("amount (€)"), **MONEY)
    due_on = models.DateField(_("due"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["decision", "order"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_positive"),
            models.UniqueConstraint(fields=["decision", "order"], name="payment_order"),
        ]

    def __str__(self):
        return f"{self.decision.application}: {self.order}. {self.amount}"


class ChangeRequest(models.Model):
    class Kind(models.TextChoices):
        EXTEND = "extend", _("A longer project period")
        MOVE_MONEY = "move_money", _("Moving money between budget lines")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="change_requests"
    )
    kind = models.CharField(_("change"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("what and why"), max_length=3000)
    new_end_date = models.DateField(_("new end date"), null=True, blank=True)
    # Moving money: from one planned cost category to another; the total stays.
    move_from = models.CharField(
        _("move from"), max_length=20, choices=BudgetLine.Category.choices, blank=True
    )
    move_to = models.CharField(
        _("move to"), max_length=20, choices=BudgetLine.Category.choices, blank=True
    )
    move_amount = models.DecimalField(_("amount to move (€)"), null=True, blank=True, **MONEY)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True, max_length=3000)

    class Meta:
        ordering = ["application", "requested_at"]
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")

    def __str__(self):
        return f"{self.application}: {self.get_kind_display()}"


class BudgetMove(models.Model):
    """What an approved change request moved between the planned cost categories, when
    and by whom, with the planned amounts before the move: the budget's history."""

    change = models.OneToOneField(ChangeRequest, on_delete=models.PROTECT, related_name="move")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_moves"
    )
    from_category = models.CharField(
        _("moved from"), max_length=20, choices=BudgetLine.Category.choices
    )
    to_category = models.CharField(
        _("moved to"), max_length=20, choices=BudgetLine.Category.choices
    )
    amount = models.DecimalField(_("amount (€)"), **MONEY)
    from_before = models.DecimalField(_("planned before, from"), **MONEY)
    to_before = models.DecimalField(_("planned before, to"), **MONEY)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    moved_at = models.DateTimeField(_("moved"))

    class Meta:
        ordering = ["application", "moved_at"]
        verbose_name = _("budget move")
        verbose_name_plural = _("budget moves")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="budget_move_positive"),
        ]

    def __str__(self):
        return f"{self.application}: {self.from_category} → {self.to_category} {self.amount}"


class GrantReport(models.Model):
    """An interim or final report: actual costs and income against the planned lines,
    results against the goals, attachments; checked by staff with a checklist."""

    class Kind(models.TextChoices):
        INTERIM = "interim", _("Interim report")
        FINAL = "final", _("Final report")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        CHANGES = "changes", _("Changes asked for")
        ACCEPTED = "accepted", _("Accepted")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    results = models.TextField(_("results against the goals"), max_length=10000)
    # {"category": "actual amount", …} per budget category
    actuals = models.JSONField(_("actual costs and income"), default=dict)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"))
    used_as_decided = models.BooleanField(_("used as decided"), default=False)
    self_financing_realised = models.BooleanField(_("self-financing realised"), default=False)
    ledger_attached = models.BooleanField(_("ledger attached"), default=False)
    staff_comment = models.TextField(_("comment of the staff"), blank=True, max_length=3000)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    repayment_amount = models.DecimalField(_("repayment claim (€)"), default=ZERO, **MONEY)

    class Meta:
        ordering = ["application", "submitted_at"]
        verbose_name = _("grant report")
        verbose_name_plural = _("grant reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(repayment_amount__gte=0), name="grant_report_repayment"
            ),
        ]

    def __str__(self):
        return f"{self.application}: {self.get_kind_display()}"

    def actual(self, category) -> Decimal:
        return Decimal(self.actuals.get(category, "0"))

    @property
    def actual_costs(self) -> Decimal:
        return sum((self.actual(c) for c in COSTS), ZERO)

    @property
    def actual_other_income(self) -> Decimal:
        return sum((self.actual(c) for c in INCOME), ZERO)

    @property
    def rows(self) -> list[dict]:
        """Each category with its planned and actual amount."""
        planned: dict[str, Decimal] = {}
        for line in self.application._lines():
            planned[line.category] = planned.get(line.category, ZERO) + line.amount
        return [
            {
                "category": label,
                "is_cost": value in COSTS,
                "planned": planned.get(value, ZERO),
                "actual": self.actual(value),
            }
            for value, label in BudgetLine.Category.choices
        ]

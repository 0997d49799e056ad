"""Decisions and payments. A call's decisions are approved under the call's row lock,
so that the call's granted total never exceeds its budget however many decision-makers act
at once; a payment is added under its decision's row lock, so that payments never exceed
the grant."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from core import clock
from core import reports as pipeline
from grants import selectors
from grants.errors import GrantError
from grants.models import (
    ZERO,
    Application,
    Call,
    Decision,
    DecisionLetter,
    GrantNotice,
    GrantReport,
    Payment,
)

from ._common import CENT, _money, _notify, _require_staff, is_decision_maker, logger


@dataclass
class DecisionInput:
    application: Application
    granted: bool
    amount: Decimal
    rationale: str
    conditions: str = ""


def _instalments(
    call: Call, amount: Decimal, today: date
) -> list[tuple[str, Decimal, date | None]]:
    first = (amount * call.first_instalment_percent / 100).quantize(CENT, ROUND_HALF_UP)
    plan = [(Payment.Trigger.DECISION, first, today)]
    if amount - first > 0:
        plan.append((Payment.Trigger.FINAL_REPORT, amount - first, None))
    return plan


@transaction.atomic
def decisions_approve(*, actor, call: Call, decisions: list[DecisionInput]) -> list[Decision]:
    """The decision-maker approves decisions of a call in one act: all or none. Under
    the call's row lock, so that concurrent acts never grant more than the budget. Only
    a decision-maker (is_decision_maker) may."""
    if not is_decision_maker(actor):
        raise PermissionDenied
    call = Call.objects.select_for_update().get(pk=call.pk)
    if not decisions:
        raise GrantError(_("Choose the applications to decide."))
    now = clock.now()
    if now < call.closes_at:
        raise GrantError(_("Decisions are made after the call has closed."))
    ids = [d.application.pk for d in decisions]
    if len(set(ids)) != len(ids):
        raise GrantError(_("Each application is decided once."))
    applications = {
        a.pk: a for a in Application.objects.select_for_update().filter(pk__in=ids, call=call)
    }
    new_total = ZERO
    for item in decisions:
        application = applications.get(item.application.pk)
        if application is None or application.status != Application.Status.SUBMITTED:
            raise GrantError(
                _(
                    "“%(project)s” is not a submitted application of this call waiting for a decision."
                ),
                params={"project": item.application.project_name},
            )
        if not (item.rationale or "").strip():
            raise GrantError(
                _("Give the rationale of the decision on “%(project)s”."),
                field="rationale",
                params={"project": application.project_name},
            )
        if item.granted:
            if item.amount is None or item.amount <= 0:
                raise GrantError(
                    _("A grant to “%(project)s” must be more than 0 €."),
                    field="amount",
                    params={"project": application.project_name},
                )
            if item.amount > application.requested_amount:
                raise GrantError(
                    _("The grant to “%(project)s” cannot exceed the requested %(requested)s €."),
                    field="amount",
                    params={
                        "project": application.project_name,
                        "requested": _money(application.requested_amount),
                    },
                )
            new_total += item.amount
    already = selectors.granted_total(call)
    if already + new_total > call.budget:
        raise GrantError(
            _(
                "The decisions would exceed the call's budget of %(budget)s €: "
                "%(granted)s € is already granted and %(left)s € is left."
            ),
            field="amount",
            params={
                "budget": _money(call.budget),
                "granted": _money(already),
                "left": _money(call.budget - already),
            },
        )
    made = []
    today = clock.today()
    for item in decisions:
        application = applications[item.application.pk]
        outcome = Decision.Outcome.GRANTED if item.granted else Decision.Outcome.REFUSED
        decision = Decision.objects.create(
            application=application,
            call=call,
            outcome=outcome,
            amount=item.amount if item.granted else ZERO,
            conditions=item.conditions,
            rationale=item.rationale,
            decided_by=actor,
            decided_at=now,
        )
        if item.granted:
            for order, (trigger, amount, due) in enumerate(
                _instalments(call, item.amount, today), start=1
            ):
                Payment.objects.create(
                    decision=decision, order=order, trigger=trigger, amount=amount, due_on=due
                )
        application.status = (
            Application.Status.GRANTED if item.granted else Application.Status.REFUSED
        )
        application.save(update_fields=["status", "updated_at"])
        pipeline.report_request(
            DecisionLetter,
            application=application,
            language=application.language,
            requested_by=actor,
        )
        _notify(application, GrantNotice.Kind.DECISION)
        made.append(decision)
    logger.info("%s decisions of call %s approved by user %s", len(made), call.pk, actor.pk)
    return made


@transaction.atomic
def payment_add(*, actor, decision: Decision, amount: Decimal, due_on: date | None = None):
    """Another instalment of a grant; under the decision's row lock, payments never
    exceed the grant."""
    _require_staff(actor)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.outcome != Decision.Outcome.GRANTED:
        raise GrantError(_("Only a grant is paid."))
    if amount is None or amount <= 0:
        raise GrantError(_("The amount must be more than 0 €."), field="amount")
    planned = decision.payments.aggregate(total=Sum("amount"))["total"] or ZERO
    if planned + amount > decision.amount:
        raise GrantError(
            _("The payments would exceed the grant of %(grant)s €: %(left)s € is left."),
            field="amount",
            params={"grant": _money(decision.amount), "left": _money(decision.amount - planned)},
        )
    order = (decision.payments.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    return Payment.objects.create(
        decision=decision,
        order=order,
        trigger=Payment.Trigger.DECISION,
        amount=amount,
        due_on=due_on,
    )


@transaction.atomic
def payment_mark_paid(*, actor, payment: Payment, paid_on: date | None = None) -> Payment:
    _require_staff(actor)
    Decision.objects.select_for_update().get(pk=payment.decision_id)
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.paid_on:
        raise GrantError(_("The instalment has already been paid."))
    if (
        payment.trigger == Payment.Trigger.FINAL_REPORT
        and not GrantReport.objects.filter(
            application_id=payment.decision.application_id,
            kind=GrantReport.Kind.FINAL,
            status=GrantReport.Status.ACCEPTED,
        ).exists()
    ):
        raise GrantError(_("This instalment is paid after the final report has been accepted."))
    payment.paid_on = paid_on or clock.today()
    payment.paid_by = actor
    payment.save(update_fields=["paid_on", "paid_by"])
    return payment


def letter_for(application):
    """The newest decision letter of the application."""
    return application.letters.order_by("-created_at").first()

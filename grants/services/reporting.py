"""After the grant: interim and final reports checked with a checklist, and the repayment
claim of an unspent amount."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core import clock
from grants.errors import GrantError
from grants.models import COSTS, ZERO, BudgetLine, Decision, GrantReport

from ._common import CENT, _require_applicant, _require_granted, _require_staff


def _clean_actuals(actuals: dict) -> dict:
    clean = {}
    for category, value in (actuals or {}).items():
        if category not in BudgetLine.Category.values:
            raise GrantError(_("Unknown budget category."), field="actuals")
        try:
            amount = Decimal(str(value)).quantize(CENT)
        except Exception:  # noqa: BLE001 - any unparsable amount
            raise GrantError(_("Give the actual amounts in euros."), field="actuals") from None
        if amount < 0:
            raise GrantError(_("The actual amounts cannot be negative."), field="actuals")
        clean[category] = str(amount)
    return clean


@transaction.atomic
def grant_report_submit(*, actor, application, kind: str, results: str, actuals: dict):
    _require_applicant(actor, application)
    _require_granted(application)
    if kind not in GrantReport.Kind.values:
        raise GrantError(_("Choose the kind of report."), field="kind")
    if not (results or "").strip():
        raise GrantError(_("Describe the results against the goals."), field="results")
    actuals = _clean_actuals(actuals)
    if not any(Decimal(actuals.get(c, "0")) for c in COSTS):
        raise GrantError(_("Give the actual costs."), field="actuals")
    open_report = GrantReport.objects.filter(
        application=application, kind=kind, status__in=[GrantReport.Status.SUBMITTED]
    ).exists()
    accepted_final = GrantReport.objects.filter(
        application=application, kind=GrantReport.Kind.FINAL, status=GrantReport.Status.ACCEPTED
    ).exists()
    if open_report or accepted_final:
        raise GrantError(_("A report of this kind is already waiting or accepted."))
    return GrantReport.objects.create(
        application=application,
        kind=kind,
        results=results,
        actuals=actuals,
        submitted_by=actor,
        submitted_at=clock.now(),
    )


@transaction.atomic
def grant_report_check(
    *,
    actor,
    report: GrantReport,
    accept: bool,
    used_as_decided: bool,
    self_financing_realised: bool,
    ledger_attached: bool,
    comment: str = "",
) -> GrantReport:
    """Staff check a report with the checklist and accept it or ask for changes. An
    accepted final report settles the grant: what was not used is first taken off the
    unpaid instalments, and the rest becomes a repayment claim."""
    _require_staff(actor)
    report = GrantReport.objects.select_for_update().select_related("application").get(pk=report.pk)
    if report.status != GrantReport.Status.SUBMITTED:
        raise GrantError(_("The report has already been checked."))
    if not accept and not comment.strip():
        raise GrantError(_("Say what should be changed."), field="comment")
    if accept and not (used_as_decided and self_financing_realised and ledger_attached):
        raise GrantError(_("A report is accepted when every item of the checklist holds."))
    report.used_as_decided = used_as_decided
    report.self_financing_realised = self_financing_realised
    report.ledger_attached = ledger_attached
    report.staff_comment = comment
    report.checked_by = actor
    report.checked_at = clock.now()
    report.status = GrantReport.Status.ACCEPTED if accept else GrantReport.Status.CHANGES
    if accept and report.kind == GrantReport.Kind.FINAL:
        decision = Decision.objects.select_for_update().get(application=report.application)
        used = max(report.actual_costs - report.actual_other_income, ZERO)
        unspent = max(decision.amount - used, ZERO)
        for payment in decision.payments.filter(paid_on__isnull=True).order_by("-order"):
            if not unspent:
                break
            cut = min(unspent, payment.amount)
            unspent -= cut
            if cut == payment.amount:
                payment.delete()
            else:
                payment.amount -= cut
                payment.save(update_fields=["amount"])
        report.repayment_amount = unspent
    report.save()
    return report

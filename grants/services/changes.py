"""Change requests after the grant, with a decision: a longer project period, or money
moved between the planned cost categories. An approved move changes the budget lines
under the grant's row lock; the granted amount and the total costs stay as they were,
and a BudgetMove keeps what moved, when and by whom."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core import clock
from grants.errors import GrantError
from grants.models import (
    COSTS,
    ZERO,
    Application,
    BudgetLine,
    BudgetMove,
    ChangeRequest,
    Decision,
)

from ._common import _money, _require_applicant, _require_granted, _require_staff


def _planned(application_id, category) -> Decimal:
    return sum(
        (
            line.amount
            for line in BudgetLine.objects.filter(application_id=application_id, category=category)
        ),
        ZERO,
    )


def _check_move(application, move_from, move_to, move_amount):
    if move_from not in COSTS:
        raise GrantError(_("Choose the cost category the money moves from."), field="move_from")
    if move_to not in COSTS:
        raise GrantError(_("Choose the cost category the money moves to."), field="move_to")
    if move_from == move_to:
        raise GrantError(_("The money moves between two different categories."), field="move_to")
    if move_amount is None or move_amount <= 0:
        raise GrantError(_("The amount to move must be more than 0 €."), field="move_amount")
    planned = _planned(application.pk, move_from)
    if move_amount > planned:
        raise GrantError(
            _("Only %(planned)s € is planned for “%(category)s”; no more than that can be moved."),
            field="move_amount",
            params={
                "planned": _money(planned),
                "category": BudgetLine.Category(move_from).label,
            },
        )


@transaction.atomic
def change_request_create(
    *,
    actor,
    application,
    kind: str,
    description: str,
    new_end_date: date | None = None,
    move_from: str = "",
    move_to: str = "",
    move_amount: Decimal | None = None,
):
    _require_applicant(actor, application)
    _require_granted(application)
    if kind not in ChangeRequest.Kind.values:
        raise GrantError(_("Choose the kind of change."), field="kind")
    if not (description or "").strip():
        raise GrantError(_("Describe the change and why it is needed."), field="description")
    if kind == ChangeRequest.Kind.EXTEND and (
        new_end_date is None or (application.ends_on and new_end_date <= application.ends_on)
    ):
        raise GrantError(_("Give a new end date after the current one."), field="new_end_date")
    moving = kind == ChangeRequest.Kind.MOVE_MONEY
    if moving:
        _check_move(application, move_from, move_to, move_amount)
    return ChangeRequest.objects.create(
        application=application,
        kind=kind,
        description=description,
        new_end_date=new_end_date if kind == ChangeRequest.Kind.EXTEND else None,
        move_from=move_from if moving else "",
        move_to=move_to if moving else "",
        move_amount=move_amount if moving else None,
        requested_by=actor,
    )


def _move_money(change: ChangeRequest, actor, now) -> BudgetMove:
    """Take the amount off the lines of one cost category (the last lines first) and add
    it to the first line of the other (a new line, without a description, if it has
    none: the BudgetMove tells where it came from). The caller holds the
    grant's lock, so that concurrent approvals see each other's moves."""
    lines = list(
        BudgetLine.objects.select_for_update()
        .filter(application_id=change.application_id)
        .order_by("pk")
    )
    if change.move_amount is None or not change.move_from or not change.move_to:
        raise GrantError(_("The change request does not say what moves where."))
    sources = [line for line in lines if line.category == change.move_from]
    targets = [line for line in lines if line.category == change.move_to]
    from_before = sum((line.amount for line in sources), ZERO)
    to_before = sum((line.amount for line in targets), ZERO)
    if change.move_amount > from_before:
        raise GrantError(
            _(
                "Only %(planned)s € is now planned for “%(category)s”; the change cannot be "
                "approved as it is."
            ),
            field="move_amount",
            params={
                "planned": _money(from_before),
                "category": change.get_move_from_display(),
            },
        )
    left = change.move_amount
    for line in reversed(sources):
        cut = min(left, line.amount)
        line.amount -= cut
        line.save(update_fields=["amount"])
        left -= cut
        if not left:
            break
    if targets:
        targets[0].amount += change.move_amount
        targets[0].save(update_fields=["amount"])
    else:
        BudgetLine.objects.create(
            application_id=change.application_id,
            category=change.move_to,
            amount=change.move_amount,
        )
    return BudgetMove.objects.create(
        change=change,
        application_id=change.application_id,
        from_category=change.move_from,
        to_category=change.move_to,
        amount=change.move_amount,
        from_before=from_before,
        to_before=to_before,
        moved_by=actor,
        moved_at=now,
    )


@transaction.atomic
def change_request_decide(*, actor, change: ChangeRequest, approve: bool, note: str = ""):
    """Approve or refuse a change request. Under the grant's row lock (the decision of
    the application), as payments are, so that two approved moves never take the same
    euros twice; a move that no longer fits the lines is refused with a message and
    changes nothing."""
    _require_staff(actor)
    change = ChangeRequest.objects.select_for_update().get(pk=change.pk)
    Decision.objects.select_for_update().get(application_id=change.application_id)
    if change.status != ChangeRequest.Status.PENDING:
        raise GrantError(_("The change request has already been decided."))
    now = clock.now()
    change.status = ChangeRequest.Status.APPROVED if approve else ChangeRequest.Status.REFUSED
    change.decided_by = actor
    change.decided_at = now
    change.decision_note = note
    change.save()
    if approve and change.kind == ChangeRequest.Kind.EXTEND:
        Application.objects.filter(pk=change.application_id).update(ends_on=change.new_end_date)
    if approve and change.kind == ChangeRequest.Kind.MOVE_MONEY:
        _move_money(change, actor, now)
    return change

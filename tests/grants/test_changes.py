"""An approved move of money between budget lines changes the lines: under the grant's
lock, the total costs and the grant unchanged, the move kept in the history."""

from decimal import Decimal

import pytest

from grants import services
from grants.errors import GrantError
from grants.models import BudgetLine, BudgetMove, ChangeRequest
from tests.factories.grants import ApplicationFactory, DecisionFactory
from tests.factories.organisations import StaffFactory
from tests.support.concurrency import race


def _granted(lines):
    application = ApplicationFactory(lines=lines)
    application.status = "granted"
    application.submitted_at = application.created_at
    application.save()
    return DecisionFactory(application=application, amount=Decimal("1800.00"))


def _planned(application):
    totals = {}
    for line in BudgetLine.objects.filter(application=application):
        totals[line.category] = totals.get(line.category, Decimal("0")) + line.amount
    return totals


def _move(application, amount, source="personnel", target="materials"):
    return services.change_request_create(
        actor=application.created_by,
        application=application,
        kind="move_money",
        description="Tarvikkeet kallistuivat.",
        move_from=source,
        move_to=target,
        move_amount=Decimal(amount),
    )


@pytest.mark.django_db
def test_an_approved_move_changes_the_lines_and_keeps_the_history():
    decision = _granted(
        [("personnel", "1200.00"), ("personnel", "800.00"), ("rent", "300.00"), ("own", "500.00")]
    )
    application = decision.application
    staff = StaffFactory()
    change = _move(application, "1000.00", target="materials")
    assert _planned(application)["personnel"] == Decimal("2000.00")  # not before approval

    services.change_request_decide(actor=staff, change=change, approve=True, note="OK")

    planned = _planned(application)
    assert planned["personnel"] == Decimal("1000.00")
    assert planned["materials"] == Decimal("1000.00")
    assert planned["rent"] == Decimal("300.00")
    application.refresh_from_db()
    assert application.total_costs == Decimal("2300.00")
    assert application.total_income == Decimal("500.00")
    decision.refresh_from_db()
    assert decision.amount == Decimal("1800.00")
    move = BudgetMove.objects.get(change=change)
    assert (move.from_category, move.to_category, move.amount) == (
        "personnel",
        "materials",
        Decimal("1000.00"),
    )
    assert (move.from_before, move.to_before) == (Decimal("2000.00"), Decimal("0.00"))
    assert move.moved_by == staff and move.moved_at is not None

    # A second move into an existing line adds to it; no new line.
    second = _move(application, "200.00", source="rent", target="materials")
    services.change_request_decide(actor=staff, change=second, approve=True)
    assert _planned(application)["materials"] == Decimal("1200.00")
    assert BudgetLine.objects.filter(application=application, category="materials").count() == 1
    assert BudgetMove.objects.filter(application=application).count() == 2


@pytest.mark.django_db
def test_a_refused_move_changes_nothing():
    decision = _granted([("personnel", "2000.00"), ("own", "200.00")])
    change = _move(decision.application, "500.00")
    services.change_request_decide(actor=StaffFactory(), change=change, approve=False)
    assert _planned(decision.application) == {
        "personnel": Decimal("2000.00"),
        "own": Decimal("200.00"),
    }
    assert not BudgetMove.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("source", "target", "amount", "field"),
    [
        ("own", "materials", "100.00", "move_from"),
        ("personnel", "fees", "100.00", "move_to"),
        ("personnel", "personnel", "100.00", "move_to"),
        ("personnel", "materials", "0", "move_amount"),
        ("personnel", "materials", "2000.01", "move_amount"),
    ],
)
def test_bad_moves_are_refused_with_their_field(source, target, amount, field):
    decision = _granted([("personnel", "2000.00"), ("own", "200.00")])
    with pytest.raises(GrantError) as error:
        _move(decision.application, amount, source, target)
    assert error.value.field == field
    assert not ChangeRequest.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_never_move_the_same_euros_twice():
    decision = _granted([("personnel", "2000.00"), ("own", "200.00")])
    application = decision.application
    changes = [_move(application, "800.00") for _ in range(4)]
    staff = StaffFactory()

    results = race(
        lambda i: services.change_request_decide(actor=staff, change=changes[i], approve=True),
        len(changes),
    )

    assert sum(isinstance(r, ChangeRequest) for r in results) == 2, results
    assert sum(isinstance(r, GrantError) for r in results) == 2
    planned = _planned(application)
    assert planned["personnel"] == Decimal("400.00")
    assert planned["materials"] == Decimal("1600.00")
    assert BudgetMove.objects.filter(application=application).count() == 2
    # The losers are still waiting for a decision: nothing half-saved.
    assert ChangeRequest.objects.filter(status="pending").count() == 2

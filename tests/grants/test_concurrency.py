"""Decision-makers approving at the same moment never grant more than the call's budget,
and payments added at the same moment never exceed the grant. Threads released by a
barrier on real PostgreSQL; the database decides who wins."""

import datetime
from decimal import Decimal

import pytest

from core import clock
from grants import services
from grants.errors import GrantError
from grants.models import Decision, Payment
from tests.factories.grants import (
    ApplicationFactory,
    CallFactory,
    CriteriaSetFactory,
    DecisionFactory,
    submitted,
)
from tests.factories.organisations import StaffFactory
from tests.support.concurrency import race

THREADS = 8


def _closed_call_with_applications(budget, count):
    call = CallFactory(
        budget=Decimal(budget),
        max_grant=Decimal("3000.00"),
        opens_at=clock.now() - datetime.timedelta(days=30),
        closes_at=clock.now() - datetime.timedelta(days=1),
    )
    criteria = CriteriaSetFactory(call=call)
    applications = [
        submitted(
            ApplicationFactory(
                call=call,
                requested_amount=Decimal("3000.00"),
                lines=[("personnel", "3500.00"), ("own", "500.00")],
            ),
            criteria,
        )
        for _ in range(count)
    ]
    return call, applications


@pytest.mark.django_db(transaction=True)
def test_concurrent_decisions_never_exceed_the_budget():
    call, applications = _closed_call_with_applications("10000.00", THREADS)
    staff = [StaffFactory() for _ in range(THREADS)]

    def decide(i):
        return services.decisions_approve(
            actor=staff[i],
            call=call,
            decisions=[
                services.DecisionInput(
                    application=applications[i],
                    granted=True,
                    amount=Decimal("3000.00"),
                    rationale="Hyvä hanke.",
                )
            ],
        )

    results = race(decide, THREADS)
    winners = [r for r in results if isinstance(r, list)]
    losers = [r for r in results if isinstance(r, GrantError)]
    assert len(winners) == 3, results
    assert len(losers) == THREADS - 3
    assert "budget" in str(losers[0]) or "budjetin" in str(losers[0])
    granted = Decision.objects.filter(call=call)
    assert granted.count() == 3
    assert sum(d.amount for d in granted) == Decimal("9000.00")
    # The losers' applications are untouched: still waiting, no payments.
    assert call.applications.filter(status="submitted").count() == THREADS - 3
    assert Payment.objects.filter(decision__call=call).count() == 3 * 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_acts_on_the_last_euros():
    call, applications = _closed_call_with_applications("6500.00", THREADS)
    staff = StaffFactory()
    services.decisions_approve(
        actor=staff,
        call=call,
        decisions=[
            services.DecisionInput(
                application=applications[0], granted=True, amount=Decimal("3000.00"), rationale="x"
            ),
            services.DecisionInput(
                application=applications[1], granted=True, amount=Decimal("3000.00"), rationale="x"
            ),
        ],
    )

    def decide(i):
        return services.decisions_approve(
            actor=staff,
            call=call,
            decisions=[
                services.DecisionInput(
                    application=applications[i + 2],
                    granted=True,
                    amount=Decimal("500.00"),
                    rationale="x",
                )
            ],
        )

    results = race(decide, THREADS - 2)
    assert sum(isinstance(r, list) for r in results) == 1, results
    assert services.selectors.granted_total(call) == Decimal("6500.00")


@pytest.mark.django_db(transaction=True)
def test_concurrent_payments_never_exceed_the_grant():
    decision = DecisionFactory(amount=Decimal("1000.00"))
    staff = StaffFactory()

    results = race(
        lambda i: services.payment_add(actor=staff, decision=decision, amount=Decimal("300.00")),
        THREADS,
    )
    assert sum(isinstance(r, Payment) for r in results) == 3, results
    assert sum(isinstance(r, GrantError) for r in results) == THREADS - 3
    payments = Payment.objects.filter(decision=decision)
    assert sum(p.amount for p in payments) == Decimal("900.00")
    assert sorted(p.order for p in payments) == [1, 2, 3]


@pytest.mark.django_db(transaction=True)
def test_concurrent_proposals_never_exceed_the_budget():
    call, applications = _closed_call_with_applications("10000.00", THREADS)
    staff = StaffFactory()

    def propose(i):
        return services.proposal_set(
            actor=staff, application=applications[i], amount=Decimal("3000.00"), rationale="x"
        )

    results = race(propose, THREADS)
    assert sum(isinstance(r, GrantError) for r in results) == THREADS - 3, results
    proposed = [a.proposed_amount for a in call.applications.all() if a.proposed_amount]
    assert proposed == [Decimal("3000.00")] * 3

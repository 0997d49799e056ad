"""The use cases of grants: the weighted score computed by hand for a small call, the
application's rules (each refusal a translated message, nothing saved), blind review,
decisions, payments and the final report's settlement."""

import datetime
from decimal import Decimal

import pytest
from django.http import Http404
from django.utils import translation

from core import clock
from grants import selectors, services
from grants.errors import GrantError
from grants.models import Application, CriteriaSet, Decision, GrantNotice, Payment, Review
from tests.factories.grants import (
    ApplicationFactory,
    CallFactory,
    CriteriaSetFactory,
    CriterionFactory,
    ReviewerFactory,
    submitted,
)
from tests.factories.organisations import RepresentativeFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_call():
    call = CallFactory()
    criteria = CriteriaSetFactory(call=call)
    a = CriterionFactory(criteria_set=criteria, order=1, weight=Decimal("2"), scale_max=5)
    b = CriterionFactory(
        criteria_set=criteria, order=2, weight=Decimal("1"), scale_max=3, allow_na=True
    )
    c = CriterionFactory(criteria_set=criteria, order=3, weight=Decimal("1"), scale_max=5)
    reviewers = [ReviewerFactory(call=call).user for _ in range(3)]
    first = submitted(ApplicationFactory(call=call), criteria)
    second = submitted(ApplicationFactory(call=call), criteria)
    return call, (a, b, c), reviewers, first, second


def _review(reviewer, application, values):
    return services.review_submit(
        actor=reviewer,
        application=application,
        scores={c.pk: (v, "") for c, v in values.items()},
    )


def test_weighted_scores_computed_by_hand(small_call):
    call, (a, b, c), (r1, r2, r3), first, second = small_call
    _review(r1, first, {a: 4, b: None, c: 3})
    _review(r2, first, {a: 5, b: 2, c: 2})
    services.conflict_declare(actor=r3, application=first, reason="Hallituksen jäsen")
    _review(r1, second, {a: 2, b: 3, c: 5})

    ranked = selectors.ranking(call)
    assert [r.application for r in ranked] == [first, second]
    top = ranked[0]
    assert top.reviews == 2
    # Means per criterion: not applicable ignored, never counted as 0.
    assert [(r.mean, r.count) for r in top.criteria] == [
        (Decimal("4.50"), 2),
        (Decimal("2.00"), 1),
        (Decimal("2.50"), 2),
    ]
    # (2·4.5 + 1·2 + 1·2.5) / 4 = 3.375 points
    assert top.weighted_mean == Decimal("3.38")
    # (2·4.5/5 + 1·2/3 + 1·2.5/5) / 4 = 0.741666… of the maximum
    assert top.score == Decimal("74.17")
    assert ranked[1].score == Decimal("70.00")
    assert ranked[1].weighted_mean == Decimal("3.00")
    assert [r.rank for r in ranked] == [1, 2]


def test_conflict_takes_the_reviewer_off_the_application(small_call):
    call, (a, b, c), (r1, r2, r3), first, second = small_call
    services.conflict_declare(actor=r3, application=first, reason="Hallituksen jäsen")
    assert first not in selectors.reviewable_applications(r3)
    with pytest.raises(Http404):
        _review(r3, first, {a: 1, b: 1, c: 1})
    assert not Review.objects.filter(reviewer=r3).exists()


def test_a_conflict_declared_after_scoring_takes_the_scores_out(small_call):
    call, (a, b, c), (r1, r2, r3), first, second = small_call
    _review(r1, first, {a: 4, b: None, c: 3})
    late = _review(r3, first, {a: 0, b: 0, c: 0})
    assert selectors.ranking(call)[0].reviews == 2

    services.conflict_declare(actor=r3, application=first, reason="Hallituksen jäsen")

    top = next(r for r in selectors.ranking(call) if r.application == first)
    assert top.reviews == 1
    # Only r1's scores: (2·4/5 + 1·3/5) / 3 = 0.7333…
    assert top.score == Decimal("73.33")
    assert list(selectors.reviews_of(first)) == [Review.objects.get(reviewer=r1)]
    # Kept for the audit, marked excluded.
    late.refresh_from_db()
    assert late.excluded_at is not None
    assert late.scores.count() == 3
    assert list(selectors.excluded_reviews_of(first)) == [late]
    # The reviewer loses access to the application and its reviews.
    assert first not in selectors.reviewable_applications(r3)
    assert not selectors.may_see_reviews(r3, first)
    with pytest.raises(Http404):
        services.conflict_declare(actor=r3, application=first, reason="Uudelleen")


def test_blind_review_shows_others_only_after_ones_own(small_call):
    call, (a, b, c), (r1, r2, r3), first, second = small_call
    _review(r1, first, {a: 4, b: None, c: 3})
    assert not selectors.may_see_reviews(r2, first)
    _review(r2, first, {a: 5, b: 2, c: 2})
    assert selectors.may_see_reviews(r2, first)
    assert not selectors.may_see_reviews(UserFactory(), first)
    assert selectors.may_see_reviews(StaffFactory(), first)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"a": 6, "b": 1, "c": 1}, "must be from 0 to 5"),
        ({"a": 1, "b": 1, "c": None}, "“not applicable” is not allowed"),
        ({"a": -1, "b": 1, "c": 1}, "must be from 0 to 5"),
    ],
)
def test_bad_scores_are_refused(small_call, values, message):
    call, (a, b, c), (r1, *_), first, _second = small_call
    criteria = {"a": a, "b": b, "c": c}
    translation.activate("en")
    with pytest.raises(GrantError) as error:
        _review(r1, first, {criteria[k]: v for k, v in values.items()})
    assert message in str(error.value)
    assert not Review.objects.exists()


def test_a_non_reviewer_cannot_score(small_call):
    call, (a, b, c), _reviewers, first, _second = small_call
    with pytest.raises(Http404):
        _review(UserFactory(), first, {a: 1, b: 1, c: 1})


# Applications -----------------------------------------------------------------------


@pytest.fixture
def draft():
    call = CallFactory()
    CriterionFactory(criteria_set=CriteriaSetFactory(call=call))
    return ApplicationFactory(call=call)


def test_submitting_locks_freezes_the_criteria_and_queues_the_notice(
    draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        application = services.application_submit(actor=draft.created_by, application=draft)
    assert application.status == Application.Status.SUBMITTED
    assert application.criteria_set.is_frozen
    assert GrantNotice.objects.filter(application=draft, kind="received").count() == 1
    with pytest.raises(GrantError):
        services.application_update(actor=draft.created_by, application=draft, goals="x")
    with pytest.raises(GrantError):
        services.criteria_check_editable(application.criteria_set)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"requested_amount": Decimal("6000.00")}, "between 500.00 € and 5,000.00 €"),
        ({"requested_amount": Decimal("100.00")}, "between 500.00 € and 5,000.00 €"),
        ({"requested_amount": Decimal("1700.00")}, "does not balance"),
        (
            {
                "requested_amount": Decimal("1900.00"),
                "budget_lines": [
                    services.Line("personnel", Decimal("2000.00")),
                    services.Line("own", Decimal("100.00")),
                ],
            },
            "self-financing share",
        ),
    ],
)
def test_bad_applications_are_refused_and_stay_drafts(draft, change, message):
    translation.activate("en")
    services.application_update(actor=draft.created_by, application=draft, **change)
    with pytest.raises(GrantError) as error:
        services.application_submit(actor=draft.created_by, application=draft)
    assert message in str(error.value).replace("\xa0", " ")
    draft.refresh_from_db()
    assert draft.status == Application.Status.DRAFT
    assert not GrantNotice.objects.exists()
    assert draft.criteria_set_id is None


def test_submitting_after_the_closing_time(draft, time_machine):
    translation.activate("en")
    time_machine.move_to(draft.call.closes_at + datetime.timedelta(minutes=1))
    with pytest.raises(GrantError) as error:
        services.application_submit(actor=draft.created_by, application=draft)
    assert "closed" in str(error.value)
    draft.refresh_from_db()
    assert draft.status == Application.Status.DRAFT


def test_another_organisations_representative_cannot_touch_it(draft):
    other = RepresentativeFactory().user
    assert not selectors.applications_for(other).filter(pk=draft.pk).exists()
    with pytest.raises(Exception):  # noqa: B017,PT011 - PermissionDenied
        services.application_update(actor=other, application=draft, goals="x")


def test_return_once_then_resubmit(draft):
    staff = StaffFactory()
    services.application_submit(actor=draft.created_by, application=draft)
    deadline = clock.now() + datetime.timedelta(days=5)
    services.application_return(
        actor=staff, application=draft, comment="Liitä talousarvio", deadline=deadline
    )
    draft.refresh_from_db()
    assert draft.is_editable
    services.application_submit(actor=draft.created_by, application=draft)
    with pytest.raises(GrantError):
        services.application_return(actor=staff, application=draft, comment="x", deadline=deadline)
    assert GrantNotice.objects.filter(application=draft, kind="received").count() == 2


def test_withdraw_before_the_decision_only(draft):
    services.application_withdraw(actor=draft.created_by, application=draft)
    draft.refresh_from_db()
    assert draft.status == Application.Status.WITHDRAWN


def test_criteria_versions_keep_the_old_for_scored_applications(draft):
    staff = StaffFactory()
    services.application_submit(actor=draft.created_by, application=draft)
    old = draft.call.current_criteria()
    new = services.criteria_new_version(actor=staff, criteria_set=old)
    assert new.version == 2 and new.status == CriteriaSet.Status.DRAFT
    assert new.criteria.count() == old.criteria.count()
    services.criteria_approve(actor=staff, criteria_set=new)
    services.criteria_publish(actor=staff, criteria_set=new)
    assert draft.call.current_criteria() == new
    draft.refresh_from_db()
    assert draft.criteria_set == old


# Decisions, payments, reports ------------------------------------------------------------


@pytest.fixture
def closed(time_machine):
    call = CallFactory(budget=Decimal("5000.00"))
    criteria = CriteriaSetFactory(call=call)
    applications = [submitted(ApplicationFactory(call=call), criteria) for _ in range(3)]
    time_machine.move_to(call.closes_at + datetime.timedelta(days=1))
    return call, applications


def test_decisions_over_the_budget_save_nothing(closed):
    call, (a1, a2, a3) = closed
    translation.activate("en")
    staff = StaffFactory()
    items = [
        services.DecisionInput(
            application=a, granted=True, amount=Decimal("1800.00"), rationale="x"
        )
        for a in (a1, a2, a3)
    ]
    with pytest.raises(GrantError) as error:
        services.decisions_approve(actor=staff, call=call, decisions=items)
    assert "exceed the call's budget" in str(error.value)
    assert not Decision.objects.exists()
    assert call.applications.filter(status="submitted").count() == 3


def test_a_grant_never_above_the_requested_amount(closed):
    call, (a1, *_rest) = closed
    with pytest.raises(GrantError):
        services.decisions_approve(
            actor=StaffFactory(),
            call=call,
            decisions=[
                services.DecisionInput(
                    application=a1, granted=True, amount=Decimal("1800.01"), rationale="x"
                )
            ],
        )
    assert not Decision.objects.exists()


def test_decisions_payments_and_final_report(closed):
    call, (a1, a2, a3) = closed
    staff = StaffFactory()
    rep = a1.created_by
    with pytest.raises(GrantError):
        services.grant_report_submit(
            actor=rep, application=a1, kind="final", results="x", actuals={"personnel": "1"}
        )
    services.decisions_approve(
        actor=staff,
        call=call,
        decisions=[
            services.DecisionInput(
                application=a1, granted=True, amount=Decimal("1500.00"), rationale="Hyvä"
            ),
            services.DecisionInput(
                application=a2, granted=False, amount=Decimal("0"), rationale="Ei rahaa"
            ),
        ],
    )
    a1.refresh_from_db()
    decision = a1.decision
    payments = list(decision.payments.order_by("order"))
    assert [(p.trigger, p.amount) for p in payments] == [
        (Payment.Trigger.DECISION, Decimal("1050.00")),
        (Payment.Trigger.FINAL_REPORT, Decimal("450.00")),
    ]
    assert a1.letters.count() == 1 and a1.letters.get().language == "fi"
    services.payment_mark_paid(actor=staff, payment=payments[0])
    with pytest.raises(GrantError):
        services.payment_mark_paid(actor=staff, payment=payments[1])  # before the final report
    with pytest.raises(GrantError):
        services.payment_add(actor=staff, decision=decision, amount=Decimal("0.01"))

    # Used 1 200 of 1 500: 300 unspent comes off the unpaid 450.
    report = services.grant_report_submit(
        actor=rep,
        application=a1,
        kind="final",
        results="Tavoitteet saavutettiin.",
        actuals={"personnel": "1400.00", "own": "200.00"},
    )
    services.grant_report_check(
        actor=staff,
        report=report,
        accept=True,
        used_as_decided=True,
        self_financing_realised=True,
        ledger_attached=True,
    )
    report.refresh_from_db()
    assert report.repayment_amount == Decimal("0.00")
    last = decision.payments.get(order=2)
    assert last.amount == Decimal("150.00")
    services.payment_mark_paid(actor=staff, payment=last)
    assert selectors.paid_total(decision) == Decimal("1200.00")


def test_unspent_beyond_the_unpaid_becomes_a_repayment_claim(closed):
    call, (a1, *_rest) = closed
    staff = StaffFactory()
    services.decisions_approve(
        actor=staff,
        call=call,
        decisions=[
            services.DecisionInput(
                application=a1, granted=True, amount=Decimal("1000.00"), rationale="x"
            )
        ],
    )
    decision = Decision.objects.get(application=a1)
    services.payment_mark_paid(actor=staff, payment=decision.payments.get(order=1))  # 700 paid
    report = services.grant_report_submit(
        actor=a1.created_by,
        application=a1,
        kind="final",
        results="x",
        actuals={"personnel": "500.00"},
    )
    services.grant_report_check(
        actor=staff,
        report=report,
        accept=True,
        used_as_decided=True,
        self_financing_realised=True,
        ledger_attached=True,
    )
    report.refresh_from_db()
    assert report.repayment_amount == Decimal("200.00")  # 700 paid, 500 used
    assert not decision.payments.filter(paid_on__isnull=True).exists()


def test_only_a_decision_maker_approves(closed, client):
    from django.contrib.auth.models import Permission
    from django.core.exceptions import PermissionDenied
    from django.urls import reverse

    call, (a1, *_rest) = closed
    plain_staff = StaffFactory(is_superuser=False)
    item = services.DecisionInput(
        application=a1, granted=True, amount=Decimal("100.00"), rationale="x"
    )
    with pytest.raises(PermissionDenied):
        services.decisions_approve(actor=plain_staff, call=call, decisions=[item])
    client.force_login(plain_staff)
    assert client.get(reverse("grants:decisions", args=[call.pk])).status_code == 404
    plain_staff.user_permissions.add(Permission.objects.get(codename="approve_decisions"))
    plain_staff = type(plain_staff).objects.get(pk=plain_staff.pk)  # the permission cache
    assert client.get(reverse("grants:decisions", args=[call.pk])).status_code == 200
    services.decisions_approve(actor=plain_staff, call=call, decisions=[item])
    assert Decision.objects.count() == 1


def test_a_change_request_is_decided(closed):
    call, (a1, *_rest) = closed
    staff = StaffFactory()
    services.decisions_approve(
        actor=staff,
        call=call,
        decisions=[
            services.DecisionInput(
                application=a1, granted=True, amount=Decimal("1000.00"), rationale="x"
            )
        ],
    )
    a1.refresh_from_db()
    with pytest.raises(GrantError):
        services.change_request_create(
            actor=a1.created_by, application=a1, kind="extend", description="Myöhemmin"
        )
    new_end = clock.today() + datetime.timedelta(days=500)
    change = services.change_request_create(
        actor=a1.created_by,
        application=a1,
        kind="extend",
        description="Myöhemmin",
        new_end_date=new_end,
    )
    services.change_request_decide(actor=staff, change=change, approve=True, note="Hyväksytty")
    a1.refresh_from_db()
    assert a1.ends_on == new_end
    with pytest.raises(GrantError):
        services.change_request_decide(actor=staff, change=change, approve=False)

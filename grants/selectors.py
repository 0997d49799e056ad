"""Reads of grants that span relations or apply permissions. Every queryset that leaves
here is scoped to the user: an application the person may not see is simply not in it,
so views answer 404.

Roles: a representative sees their organisations' applications; a reviewer is a user
assigned to a call by staff (ReviewerAssignment) and sees the call's submitted
applications except those they declared a conflict on; staff see everything.

Blind review: a reviewer sees the other reviewers' scores of an application only after
submitting their own (``may_see_reviews``)."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef, Prefetch, Q, Sum

from core.access import is_staff
from organisations.models import Representative

from .models import (
    Application,
    Call,
    ConflictOfInterest,
    Criterion,
    Decision,
    Payment,
    Review,
    ReviewerAssignment,
    Score,
)

TWO = Decimal("0.01")


def represented_organisation_ids(user):
    return Representative.objects.approved().filter(user=user).values("organisation_id")


def represented_organisations(user):
    from organisations.models import Organisation

    if not (user and user.is_authenticated):
        return Organisation.objects.none()
    return Organisation.objects.filter(pk__in=represented_organisation_ids(user)).order_by(
        "name_fi"
    )


def may_apply_for(user, organisation) -> bool:
    if not (user and user.is_authenticated):
        return False
    return Representative.objects.approved().filter(user=user, organisation=organisation).exists()


def _application_details(applications):
    return applications.select_related("call", "organisation", "decision").prefetch_related(
        "budget_lines"
    )


def applications_for(user):
    """Staff: every application; a representative: their organisations'."""
    if is_staff(user):
        return _application_details(Application.objects.all())
    if not (user and user.is_authenticated):
        return Application.objects.none()
    return _application_details(
        Application.objects.for_organisations(represented_organisation_ids(user))
    )


def public_calls():
    return Call.objects.published().select_related("funder")


def calls_with_criteria(calls):
    """The calls with their current (published) criteria, in a fixed number of queries."""
    calls = list(calls)
    from .models import CriteriaSet

    sets = (
        CriteriaSet.objects.filter(call__in=calls, status=CriteriaSet.Status.PUBLISHED)
        .order_by("call_id", "-version")
        .prefetch_related(Prefetch("criteria", queryset=Criterion.objects.order_by("order", "pk")))
    )
    current = {}
    for criteria_set in sets:
        current.setdefault(criteria_set.call_id, criteria_set)
    for call in calls:
        call.current_set = current.get(call.pk)
    return calls


def granted_decisions(call):
    """The public list of a call's grants: organisation, purpose, amount."""
    return (
        Decision.objects.filter(call=call, outcome=Decision.Outcome.GRANTED)
        .select_related("application__organisation")
        .order_by("application__organisation__name_fi")
    )


# Reviewers ----------------------------------------------------------------------------


def is_reviewer(user, call) -> bool:
    if not (user and user.is_authenticated):
        return False
    return ReviewerAssignment.objects.filter(call=call, user=user).exists()


def review_calls(user):
    """The calls the person reviews."""
    if not (user and user.is_authenticated):
        return Call.objects.none()
    return Call.objects.filter(reviewers__user=user).select_related("funder").distinct()


def reviewable_applications(user):
    """The submitted applications of the calls the person reviews, without those they
    declared a conflict on."""
    if not (user and user.is_authenticated):
        return Application.objects.none()
    conflicted = ConflictOfInterest.objects.filter(application=OuterRef("pk"), reviewer=user)
    own_review = Review.objects.filter(application=OuterRef("pk"), reviewer=user)
    return (
        Application.objects.submitted()
        .filter(call__reviewers__user=user)
        .exclude(Exists(conflicted))
        .annotate(reviewed=Exists(own_review))
        .select_related("call", "organisation", "criteria_set")
        .prefetch_related("budget_lines")
    )


def may_see_reviews(user, application) -> bool:
    """Staff who do not review the call see the reviews; a reviewer only after
    submitting their own review of the application (and never with a conflict)."""
    if not (user and user.is_authenticated):
        return False
    if is_reviewer(user, application.call):
        if ConflictOfInterest.objects.filter(application=application, reviewer=user).exists():
            return False
        return Review.objects.filter(application=application, reviewer=user).exists()
    return is_staff(user)


def reviews_of(application):
    """The reviews that count in the application's result."""
    return (
        Review.objects.filter(application=application, excluded_at__isnull=True)
        .select_related("reviewer")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
        .order_by("submitted_at", "pk")
    )


def excluded_reviews_of(application):
    """Reviews taken out of the result by a conflict of interest declared after scoring,
    kept for the audit."""
    return (
        Review.objects.filter(application=application, excluded_at__isnull=False)
        .select_related("reviewer")
        .order_by("excluded_at", "pk")
    )


# Scores -------------------------------------------------------------------------------


@dataclass
class CriterionResult:
    criterion: Criterion
    mean: Decimal | None
    count: int


@dataclass
class ApplicationScore:
    application: Application
    reviews: int
    criteria: list[CriterionResult] = field(default_factory=list)
    weighted_mean: Decimal | None = None  # in points
    score: Decimal | None = None  # per cent of the scale's maximum
    rank: int | None = None


def score_application(application, criteria, reviews) -> ApplicationScore:
    """The score of an application (issue 19): for each criterion the mean of the
    reviewers' scores, "not applicable" ignored (never counted as 0); then the weighted
    mean over the criteria that have a score, as a percentage of the scale's maximum."""
    result = ApplicationScore(application=application, reviews=len(reviews))
    values: dict[int, list[int]] = {c.pk: [] for c in criteria}
    for review in reviews:
        for score in review.scores.all():
            if score.value is not None and score.criterion_id in values:
                values[score.criterion_id].append(score.value)
    weights = points = fraction = Decimal(0)
    for criterion in criteria:
        found = values[criterion.pk]
        mean = (Decimal(sum(found)) / len(found)) if found else None
        result.criteria.append(
            CriterionResult(
                criterion=criterion,
                mean=mean.quantize(TWO, ROUND_HALF_UP) if mean is not None else None,
                count=len(found),
            )
        )
        if mean is not None:
            weights += criterion.weight
            points += criterion.weight * mean
            fraction += criterion.weight * mean / criterion.scale_max
    if weights:
        result.weighted_mean = (points / weights).quantize(TWO, ROUND_HALF_UP)
        result.score = (fraction / weights * 100).quantize(TWO, ROUND_HALF_UP)
    return result


def ranking(call) -> list[ApplicationScore]:
    """The call's submitted (and decided) applications with their scores, best first;
    unscored last. A fixed number of queries."""
    applications = (
        Application.objects.submitted()
        .filter(call=call)
        .select_related("organisation", "decision", "criteria_set")
        .prefetch_related(
            "budget_lines",
            Prefetch("criteria_set__criteria", queryset=Criterion.objects.order_by("order", "pk")),
            Prefetch(
                "reviews",
                queryset=Review.objects.filter(excluded_at__isnull=True).prefetch_related("scores"),
            ),
        )
    )
    results = []
    for application in applications:
        criteria = list(application.criteria_set.criteria.all()) if application.criteria_set else []
        results.append(score_application(application, criteria, list(application.reviews.all())))
    results.sort(
        key=lambda r: (r.score is None, -(r.score or 0), r.application.pk),
    )
    for position, result in enumerate(results, start=1):
        result.rank = position if result.score is not None else None
    return results


# Money --------------------------------------------------------------------------------


def granted_total(call) -> Decimal:
    return Decision.objects.filter(call=call).aggregate(total=Sum("amount"))["total"] or Decimal(
        "0.00"
    )


def paid_total(decision) -> Decimal:
    return Payment.objects.filter(decision=decision, paid_on__isnull=False).aggregate(
        total=Sum("amount")
    )["total"] or Decimal("0.00")


def payment_list(call):
    """The call's payments for accounting, in due order."""
    return (
        Payment.objects.filter(decision__call=call)
        .select_related("decision__application__organisation")
        .order_by("due_on", "decision__application__organisation__name_fi", "order")
    )


def staff_calls():
    return Call.objects.select_related("funder").annotate(
        granted=Sum("decisions__amount"),
    )


def reviewer_has_conflict_filter(user):
    return Q(conflicts__reviewer=user)

"""Review: reviewers assigned to a call, conflicts of interest, blind scoring, and the
preparing staff's proposals."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from core import clock
from grants import selectors
from grants.errors import GrantError
from grants.models import (
    ZERO,
    Application,
    Call,
    ConflictOfInterest,
    Review,
    ReviewerAssignment,
    Score,
)

from ._common import _money, _require_staff


@transaction.atomic
def reviewer_assign(*, actor, call: Call, user) -> ReviewerAssignment:
    _require_staff(actor)
    if not user.is_active:
        raise GrantError(_("The account is not in use."), field="user")
    assignment, _created = ReviewerAssignment.objects.get_or_create(
        call=call, user=user, defaults={"assigned_by": actor}
    )
    return assignment


def _reviewable(actor, application) -> Application:
    """The application, if the actor reviews its call and has no conflict on it; else
    404 (PermissionDenied would tell that it exists)."""
    from django.http import Http404

    found = selectors.reviewable_applications(actor).filter(pk=application.pk).first()
    if found is None:
        raise Http404
    return found


@transaction.atomic
def conflict_declare(*, actor, application: Application, reason: str) -> ConflictOfInterest:
    """A declared conflict takes the reviewer off the application. Declared after
    scoring, it also takes the reviewer's scores out of the result: the review is kept,
    marked excluded, for the audit."""
    application = _reviewable(actor, application)
    if not (reason or "").strip():
        raise GrantError(_("Say what the conflict of interest is."), field="reason")
    now = clock.now()
    Review.objects.select_for_update().filter(
        application=application, reviewer=actor, excluded_at__isnull=True
    ).update(excluded_at=now)
    try:
        with transaction.atomic():
            return ConflictOfInterest.objects.create(
                application=application, reviewer=actor, reason=reason
            )
    except IntegrityError:
        raise GrantError(_("The conflict of interest has already been declared.")) from None


@transaction.atomic
def review_submit(*, actor, application: Application, scores: dict, comment: str = "") -> Review:
    """Score every criterion of the application's criteria set: ``scores`` maps a
    criterion's id to ``(value or None for "not applicable", comment)``."""
    application = _reviewable(actor, application)
    if Review.objects.filter(application=application, reviewer=actor).exists():
        raise GrantError(_("You have already reviewed this application."))
    criteria = list(application.criteria_set.criteria.all())
    rows = []
    for criterion in criteria:
        value, note = scores.get(criterion.pk, scores.get(str(criterion.pk), (None, "")))
        field = f"score_{criterion.pk}"
        if value is None or value == "":
            if not criterion.allow_na:
                raise GrantError(
                    _("Score “%(criterion)s”: “not applicable” is not allowed for it."),
                    field=field,
                    params={"criterion": criterion.name},
                )
            value = None
        else:
            try:
                value = int(value)
            except (TypeError, ValueError):
                value = -1
            if not (criterion.scale_min <= value <= criterion.scale_max):
                raise GrantError(
                    _("The score of “%(criterion)s” must be from %(min)s to %(max)s."),
                    field=field,
                    params={
                        "criterion": criterion.name,
                        "min": criterion.scale_min,
                        "max": criterion.scale_max,
                    },
                )
        rows.append((criterion, value, note or ""))
    unknown = {str(k) for k in scores} - {str(c.pk) for c in criteria}
    if unknown:
        raise GrantError(_("A score was given for a criterion of another call."))
    try:
        with transaction.atomic():
            review = Review.objects.create(
                application=application, reviewer=actor, comment=comment, submitted_at=clock.now()
            )
    except IntegrityError:
        raise GrantError(_("You have already reviewed this application.")) from None
    Score.objects.bulk_create(
        Score(review=review, criterion=c, value=v, comment=n) for c, v, n in rows
    )
    return review


@transaction.atomic
def proposal_set(*, actor, application: Application, amount: Decimal | None, rationale: str):
    """The preparing staff's proposal: an amount within the call's budget, and why. Under
    the call's row lock (taken first, as decisions take it), so that proposals made at the
    same moment never add up to more than the budget."""
    _require_staff(actor)
    call_id = Application.objects.values_list("call_id", flat=True).get(pk=application.pk)
    call = Call.objects.select_for_update().get(pk=call_id)
    application = Application.objects.select_for_update().get(pk=application.pk)
    application.call = call
    if application.status != Application.Status.SUBMITTED:
        raise GrantError(_("Proposals are made for submitted applications."))
    if amount is not None:
        if amount < 0 or amount > application.requested_amount:
            raise GrantError(
                _("The proposed amount must be between 0 and the requested %(requested)s €."),
                field="amount",
                params={"requested": _money(application.requested_amount)},
            )
        others = (
            Application.objects.filter(call=application.call, status=Application.Status.SUBMITTED)
            .exclude(pk=application.pk)
            .aggregate(total=Sum("proposed_amount"))["total"]
            or ZERO
        )
        available = application.call.budget - selectors.granted_total(application.call)
        if others + amount > available:
            raise GrantError(
                _("The proposals would exceed the call's budget: %(left)s € is left to propose."),
                field="amount",
                params={"left": _money(max(available - others, ZERO))},
            )
    application.proposed_amount = amount
    application.proposal_rationale = rationale
    application.save(update_fields=["proposed_amount", "proposal_rationale", "updated_at"])
    return application

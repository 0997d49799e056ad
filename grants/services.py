"""Use cases of grants that write. Pages, the API, the admin and the demo loader all call
these; every error a person can cause is a GrantError with a translated message naming
its field, and nothing is saved when one is raised.

Money: a call's decisions are approved under the call's row lock, so that the call's
granted total never exceeds its budget however many decision-makers act at once; a
payment is added under its decision's row lock, so that payments never exceed the grant.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core import clock
from core import reports as pipeline
from core.access import is_staff
from core.outbox import send_soon
from core.uploads import DOCX, JPEG, ODS, ODT, PDF, PNG, XLSX, check_upload

from . import selectors
from .errors import GrantError
from .models import (
    COSTS,
    INCOME,
    ZERO,
    Application,
    Attachment,
    BudgetLine,
    Call,
    ChangeRequest,
    ConflictOfInterest,
    CriteriaSet,
    Decision,
    DecisionLetter,
    GrantNotice,
    GrantReport,
    Payment,
    Review,
    ReviewerAssignment,
    Score,
)

logger = logging.getLogger(__name__)

CENT = Decimal("0.01")
ATTACHMENT_TYPES = frozenset({PDF, ODT, ODS, DOCX, XLSX, PNG, JPEG})
SEND_TASK = "grants.tasks.send_notices"


def _require_staff(actor):
    if not is_staff(actor):
        raise PermissionDenied


DECISION_MAKER = "grants.approve_decisions"


def is_decision_maker(user) -> bool:
    """Staff with the permission to approve a call's decisions (a group or the person)."""
    return is_staff(user) and user.has_perm(DECISION_MAKER)


def _local(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def _money(value: Decimal) -> str:
    return formats.number_format(value, 2, use_l10n=True, force_grouping=True)


def _notify(application, kind, round_=1):
    GrantNotice.objects.get_or_create(application=application, kind=kind, round=round_)
    send_soon(SEND_TASK)


# Criteria -----------------------------------------------------------------------------


def criteria_check_editable(criteria_set: CriteriaSet):
    """A criteria set is edited only as a draft; once approved it is changed through a
    new version (and once frozen, applications have been scored with it)."""
    if criteria_set.is_frozen:
        raise GrantError(
            _(
                "These criteria are frozen: applications have arrived. Make a new version "
                "to change them."
            )
        )
    if criteria_set.status != CriteriaSet.Status.DRAFT:
        raise GrantError(_("Approved criteria are not edited. Make a new version to change them."))


@transaction.atomic
def criteria_approve(*, actor, criteria_set: CriteriaSet, partners=()) -> CriteriaSet:
    """Record who approved the draft, when, and the partners it was prepared with."""
    _require_staff(actor)
    criteria_set = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    if criteria_set.status != CriteriaSet.Status.DRAFT:
        raise GrantError(_("Only a draft is approved."))
    criteria = list(criteria_set.criteria.all())
    if not criteria:
        raise GrantError(_("Add at least one criterion before approving."))
    criteria_set.status = CriteriaSet.Status.APPROVED
    criteria_set.approved_by = actor
    criteria_set.approved_at = clock.now()
    criteria_set.save(update_fields=["status", "approved_by", "approved_at"])
    if partners:
        criteria_set.partners.set(partners)
    return criteria_set


@transaction.atomic
def criteria_publish(*, actor, criteria_set: CriteriaSet) -> CriteriaSet:
    _require_staff(actor)
    criteria_set = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    if criteria_set.status != CriteriaSet.Status.APPROVED:
        raise GrantError(_("Criteria are published after they have been approved."))
    criteria_set.status = CriteriaSet.Status.PUBLISHED
    criteria_set.published_at = clock.now()
    criteria_set.save(update_fields=["status", "published_at"])
    return criteria_set


@transaction.atomic
def criteria_new_version(*, actor, criteria_set: CriteriaSet) -> CriteriaSet:
    """A draft copy of the set as the call's next version; the old one stays for the
    applications scored with it."""
    _require_staff(actor)
    call = Call.objects.select_for_update().get(pk=criteria_set.call_id)
    latest = call.criteria_sets.order_by("-version").first()
    if latest.status == CriteriaSet.Status.DRAFT:
        raise GrantError(_("The call already has a draft version of its criteria."))
    new = CriteriaSet.objects.create(call=call, version=latest.version + 1)
    new.partners.set(criteria_set.partners.all())
    for criterion in criteria_set.criteria.all():
        criterion.pk = None
        criterion.criteria_set = new
        criterion.save()
    return new


# Applications -------------------------------------------------------------------------


@dataclass
class Line:
    category: str
    amount: Decimal
    description: str = ""


def _check_line(line: Line):
    if line.category not in BudgetLine.Category.values:
        raise GrantError(_("Choose a category for each budget line."), field="budget_lines")
    if line.amount is None or line.amount < 0:
        raise GrantError(
            _("The amounts of the budget lines cannot be negative."), field="budget_lines"
        )


def _require_applicant(actor, application_or_org):
    organisation = getattr(application_or_org, "organisation", application_or_org)
    if not (is_staff(actor) or selectors.may_apply_for(actor, organisation)):
        raise PermissionDenied


@transaction.atomic
def application_create(*, actor, call: Call, organisation, **fields) -> Application:
    """A draft application of ``organisation`` for ``call`` (its representative)."""
    if not selectors.may_apply_for(actor, organisation):
        raise PermissionDenied
    if not call.is_open:
        raise GrantError(_("The call is not open for applications."))
    application = Application(
        call=call,
        organisation=organisation,
        created_by=actor,
        project_name=(fields.get("project_name") or "").strip() or str(_("Untitled project")),
        language=fields.pop("language", None) or "fi",
    )
    application.save()
    return application_update(actor=actor, application=application, **fields)


@transaction.atomic
def application_update(
    *,
    actor,
    application: Application,
    project_name: str | None = None,
    goals: str | None = None,
    target_group: str | None = None,
    municipalities=None,
    starts_on: date | None = None,
    ends_on: date | None = None,
    requested_amount: Decimal | None = None,
    budget_lines: list[Line] | None = None,
    language: str | None = None,
) -> Application:
    """Save a draft (or an application returned for completion). Only the given fields
    change; ``budget_lines`` replaces the lines."""
    _require_applicant(actor, application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.is_editable:
        raise GrantError(_("A submitted application is locked and cannot be changed."))
    for name, value in (
        ("project_name", project_name),
        ("goals", goals),
        ("target_group", target_group),
        ("starts_on", starts_on),
        ("ends_on", ends_on),
        ("requested_amount", requested_amount),
        ("language", language),
    ):
        if value is not None:
            setattr(application, name, value)
    if not application.project_name.strip():
        raise GrantError(_("Name the project."), field="project_name")
    if application.requested_amount is None or application.requested_amount < 0:
        raise GrantError(_("The requested amount cannot be negative."), field="requested_amount")
    if (
        application.starts_on
        and application.ends_on
        and application.ends_on < application.starts_on
    ):
        raise GrantError(_("The project must end after it starts."), field="ends_on")
    application.save()
    if municipalities is not None:
        application.municipalities.set(municipalities)
    if budget_lines is not None:
        for line in budget_lines:
            _check_line(line)
        application.budget_lines.all().delete()
        BudgetLine.objects.bulk_create(
            BudgetLine(
                application=application,
                category=line.category,
                description=line.description,
                amount=line.amount,
            )
            for line in budget_lines
        )
    if hasattr(application, "_prefetched_objects_cache"):
        application._prefetched_objects_cache.clear()
    return application


def eligibility_checks(application: Application) -> list[tuple[bool, str]]:
    """The call's eligibility rules checked against the applicant: (met, what), shown
    to the applicant on submitting and to the reviewers."""
    call = application.call
    organisation = application.organisation
    checks = []
    checks.append(
        (
            organisation.kind == organisation.Kind.ASSOCIATION and not organisation.is_dissolved,
            str(_("The applicant is a registered association in operation.")),
        )
    )
    if call.eligible == Call.Eligible.MEMBERS:
        checks.append(
            (
                organisation.memberships.filter(status="active").exists(),
                str(_("The applicant is a member association of the centre.")),
            )
        )
    municipalities = list(call.municipalities.all())
    counties = list(call.wellbeing_counties.all())
    if municipalities or counties:
        home = organisation.municipality
        ok = home is not None and (
            home in municipalities or home.wellbeing_county_id in {c.pk for c in counties}
        )
        names = ", ".join(str(x) for x in municipalities + counties)
        checks.append(
            (
                ok,
                str(
                    _("The applicant's home municipality is in the call's area (%(area)s).")
                    % {"area": names}
                ),
            )
        )
    return checks


def _check_submission(application: Application, now: datetime):
    call = application.call
    if application.status == Application.Status.RETURNED:
        if application.return_deadline and now > application.return_deadline:
            raise GrantError(
                _("The deadline for completing the application passed on %(time)s."),
                params={"time": _local(application.return_deadline)},
            )
    elif now >= call.closes_at:
        raise GrantError(
            _("The call closed on %(time)s; applications can no longer be submitted."),
            params={"time": _local(call.closes_at)},
        )
    elif now < call.opens_at or not call.is_published:
        raise GrantError(_("The call is not open for applications."))
    requested = application.requested_amount
    if not (call.min_grant <= requested <= call.max_grant):
        raise GrantError(
            _("The requested amount must be between %(min)s € and %(max)s €."),
            field="requested_amount",
            params={"min": _money(call.min_grant), "max": _money(call.max_grant)},
        )
    costs, income = application.total_costs, application.total_income
    if not costs:
        raise GrantError(_("Add the planned costs to the budget."), field="budget_lines")
    if costs - income != requested:
        raise GrantError(
            _(
                "The budget does not balance: costs %(costs)s € minus other income "
                "%(income)s € is %(net)s €, but the requested amount is %(requested)s €."
            ),
            field="budget_lines",
            params={
                "costs": _money(costs),
                "income": _money(income),
                "net": _money(costs - income),
                "requested": _money(requested),
            },
        )
    if application.self_financing_percent < call.self_financing_percent:
        raise GrantError(
            _(
                "The self-financing share (own money and fees) is %(share)s %% of the "
                "costs; the call requires at least %(required)s %%."
            ),
            field="budget_lines",
            params={
                "share": formats.number_format(application.self_financing_percent, 2),
                "required": formats.number_format(call.self_financing_percent, 2),
            },
        )
    if not application.goals.strip():
        raise GrantError(_("Describe the goals of the project."), field="goals")
    unmet = [text for ok, text in eligibility_checks(application) if not ok]
    if unmet:
        raise GrantError(
            _("The applicant does not meet the call's rules: %(rules)s"),
            params={"rules": " ".join(unmet)},
        )


@transaction.atomic
def application_submit(*, actor, application: Application) -> Application:
    """Check the rules, lock the application and notify the applicant. The application
    is scored with the call's current criteria, which are frozen from now on."""
    _require_applicant(actor, application)
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call", "organisation")
        .get(pk=application.pk)
    )
    if not application.is_editable:
        raise GrantError(_("The application has already been submitted."))
    now = clock.now()
    _check_submission(application, now)
    criteria_set = application.criteria_set or application.call.current_criteria()
    if criteria_set is None:
        raise GrantError(_("The call has no published criteria yet."))
    if criteria_set.frozen_at is None:
        CriteriaSet.objects.filter(pk=criteria_set.pk, frozen_at__isnull=True).update(frozen_at=now)
        criteria_set.frozen_at = now
    resubmission = application.status == Application.Status.RETURNED
    application.criteria_set = criteria_set
    application.status = Application.Status.SUBMITTED
    application.submitted_at = now
    application.save(update_fields=["criteria_set", "status", "submitted_at", "updated_at"])
    _notify(application, GrantNotice.Kind.RECEIVED, 2 if resubmission else 1)
    logger.info("grant application %s submitted by user %s", application.pk, actor.pk)
    return application


@transaction.atomic
def application_withdraw(*, actor, application: Application) -> Application:
    _require_applicant(actor, application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.is_decided:
        raise GrantError(_("A decided application can no longer be withdrawn."))
    if application.status == Application.Status.WITHDRAWN:
        raise GrantError(_("The application has already been withdrawn."))
    application.status = Application.Status.WITHDRAWN
    application.withdrawn_at = clock.now()
    application.save(update_fields=["status", "withdrawn_at", "updated_at"])
    return application


@transaction.atomic
def application_return(
    *, actor, application: Application, comment: str, deadline: datetime
) -> Application:
    """Staff return a submitted application once for completion."""
    _require_staff(actor)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != Application.Status.SUBMITTED:
        raise GrantError(_("Only a submitted application can be returned for completion."))
    if application.returned_at is not None:
        raise GrantError(_("An application is returned for completion only once."))
    if not comment.strip():
        raise GrantError(_("Say what the applicant should complete."), field="comment")
    if deadline is None or deadline <= clock.now():
        raise GrantError(_("The new deadline must be in the future."), field="deadline")
    application.status = Application.Status.RETURNED
    application.returned_at = clock.now()
    application.return_comment = comment
    application.return_deadline = deadline
    application.save()
    _notify(application, GrantNotice.Kind.RETURNED)
    return application


def attachment_add(*, actor, application: Application, title: str, file, report=None):
    """Attach a file (typed by its bytes, size-limited) to the application while it can
    be edited, or to one of its reports."""
    _require_applicant(actor, application)
    if report is None and not application.is_editable:
        raise GrantError(_("A submitted application is locked and cannot be changed."))
    try:
        check_upload(
            file,
            limit=settings.GRANT_ATTACHMENT_MAX_BYTES,
            allowed=ATTACHMENT_TYPES,
            too_large=_("The file is too large (%(size)s). The largest allowed is %(limit)s."),
            wrong_type=_("Attach the file as PDF, ODT, ODS, DOCX, XLSX, PNG or JPEG."),
        )
    except ValidationError as error:
        raise GrantError(error.messages[0], field="file") from None
    from core.uploads import sniff_content_type

    return Attachment.objects.create(
        application=application,
        report=report,
        title=(title or "").strip() or file.name,
        file=file,
        content_type=sniff_content_type(file) or "",
        size=file.size,
        uploaded_by=actor,
    )


# Review -------------------------------------------------------------------------------


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
    """A declared conflict takes the reviewer off the application."""
    application = _reviewable(actor, application)
    if not (reason or "").strip():
        raise GrantError(_("Say what the conflict of interest is."), field="reason")
    if Review.objects.filter(application=application, reviewer=actor).exists():
        raise GrantError(
            _("You have already reviewed this application; ask the staff to remove your review.")
        )
    return ConflictOfInterest.objects.create(application=application, reviewer=actor, reason=reason)


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
    """The preparing staff's proposal: an amount within the call's budget, and why."""
    _require_staff(actor)
    application = (
        Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    )
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


# Decisions and payments ---------------------------------------------------------------


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


# Change requests and reports ------------------------------------------------------------


def _require_granted(application):
    decision = getattr(application, "decision", None)
    if decision is None or decision.outcome != Decision.Outcome.GRANTED:
        raise GrantError(_("Reports and changes are made after a grant has been decided."))


@transaction.atomic
def change_request_create(
    *, actor, application, kind: str, description: str, new_end_date: date | None = None
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
    return ChangeRequest.objects.create(
        application=application,
        kind=kind,
        description=description,
        new_end_date=new_end_date if kind == ChangeRequest.Kind.EXTEND else None,
        requested_by=actor,
    )


@transaction.atomic
def change_request_decide(*, actor, change: ChangeRequest, approve: bool, note: str = ""):
    _require_staff(actor)
    change = ChangeRequest.objects.select_for_update().get(pk=change.pk)
    if change.status != ChangeRequest.Status.PENDING:
        raise GrantError(_("The change request has already been decided."))
    change.status = ChangeRequest.Status.APPROVED if approve else ChangeRequest.Status.REFUSED
    change.decided_by = actor
    change.decided_at = clock.now()
    change.decision_note = note
    change.save()
    if approve and change.kind == ChangeRequest.Kind.EXTEND:
        Application.objects.filter(pk=change.application_id).update(ends_on=change.new_end_date)
    return change


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


def letter_for(application):
    """The newest decision letter of the application."""
    return application.letters.order_by("-created_at").first()


INCOME_CATEGORIES = INCOME

"""Applications: drafts, the eligibility rules, submitting (which freezes the call's
criteria), withdrawing, returning once for completion, and attachments."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from core import clock
from core.uploads import check_upload, sniff_content_type
from grants import selectors
from grants.errors import GrantError
from grants.models import Application, Attachment, BudgetLine, Call, CriteriaSet, GrantNotice

from ._common import (
    ATTACHMENT_TYPES,
    _local,
    _money,
    _notify,
    _require_applicant,
    _require_staff,
    logger,
)


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
    return Attachment.objects.create(
        application=application,
        report=report,
        title=(title or "").strip() or file.name,
        file=file,
        content_type=sniff_content_type(file) or "",
        size=file.size,
        uploaded_by=actor,
    )

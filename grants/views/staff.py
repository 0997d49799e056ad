"""Staff pages of grants: the calls, a call's ranking with its reviewers and criteria,
the decisions in one act, the exports for the board and for accounting, an
application's preparation (return for completion, proposal, payments, reports, change
requests) and the summary of decisions as a PDF."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import staff_required
from core.errors import add_error_to_form
from core.reports import render_report_page, report_file_response, report_requested_message
from core.spreadsheets import csv_response, xlsx_response
from grants import selectors, services
from grants.errors import GrantError
from grants.forms import (
    ChangeDecisionForm,
    CriteriaApproveForm,
    DecisionsForm,
    PaymentAddForm,
    ProposalForm,
    ReportCheckForm,
    ReturnForm,
    ReviewerForm,
)
from grants.models import (
    Application,
    Call,
    ChangeRequest,
    CriteriaSet,
    DecisionSummary,
    GrantReport,
    Payment,
)
from grants.reports import summary_request
from organisations.models import Organisation


@staff_required
def call_list(request):
    calls = selectors.staff_calls().order_by("-closes_at", "pk")
    return render(request, "grants/staff_call_list.html", {"calls": calls})


def _call_page(request, call, *, reviewer_form=None, status=200):
    return render(
        request,
        "grants/staff_call.html",
        {
            "call": call,
            "ranking": selectors.ranking(call),
            "reviewers": call.reviewers.select_related("user").order_by("user__email"),
            "reviewer_form": reviewer_form or ReviewerForm(),
            "criteria_sets": call.criteria_sets.prefetch_related("criteria", "partners")
            .select_related("approved_by")
            .order_by("-version"),
            "approve_form": CriteriaApproveForm(
                organisations=Organisation.objects.order_by("name_fi")
            ),
            "granted_total": selectors.granted_total(call),
            "waiting": call.applications.filter(status=Application.Status.SUBMITTED).count(),
            "summaries": call.summaries.order_by("-created_at")[:5],
            "may_decide": services.is_decision_maker(request.user),
        },
        status=status,
    )


@staff_required
def call_detail(request, pk):
    return _call_page(request, get_object_or_404(Call.objects.select_related("funder"), pk=pk))


@staff_required
@require_POST
def reviewer_assign(request, pk):
    call = get_object_or_404(Call, pk=pk)
    form = ReviewerForm(request.POST)
    if form.is_valid():
        user = get_user_model().objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if user is None:
            form.add_error("email", _("No account has this email address."))
        else:
            try:
                services.reviewer_assign(actor=request.user, call=call, user=user)
            except GrantError as error:
                add_error_to_form(form, error, {"user": "email"})
            else:
                messages.success(request, _("The reviewer has been assigned to the call."))
                return redirect("grants:staff_call", pk=pk)
    return _call_page(request, call, reviewer_form=form, status=400)


@staff_required
@require_POST
def criteria_action(request, pk, action):
    criteria_set = get_object_or_404(CriteriaSet, pk=pk)
    try:
        if action == "approve":
            form = CriteriaApproveForm(request.POST, organisations=Organisation.objects.all())
            partners = form.cleaned_data["partners"] if form.is_valid() else []
            services.criteria_approve(
                actor=request.user, criteria_set=criteria_set, partners=partners
            )
            messages.success(request, _("The criteria have been approved."))
        elif action == "publish":
            services.criteria_publish(actor=request.user, criteria_set=criteria_set)
            messages.success(request, _("The criteria have been published with the call."))
        elif action == "version":
            services.criteria_new_version(actor=request.user, criteria_set=criteria_set)
            messages.success(request, _("A new draft version of the criteria has been made."))
        else:
            raise Http404
    except GrantError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("grants:staff_call", pk=criteria_set.call_id)


@staff_required
def decisions(request, pk):
    """The decision-maker's page (staff with the permission; other staff get 404)."""
    if not services.is_decision_maker(request.user):
        raise Http404
    call = get_object_or_404(Call, pk=pk)
    waiting = (
        Application.objects.filter(call=call, status=Application.Status.SUBMITTED)
        .select_related("organisation")
        .order_by("organisation__name_fi")
    )
    scores = {r.application.pk: r for r in selectors.ranking(call)}
    form = DecisionsForm(request.POST or None, applications=waiting)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                made = services.decisions_approve(
                    actor=request.user, call=call, decisions=form.decisions()
                )
            except GrantError as error:
                add_error_to_form(form, error)
            else:
                messages.success(
                    request, _("%(count)s decisions have been approved.") % {"count": len(made)}
                )
                return redirect("grants:staff_call", pk=pk)
    return render(
        request,
        "grants/decisions_form.html",
        {
            "call": call,
            "form": form,
            "rows": [{**row, "score": scores.get(row["application"].pk)} for row in form.rows()],
            "granted_total": selectors.granted_total(call),
        },
        status=status,
    )


EXPORT_HEADER = [
    "rank",
    "organisation",
    "business_id",
    "project",
    "status",
    "requested",
    "proposed",
    "granted",
    "score_percent",
    "weighted_mean",
    "reviews",
]


def _export_rows(call):
    ranking = selectors.ranking(call)
    criteria = []
    for result in ranking:
        for item in result.criteria:
            if item.criterion.name not in criteria:
                criteria.append(item.criterion.name)
    header = EXPORT_HEADER + [f"{name} (mean)" for name in criteria]
    rows = []
    for r in ranking:
        a = r.application
        decision = getattr(a, "decision", None)
        means = {item.criterion.name: item.mean for item in r.criteria}
        rows.append(
            [
                r.rank or "",
                a.organisation.name,
                a.organisation.business_id or "",
                a.project_name,
                a.get_status_display(),
                a.requested_amount,
                a.proposed_amount if a.proposed_amount is not None else "",
                decision.amount if decision else "",
                r.score if r.score is not None else "",
                r.weighted_mean if r.weighted_mean is not None else "",
                r.reviews,
                *[means.get(name) if means.get(name) is not None else "" for name in criteria],
            ]
        )
    return header, rows


@staff_required
def export(request, pk, fmt):
    """The call's applications with their scores for the board meeting, as CSV or XLSX."""
    call = get_object_or_404(Call, pk=pk)
    header, rows = _export_rows(call)
    name = f"avustushakemukset-{call.pk}"
    if fmt == "csv":
        return csv_response(f"{name}.csv", header, rows)
    if fmt == "xlsx":
        return xlsx_response(f"{name}.xlsx", header, rows, sheet_title="Hakemukset")
    raise Http404


@staff_required
def payment_list(request, pk):
    """The call's payments as CSV for accounting."""
    call = get_object_or_404(Call, pk=pk)
    header = ["organisation", "business_id", "project", "instalment", "when", "due_on"]
    rows = []
    for p in selectors.payment_list(call):
        a = p.decision.application
        rows.append(
            [
                a.organisation.name,
                a.organisation.business_id or "",
                a.project_name,
                p.order,
                p.get_trigger_display(),
                p.due_on.isoformat() if p.due_on else "",
                p.amount,
                p.paid_on.isoformat() if p.paid_on else "",
            ]
        )
    return csv_response(f"maksut-{call.pk}.csv", [*header, "amount", "paid_on"], rows)


def _application(pk):
    return get_object_or_404(
        Application.objects.select_related(
            "call", "organisation", "decision", "criteria_set"
        ).prefetch_related("budget_lines"),
        pk=pk,
    )


def _application_page(request, application, *, forms=None, status=200):
    forms = forms or {}
    decision = getattr(application, "decision", None)
    visible = selectors.may_see_reviews(request.user, application)
    criteria = (
        list(application.criteria_set.criteria.order_by("order", "pk"))
        if application.criteria_set
        else []
    )
    reviews = list(selectors.reviews_of(application)) if visible else []
    return render(
        request,
        "grants/staff_application.html",
        {
            "application": application,
            "eligibility": services.eligibility_checks(application),
            "reviews_visible": visible,
            "reviews": reviews,
            "results": selectors.score_application(application, criteria, reviews)
            if visible
            else None,
            "conflicts": application.conflicts.select_related("reviewer"),
            "excluded_reviews": selectors.excluded_reviews_of(application),
            "return_form": forms.get("return") or ReturnForm(),
            "proposal_form": forms.get("proposal")
            or ProposalForm(
                initial={
                    "amount": application.proposed_amount,
                    "rationale": application.proposal_rationale,
                }
            ),
            "decision": decision,
            "payments": decision.payments.order_by("order") if decision else [],
            "payment_form": forms.get("payment") or PaymentAddForm(),
            "paid_total": selectors.paid_total(decision) if decision else None,
            "reports": application.reports.prefetch_related("attachments").order_by(
                "-submitted_at"
            ),
            "check_form": ReportCheckForm(),
            "changes": application.change_requests.order_by("-requested_at"),
            "change_form": ChangeDecisionForm(),
            "moves": application.budget_moves.select_related("moved_by"),
            "attachments": application.attachments.filter(report__isnull=True),
        },
        status=status,
    )


@staff_required
def staff_application(request, pk):
    return _application_page(request, _application(pk))


def _form_action(request, pk, key, form, action, success):
    application = _application(pk)
    if form.is_valid():
        try:
            action(application, form.cleaned_data)
        except GrantError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, success)
            return redirect("grants:staff_application", pk=application.pk)
    return _application_page(request, application, forms={key: form}, status=400)


@staff_required
@require_POST
def application_return(request, pk):
    return _form_action(
        request,
        pk,
        "return",
        ReturnForm(request.POST),
        lambda a, d: services.application_return(
            actor=request.user, application=a, comment=d["comment"], deadline=d["deadline"]
        ),
        _("The application has been returned for completion."),
    )


@staff_required
@require_POST
def proposal(request, pk):
    return _form_action(
        request,
        pk,
        "proposal",
        ProposalForm(request.POST),
        lambda a, d: services.proposal_set(
            actor=request.user, application=a, amount=d["amount"], rationale=d["rationale"]
        ),
        _("The proposal has been saved."),
    )


@staff_required
@require_POST
def payment_add(request, pk):
    def add(application, data):
        decision = getattr(application, "decision", None)
        if decision is None:
            raise GrantError(_("Only a grant is paid."))
        services.payment_add(
            actor=request.user, decision=decision, amount=data["amount"], due_on=data["due_on"]
        )

    return _form_action(
        request,
        pk,
        "payment",
        PaymentAddForm(request.POST),
        add,
        _("The instalment has been added."),
    )


@staff_required
@require_POST
def payment_paid(request, pk):
    payment = get_object_or_404(Payment.objects.select_related("decision"), pk=pk)
    try:
        services.payment_mark_paid(actor=request.user, payment=payment)
    except GrantError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The instalment has been marked paid."))
    return redirect("grants:staff_application", pk=payment.decision.application_id)


@staff_required
@require_POST
def report_check(request, pk):
    report = get_object_or_404(GrantReport, pk=pk)
    form = ReportCheckForm(request.POST)
    if form.is_valid():
        try:
            services.grant_report_check(
                actor=request.user,
                report=report,
                **{
                    k: form.cleaned_data[k]
                    for k in (
                        "accept",
                        "used_as_decided",
                        "self_financing_realised",
                        "ledger_attached",
                        "comment",
                    )
                },
            )
        except GrantError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The report has been checked."))
    else:
        messages.error(request, _("Choose whether to accept the report."))
    return redirect("grants:staff_application", pk=report.application_id)


@staff_required
@require_POST
def change_decide(request, pk):
    change = get_object_or_404(ChangeRequest, pk=pk)
    form = ChangeDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.change_request_decide(
                actor=request.user,
                change=change,
                approve=form.cleaned_data["approve"],
                note=form.cleaned_data["note"],
            )
        except GrantError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The change request has been decided."))
    else:
        messages.error(request, _("Choose whether to approve the change."))
    return redirect("grants:staff_application", pk=change.application_id)


@staff_required
@require_POST
def summary_start(request, pk):
    call = get_object_or_404(Call, pk=pk)
    report = summary_request(actor=request.user, call=call, language=get_language())
    report_requested_message(request, report)
    return redirect("grants:summary_detail", pk=report.pk)


@staff_required
def summary_detail(request, pk):
    return render_report_page(
        request, DecisionSummary.objects.select_related("call"), pk, "grants/summary_detail.html"
    )


@staff_required
def summary_download(request, pk):
    return report_file_response(DecisionSummary.objects.all(), pk)

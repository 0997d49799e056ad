"""The applicant's pages: their organisations' applications, the application form with
its budget, submitting, withdrawing, attachments, the decision letter, change requests
and reports. Another organisation's application answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import is_staff
from core.errors import add_error_to_form
from grants import selectors, services
from grants.errors import GrantError
from grants.forms import ApplicationForm, AttachmentForm, ChangeRequestForm, GrantReportForm
from grants.models import Attachment, Call, DecisionLetter


@login_required
def my_applications(request):
    applications = (
        selectors.applications_for(request.user)
        .exclude(organisation_id__isnull=True)
        .order_by("-created_at")
    )
    if is_staff(request.user):
        applications = applications.filter(
            organisation_id__in=selectors.represented_organisation_ids(request.user)
        )
    open_calls = Call.objects.open().select_related("funder")
    return render(
        request,
        "grants/my_applications.html",
        {"applications": applications, "open_calls": open_calls},
    )


@login_required
def application_create(request, pk):
    call = get_object_or_404(Call.objects.open(), pk=pk)
    organisations = selectors.represented_organisations(request.user)
    if not organisations.exists():
        raise Http404
    form = ApplicationForm(
        request.POST or None,
        organisations=organisations,
        initial={"language": get_language()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                application = services.application_create(
                    actor=request.user,
                    call=call,
                    organisation=data["organisation"],
                    project_name=data["project_name"],
                    goals=data["goals"],
                    target_group=data["target_group"],
                    municipalities=data["municipalities"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    requested_amount=data["requested_amount"],
                    language=data["language"],
                    budget_lines=form.lines(),
                )
        except GrantError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The draft has been saved. Submit it when it is ready."))
            return redirect("grants:application_detail", pk=application.pk)
    return render(
        request,
        "grants/application_form.html",
        {"call": call, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _own(request, pk):
    return get_object_or_404(selectors.applications_for(request.user), pk=pk)


def _detail(request, application, *, form=None, attachment_form=None, status=200, errors=None):
    if form is None and application.is_editable:
        form = ApplicationForm(initial=ApplicationForm.initial_for(application))
    decision = getattr(application, "decision", None)
    return render(
        request,
        "grants/application_detail.html",
        {
            "application": application,
            "call": application.call,
            "form": form,
            "attachment_form": attachment_form or AttachmentForm(),
            "eligibility": services.eligibility_checks(application),
            "decision": decision,
            "payments": decision.payments.order_by("order") if decision else [],
            "letter": services.letter_for(application) if decision else None,
            "reports": application.reports.order_by("-submitted_at"),
            "changes": application.change_requests.order_by("-requested_at"),
            "change_form": ChangeRequestForm(),
            "attachments": application.attachments.filter(report__isnull=True),
            "submit_errors": errors or [],
        },
        status=status,
    )


@login_required
def application_detail(request, pk):
    application = _own(request, pk)
    if request.method != "POST":
        return _detail(request, application)
    form = ApplicationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.application_update(
                actor=request.user,
                application=application,
                project_name=data["project_name"],
                goals=data["goals"],
                target_group=data["target_group"],
                municipalities=data["municipalities"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                requested_amount=data["requested_amount"],
                language=data["language"],
                budget_lines=form.lines(),
            )
        except GrantError as error:
            add_error_to_form(form, error)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("The draft has been saved."))
            return redirect("grants:application_detail", pk=application.pk)
    return _detail(request, application, form=form, status=400)


@login_required
@require_POST
def application_submit(request, pk):
    application = _own(request, pk)
    try:
        services.application_submit(actor=request.user, application=application)
    except GrantError as error:
        return _detail(request, _own(request, pk), status=400, errors=error.messages)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("The application has been submitted. It is now locked."))
    return redirect("grants:application_detail", pk=pk)


@login_required
@require_POST
def application_withdraw(request, pk):
    application = _own(request, pk)
    try:
        services.application_withdraw(actor=request.user, application=application)
    except GrantError as error:
        return _detail(request, application, status=400, errors=error.messages)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("The application has been withdrawn."))
    return redirect("grants:application_detail", pk=pk)


@login_required
@require_POST
def attachment_add(request, pk):
    application = _own(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                actor=request.user,
                application=application,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
            )
        except GrantError as error:
            add_error_to_form(form, error)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("The attachment has been added."))
            return redirect("grants:application_detail", pk=pk)
    return _detail(request, application, attachment_form=form, status=400)


def attachment_download(request, pk, attachment_pk):
    """The applicant's organisation, staff, and the call's reviewers without a conflict."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    application = (
        selectors.applications_for(request.user).filter(pk=pk).first()
        or selectors.reviewable_applications(request.user).filter(pk=pk).first()
    )
    if application is None:
        raise Http404
    attachment = get_object_or_404(Attachment, application=application, pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.file.name.rsplit("/", 1)[-1],
        content_type=attachment.content_type or "application/octet-stream",
    )


@login_required
def letter_download(request, pk):
    """The decision letter, once built; rendered now if the worker has not got to it."""
    application = _own(request, pk)
    if not hasattr(application, "decision"):
        raise Http404
    letter = services.letter_for(application)
    if letter and letter.file_ready:
        try:
            handle = letter.file.open("rb")
        except FileNotFoundError:
            handle = None
        if handle:
            return FileResponse(
                handle,
                as_attachment=True,
                filename=letter.download_name(),
                content_type="application/pdf",
            )
    from django.http import HttpResponse

    from grants.reports import render_letter_pdf

    letter = letter or DecisionLetter(application=application, language=application.language)
    response = HttpResponse(render_letter_pdf(letter), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{letter.download_name()}"'
    return response


@login_required
def report_create(request, pk):
    application = _own(request, pk)
    form = GrantReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                report = services.grant_report_submit(
                    actor=request.user,
                    application=application,
                    kind=form.cleaned_data["kind"],
                    results=form.cleaned_data["results"],
                    actuals=form.actuals(),
                )
                if form.cleaned_data.get("ledger"):
                    services.attachment_add(
                        actor=request.user,
                        application=application,
                        title=_("Ledger"),
                        file=form.cleaned_data["ledger"],
                        report=report,
                    )
        except GrantError as error:
            add_error_to_form(form, error, {"file": "ledger"})
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("The report has been submitted."))
            return redirect("grants:application_detail", pk=pk)
    return render(
        request,
        "grants/report_form.html",
        {"application": application, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def change_request_create(request, pk):
    application = _own(request, pk)
    form = ChangeRequestForm(request.POST)
    if form.is_valid():
        try:
            services.change_request_create(
                actor=request.user, application=application, **form.cleaned_data
            )
        except GrantError as error:
            return _detail(request, application, status=400, errors=error.messages)
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("The change request has been sent."))
        return redirect("grants:application_detail", pk=pk)
    return _detail(
        request, application, status=400, errors=[_("Describe the change and why it is needed.")]
    )

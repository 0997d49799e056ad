"""The requester's pages: asking for people, their requests, confirming hours, the fee
statement and the reports. Another organisation's request or hours answer 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import is_staff
from core.errors import add_error_to_form
from core.pagination import paginate
from core.reports import render_report_page, report_file_response, report_requested_message
from volunteering import forms, reports, selectors, services
from volunteering.errors import VolunteeringError
from volunteering.models import (
    Assignment,
    HourEntry,
    Report,
    Request,
)

from .base import PAGE_SIZE, _last_month


def _requester_only(user):
    organisations = selectors.requester_organisations(user)
    if not (is_staff(user) or organisations.exists()):
        raise Http404
    return organisations


@login_required
def request_create(request):
    organisations = _requester_only(request.user)
    initial = {"place": Request.Place.ONLINE, "is_public": True, "people_needed": 1}
    if not is_staff(request.user) and len(organisations) == 1:
        initial["organisation"] = organisations[0]
    form = forms.RequestForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        for name in ("day", "start_time", "end_time"):
            data.pop(name)
        try:
            created = services.request_create(actor=request.user, dates=form.dates(), **data)
        except PermissionDenied:
            form.add_error("organisation", _("You cannot ask for people for this organisation."))
        except VolunteeringError as error:
            add_error_to_form(form, error, field_map={"dates": "day"})
        else:
            messages.success(request, _("Your request has been sent to the coordinators."))
            return redirect("volunteering:request_detail", pk=created.pk)
    return render(
        request,
        "volunteering/request_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def my_requests(request):
    organisations = _requester_only(request.user)
    queryset = (
        selectors.requests_for_user(request.user)
        .filter(organisation__in=organisations)
        .select_related("organisation")
        .prefetch_related("dates")
        .annotate(
            agreed=Count("assignments", filter=Q(assignments__status=Assignment.Status.ACTIVE))
        )
        .order_by("-created_at", "pk")
    )
    statement_form = forms.StatementForm(
        organisations=organisations,
        initial={"month": f"{_last_month():%Y-%m}", "organisation": organisations.first()},
    )
    return render(
        request,
        "volunteering/my_requests.html",
        {**paginate(request, queryset, PAGE_SIZE), "statement_form": statement_form},
    )


@login_required
def request_detail(request, pk):
    """The requester's page of one request (staff see it too): the dates, the people
    agreed with their contact details, hours to confirm. Never experience areas."""
    target = get_object_or_404(
        selectors.requests_for_user(request.user).select_related("organisation", "room"), pk=pk
    )
    assignments = list(
        target.assignments.select_related("profile__user")
        .prefetch_related(Prefetch("hours", queryset=HourEntry.objects.order_by("date")))
        .order_by("status", "profile__name")
    )
    return render(
        request,
        "volunteering/request_detail.html",
        {
            "request_obj": target,
            "dates": list(target.dates.all()),
            "assignments": assignments,
            "may_manage": selectors.may_request_for(request.user, target.organisation),
        },
    )


@login_required
@require_POST
def request_cancel(request, pk):
    target = get_object_or_404(selectors.requests_for_user(request.user), pk=pk)
    try:
        services.request_close(actor=request.user, request=target, status=Request.Status.CANCELLED)
    except VolunteeringError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The request has been cancelled."))
    return redirect("volunteering:request_detail", pk=target.pk)


@login_required
@require_POST
def hours_confirm(request, pk):
    entry = get_object_or_404(
        selectors.hours_for_requester(request.user).select_related("assignment"), pk=pk
    )
    try:
        services.hours_confirm(actor=request.user, entry=entry)
    except VolunteeringError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The hours have been confirmed."))
    return redirect("volunteering:request_detail", pk=entry.assignment.request_id)


@login_required
@require_POST
def statement_request(request):
    organisations = _requester_only(request.user)
    form = forms.StatementForm(request.POST, organisations=organisations)
    if not form.is_valid():
        messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        return redirect("volunteering:my_requests")
    report = reports.report_request(
        actor=request.user,
        kind=Report.Kind.STATEMENT,
        language=get_language(),
        month=form.cleaned_data["month"],
        organisation=form.cleaned_data["organisation"],
    )
    report_requested_message(request, report)
    return redirect("volunteering:report_detail", pk=report.pk)


@login_required
def report_detail(request, pk):
    return render_report_page(
        request, selectors.reports_for_user(request.user), pk, "volunteering/report_detail.html"
    )


@login_required
def report_download(request, pk):
    return report_file_response(selectors.reports_for_user(request.user), pk)

"""Placement pages: the public list of host places; the staff pages (every placement,
new participants and agreements); the supervisor's pages, where an approved
representative of the host sees that host's placements and marks attendance. Anybody
else's placement answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.access import staff_required
from core.errors import add_error_to_form
from core.reports import render_report_page, report_file_response, report_requested_message

from . import selectors, services
from .errors import PlacementError
from .forms import AttendanceForm, ParticipantForm, PlacementForm, ReportForm
from .models import AttendanceReport
from .reports import attendance_report_request, monthly_csv

LIST_LIMIT = 200


def host_list(request):
    return render(request, "placements/host_list.html", {"hosts": selectors.public_hosts()})


# --- Staff pages -------------------------------------------------------------------------


@staff_required
def staff_list(request):
    placements = selectors.supervised_placements(request.user)[:LIST_LIMIT]
    return render(request, "placements/staff_list.html", {"placements": placements})


@staff_required
def participant_create(request):
    form = ParticipantForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.participant_create(actor=request.user, **form.cleaned_data)
            except PlacementError as error:
                add_error_to_form(form, error)
            else:
                messages.success(request, _("The participant has been added."))
                return redirect("placements:create")
        status = 400
    return render(request, "placements/participant_form.html", {"form": form}, status=status)


@staff_required
def placement_create(request):
    form = PlacementForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                placement = services.placement_create(actor=request.user, **form.cleaned_data)
            except PlacementError as error:
                add_error_to_form(form, error)
            else:
                messages.success(request, _("The placement has been made."))
                return redirect("placements:staff_detail", pk=placement.pk)
        status = 400
    return render(request, "placements/placement_form.html", {"form": form}, status=status)


@staff_required
def staff_detail(request, pk):
    placement = get_object_or_404(selectors.supervised_placements(request.user), pk=pk)
    return render(
        request,
        "placements/placement_detail.html",
        {"placement": placement, "attendances": placement.attendances.all(), "staff_view": True},
    )


# --- The supervisor's pages --------------------------------------------------------------


@login_required
def supervised_list(request):
    placements = selectors.supervised_placements(request.user)[:LIST_LIMIT]
    return render(request, "placements/supervised_list.html", {"placements": placements})


@login_required
def attendance(request, pk):
    placement = get_object_or_404(selectors.supervised_placements(request.user), pk=pk)
    form = AttendanceForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.attendance_mark(
                    actor=request.user, placement=placement, **form.cleaned_data
                )
            except PlacementError as error:
                add_error_to_form(form, error)
            else:
                messages.success(request, _("The attendance has been saved."))
                return redirect("placements:attendance", pk=placement.pk)
        status = 400
    return render(
        request,
        "placements/placement_detail.html",
        {
            "placement": placement,
            "attendances": placement.attendances.all(),
            "form": form,
            "staff_view": False,
        },
        status=status,
    )


# --- The monthly attendance reports (staff) ------------------------------------------------


@staff_required
def reports(request):
    """Ask for an authority's monthly report as PDF (built in the background), or take
    its figures as CSV at once."""
    form = ReportForm(request.POST or request.GET or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            report = attendance_report_request(
                actor=request.user,
                authority=form.cleaned_data["authority"],
                month=form.cleaned_data["month"],
                language=get_language(),
            )
            report_requested_message(request, report)
            return redirect("placements:report_detail", pk=report.pk)
        status = 400
    elif request.GET.get("csv") and form.is_valid():
        data = form.cleaned_data
        response = HttpResponse(
            monthly_csv(data["authority"], data["month"], get_language()),
            content_type="text/csv; charset=utf-8",
        )
        name = f"attendance-{data['authority'].pk}-{data['month']:%Y-%m}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    recent = AttendanceReport.objects.select_related("authority").order_by("-created_at")[:20]
    return render(
        request, "placements/reports.html", {"form": form, "recent": recent}, status=status
    )


@staff_required
def report_detail(request, pk):
    return render_report_page(
        request, AttendanceReport.objects.all(), pk, "placements/report_detail.html"
    )


@staff_required
def report_download(request, pk):
    return report_file_response(AttendanceReport.objects.all(), pk)

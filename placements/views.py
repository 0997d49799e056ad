"""Placement pages: the public list of host places; the staff pages (every placement,
new participants and agreements); the supervisor's pages, where an approved
representative of the host sees that host's placements and marks attendance. Anybody
else's placement answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.access import staff_required
from core.errors import add_error_to_form
from core.pagination import paginate
from core.reports import render_report_page, report_file_response, report_requested_message

from . import feedback, selectors, services
from .agreement import LANGUAGES, agreement_filename, render_agreement_pdf
from .dispatch import report_dispatch_request
from .errors import PlacementError
from .filters import PlacementFilter
from .forms import (
    AttendanceForm,
    EndForm,
    FeedbackForm,
    ParticipantForm,
    PlacementForm,
    ReportForm,
)
from .models import AttendanceReport, ReportDispatch
from .reports import attendance_report_request, monthly_csv

LIST_LIMIT = 200
PAGE_SIZE = 25


def host_list(request):
    return render(request, "placements/host_list.html", {"hosts": selectors.public_hosts()})


# --- Staff pages -------------------------------------------------------------------------


@staff_required
def staff_list(request):
    """Every placement, narrowed by the filters (shown as chips) and paged."""
    found = PlacementFilter(
        request.GET or None,
        queryset=selectors.supervised_placements(request.user).order_by("-start_date", "pk"),
        request=request,
    )
    context = {
        "filter": found,
        **paginate(request, found.qs, PAGE_SIZE),
        "is_filtered": any(request.GET.get(name) for name in found.filters),
    }
    return render(request, "placements/staff_list.html", context)


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


def _staff_detail(request, placement, end_form=None, status=200):
    if end_form is None and placement.status == placement.Status.ACTIVE:
        end_form = EndForm(initial={"last_day": placement.end_date})
    return render(
        request,
        "placements/placement_detail.html",
        {
            "placement": placement,
            "attendances": placement.attendances.all(),
            "staff_view": True,
            "end_form": end_form,
            "all_feedback": placement.feedback.all(),
        },
        status=status,
    )


@staff_required
def staff_detail(request, pk):
    placement = get_object_or_404(selectors.supervised_placements(request.user), pk=pk)
    return _staff_detail(request, placement)


@staff_required
def placement_end(request, pk):
    """Complete the placement or end it early (POST from the staff page)."""
    placement = get_object_or_404(selectors.supervised_placements(request.user), pk=pk)
    if request.method != "POST":
        return redirect("placements:staff_detail", pk=pk)
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            services.placement_end(actor=request.user, placement=placement, **form.cleaned_data)
        except PlacementError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The placement has ended."))
            return redirect("placements:staff_detail", pk=pk)
    return _staff_detail(request, placement, end_form=form, status=400)


@staff_required
def agreement_pdf(request, pk):
    """The agreement for signatures, in Finnish (default) or Swedish (?kieli=sv)."""
    placement = get_object_or_404(
        selectors.supervised_placements(request.user).select_related(
            "supervisor__user", "host__organisation"
        ),
        pk=pk,
    )
    return _agreement_response(request, placement)


@login_required
def own_agreement_pdf(request, pk):
    """The participant's own agreement, as staff print it for signatures."""
    return _agreement_response(
        request, get_object_or_404(selectors.own_placements(request.user), pk=pk)
    )


def _agreement_response(request, placement):
    language = request.GET.get("kieli", "fi")
    if language not in LANGUAGES:
        language = "fi"
    response = HttpResponse(
        render_agreement_pdf(placement, language), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{agreement_filename(placement, language)}"'
    )
    return response


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
            **_feedback_context(request.user, placement),
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
    if request.method == "POST" and request.POST.get("send"):
        if form.is_valid():
            try:
                row, created = report_dispatch_request(
                    actor=request.user,
                    authority=form.cleaned_data["authority"],
                    month=form.cleaned_data["month"],
                    language=get_language(),
                )
            except PlacementError as error:
                add_error_to_form(form, error)
            else:
                if created:
                    messages.success(
                        request, _("The report is being sent to the referring authority.")
                    )
                else:
                    messages.info(
                        request,
                        _("The report of that month has already been sent or is being sent."),
                    )
                return redirect("placements:reports")
        status = 400
    elif request.method == "POST":
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
    dispatches = ReportDispatch.objects.select_related("authority").order_by("-month", "pk")[:20]
    return render(
        request,
        "placements/reports.html",
        {"form": form, "recent": recent, "dispatches": dispatches},
        status=status,
    )


@staff_required
def report_detail(request, pk):
    return render_report_page(
        request, AttendanceReport.objects.all(), pk, "placements/report_detail.html"
    )


@staff_required
def report_download(request, pk):
    return report_file_response(AttendanceReport.objects.all(), pk)


# --- The participant's own pages ------------------------------------------------------------


@login_required
def own_list(request):
    placements = selectors.own_placements(request.user).order_by("-start_date", "pk")
    return render(request, "placements/own_list.html", {"placements": placements})


@login_required
def own_detail(request, pk):
    placement = get_object_or_404(selectors.own_placements(request.user), pk=pk)
    return render(
        request,
        "placements/own_detail.html",
        {
            "placement": placement,
            "attendances": placement.attendances.all(),
            **_feedback_context(request.user, placement),
        },
    )


def _feedback_context(user, placement, form=None):
    """The feedback the person has given on the placement and the form for the stages
    open now (none for staff, who read the feedback on the staff page)."""
    role = feedback.feedback_role(user, placement)
    if role is None:
        return {}
    stages = feedback.open_stages(placement)
    if form is None and stages:
        form = FeedbackForm(stages=stages, initial={"stage": stages[-1]})
    return {
        "feedback_form": form,
        "my_feedback": placement.feedback.filter(role=role),
    }


@login_required
def feedback_give(request, pk):
    """The participant's or the supervisor's feedback (POST from their page)."""
    placements = selectors.own_placements(request.user) | selectors.supervised_placements(
        request.user
    )
    placement = get_object_or_404(placements.distinct(), pk=pk)
    role = feedback.feedback_role(request.user, placement)
    if role is None:
        raise Http404
    is_participant = role == feedback.Feedback.Role.PARTICIPANT
    back = "placements:own_detail" if is_participant else "placements:attendance"
    if request.method != "POST":
        return redirect(back, pk=pk)
    form = FeedbackForm(request.POST, stages=feedback.open_stages(placement))
    if form.is_valid():
        try:
            feedback.feedback_give(actor=request.user, placement=placement, **form.cleaned_data)
        except PlacementError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("Thank you: the feedback has been saved."))
            return redirect(back, pk=pk)
    context = {
        "placement": placement,
        "attendances": placement.attendances.all(),
        **_feedback_context(request.user, placement, form=form),
    }
    if is_participant:
        return render(request, "placements/own_detail.html", context, status=400)
    context.update(form=AttendanceForm(), staff_view=False)
    return render(request, "placements/placement_detail.html", context, status=400)

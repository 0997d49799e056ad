"""The staff dashboard and the annual report's pages. Staff only: anyone else signed in
gets 404, and anyone not signed in is sent to log in."""

from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from core.access import staff_required
from core.errors import add_error_to_form
from core.reports import render_report_page, report_file_response, report_requested_message
from facilities.forms_reports import ReportForm
from facilities.reports import statement_organisations
from facilities.views.reports import _last_month
from pilots.reports import pilot_report_request
from yhteisokeskus.models import AnnualReport

from . import dashboard
from .annual_report import annual_report_request
from .errors import ReportError
from .forms import AnnualReportForm, PilotReportForm


def _render_dashboard(request, *, annual_form=None, pilot_form=None, status=200):
    reports = dashboard.recent_reports(request.user)
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "queues": dashboard.queues(),
            "week": dashboard.this_week(),
            "key": dashboard.key_figures(),
            "backlog": dashboard.backlog(),
            "reports": reports,
            "reports_in_progress": any(row.worth_waiting_for for row in reports),
            "annual_form": annual_form or AnnualReportForm(),
            "booking_form": ReportForm(
                staff=True,
                organisations=statement_organisations(request.user),
                initial={"month": _last_month(), "kind": "utilisation"},
                auto_id="booking_report_%s",
            ),
            "pilot_form": pilot_form or PilotReportForm(auto_id="pilot_report_%s"),
        },
        status=status,
    )


@staff_required
def dashboard_view(request):
    return _render_dashboard(request)


@staff_required
@require_POST
def annual_report_start(request):
    form = AnnualReportForm(request.POST)
    if form.is_valid():
        try:
            report = annual_report_request(
                actor=request.user, year=form.cleaned_data["year"], language=get_language()
            )
        except ReportError as error:
            add_error_to_form(form, error)
        else:
            report_requested_message(request, report)
            return redirect("dashboard:annual_report", pk=report.pk)
    return _render_dashboard(request, annual_form=form, status=400)


@staff_required
@require_POST
def pilot_report_start(request):
    form = PilotReportForm(request.POST, auto_id="pilot_report_%s")
    if form.is_valid():
        report = pilot_report_request(
            actor=request.user, pilot=form.cleaned_data["pilot"], language=get_language()
        )
        report_requested_message(request, report)
        return redirect("pilots:report_detail", pk=report.pk)
    return _render_dashboard(request, pilot_form=form, status=400)


@staff_required
def annual_report_detail(request, pk):
    return render_report_page(
        request, AnnualReport.objects.all(), pk, "dashboard/annual_report.html"
    )


@staff_required
def annual_report_download(request, pk):
    return report_file_response(AnnualReport.objects.all(), pk)

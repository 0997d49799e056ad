"""PDF report pages: ask for a report, follow its progress, download it. Reports are
built by a Celery worker (core.reports); the progress page refreshes itself. Another
person's report answers 404 (staff see all)."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import clock
from core.errors import add_error_to_form
from core.reports import render_report_page, report_file_response, report_requested_message
from facilities.errors import BookingError
from facilities.forms_reports import ReportForm
from facilities.report_services import report_request
from facilities.reports import reports_for_user, statement_organisations

RECENT_REPORTS = 20


def _last_month() -> str:
    """Statements are usually wanted for the month just ended."""
    return f"{clock.today().replace(day=1) - timedelta(days=1):%Y-%m}"


@login_required
def report_list(request):
    staff = request.user.is_staff
    organisations = statement_organisations(request.user)
    form = None
    if staff or organisations.exists():
        form = ReportForm(
            request.POST or None,
            staff=staff,
            organisations=organisations,
            initial={"month": _last_month()},
        )
    elif request.method == "POST":
        raise Http404
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = report_request(
                actor=request.user,
                kind=data["kind"],
                month=data["month"],
                organisation=data["organisation"],
                language=get_language(),
            )
        except PermissionDenied:
            form.add_error("organisation", _("You cannot ask for this organisation's statement."))
        except BookingError as error:
            add_error_to_form(form, error)
        else:
            report_requested_message(request, report)
            return redirect("facilities:report_detail", pk=report.pk)
    reports = reports_for_user(request.user).filter(requested_by=request.user)[:RECENT_REPORTS]
    return render(
        request,
        "facilities/reports.html",
        {"form": form, "reports": reports, "staff": staff},
    )


@login_required
def report_detail(request, pk):
    return render_report_page(
        request, reports_for_user(request.user), pk, "facilities/report_detail.html"
    )


@login_required
def report_download(request, pk):
    return report_file_response(reports_for_user(request.user), pk)

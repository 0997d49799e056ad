"""Staff pages of participation's PDF reports: ask for a consultation's report or the
participation model's report (built by a worker in the staff member's language), follow
its progress and download it."""

from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from core.access import staff_required
from core.reports import render_report_page, report_file_response, report_requested_message

from . import reports
from .models import Consultation, ConsultationReport, ModelReport


@staff_required
@require_POST
def consultation_report_start(request, pk):
    consultation = get_object_or_404(Consultation, pk=pk)
    report = reports.consultation_report_request(
        actor=request.user, consultation=consultation, language=get_language()
    )
    report_requested_message(request, report)
    return redirect(report)


@staff_required
def consultation_report(request, pk):
    return render_report_page(
        request,
        ConsultationReport.objects.select_related("consultation"),
        pk,
        "participation/consultation_report.html",
    )


@staff_required
def consultation_report_download(request, pk):
    return report_file_response(ConsultationReport.objects.all(), pk)


@staff_required
@require_POST
def model_report_start(request):
    report = reports.model_report_request(actor=request.user, language=get_language())
    report_requested_message(request, report)
    return redirect(report)


@staff_required
def model_report(request, pk):
    return render_report_page(
        request, ModelReport.objects.all(), pk, "participation/model_report.html"
    )


@staff_required
def model_report_download(request, pk):
    return report_file_response(ModelReport.objects.all(), pk)

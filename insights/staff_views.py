"""Staff pages of insights: the interpretations of a municipality (write, edit,
publish), the knowledge summary PDF (ask, follow, download) and the upload of own
indicator values with its dry run."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import staff_required
from core.errors import DomainError, add_error_to_form
from core.reports import render_report_page, report_file_response, report_requested_message
from organisations.models import Municipality

from . import services, uploads
from .forms import InterpretationForm, UploadForm
from .models import Interpretation, KnowledgeSummary


def _municipality(code):
    return get_object_or_404(Municipality, code=code)


@staff_required
def interpretation_list(request, code):
    municipality = _municipality(code)
    interpretations = (
        Interpretation.objects.filter(municipality=municipality)
        .select_related("indicator", "author")
        .order_by("-written_on", "-pk")
    )
    return render(
        request,
        "insights/interpretation_list.html",
        {"municipality": municipality, "interpretations": interpretations},
    )


def _interpretation_form(request, municipality, interpretation):
    form = InterpretationForm(request.POST or None, instance=interpretation)
    if request.method == "POST" and form.is_valid():
        try:
            services.interpretation_save(actor=request.user, interpretation=form.save(commit=False))
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The interpretation was saved."))
            return redirect("insights:interpretation_list", municipality.code)
    return render(
        request,
        "insights/interpretation_form.html",
        {"municipality": municipality, "form": form, "interpretation": interpretation},
        status=400 if request.method == "POST" else 200,
    )


@staff_required
def interpretation_create(request, code):
    municipality = _municipality(code)
    return _interpretation_form(request, municipality, Interpretation(municipality=municipality))


@staff_required
def interpretation_edit(request, pk):
    interpretation = get_object_or_404(Interpretation.objects.select_related("municipality"), pk=pk)
    return _interpretation_form(request, interpretation.municipality, interpretation)


@staff_required
@require_POST
def summary_request(request, code):
    report = services.summary_request(
        actor=request.user, municipality=_municipality(code), language=get_language()
    )
    report_requested_message(request, report)
    return redirect("insights:summary_detail", pk=report.pk)


@staff_required
def summary_detail(request, pk):
    return render_report_page(
        request,
        KnowledgeSummary.objects.select_related("municipality"),
        pk,
        "insights/summary_detail.html",
    )


@staff_required
def summary_download(request, pk):
    return report_file_response(KnowledgeSummary.objects.select_related("municipality"), pk)


@staff_required
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    result, status = None, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                result = uploads.values_import(
                    actor=request.user,
                    upload=form.cleaned_data["file"],
                    dry_run=form.cleaned_data["dry_run"],
                )
            except DomainError as error:
                add_error_to_form(form, error)
            else:
                if result.saved:
                    messages.success(
                        request,
                        _("%(created)d values were added and %(updated)d updated.")
                        % {"created": result.created, "updated": result.updated},
                    )
                    return redirect("insights:upload")
                status = 200 if result.ok else 400
    return render(
        request,
        "insights/upload.html",
        {"form": form, "result": result, "columns": uploads.COLUMNS},
        status=status,
    )

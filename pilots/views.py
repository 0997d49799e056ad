"""Pilot pages: the public list and detail of public pilots, the staff pages of all of
them (status changes, evaluation, the PDF report), and the page where staff or a
representative of the lead or a partner organisation enters measurements. A pilot a
person may not see answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import staff_required
from core.errors import add_error_to_form
from core.pagination import paginate
from core.reports import render_report_page, report_file_response, report_requested_message

from . import selectors, services
from .charts import with_charts
from .errors import PilotError
from .filters import PilotFilter, PublicPilotFilter
from .forms import EvaluationForm, MeasurementForm, TransitionForm
from .models import Measurement, Pilot, PilotReport, PilotStatus
from .reports import pilot_report_request

PAGE_SIZE = 20
RECENT_REPORTS = 10


def _filtered_page(request, queryset, filterset=PilotFilter):
    pilots = filterset(request.GET or None, queryset=queryset, request=request)
    return pilots, {
        "filter": pilots,
        **paginate(request, pilots.qs, PAGE_SIZE),
        "is_filtered": any(request.GET.get(name) for name in pilots.filters),
    }


# --- Public pages ----------------------------------------------------------------------


def pilot_list(request):
    _pilots, context = _filtered_page(request, selectors.public_pilots(), PublicPilotFilter)
    return render(request, "pilots/pilot_list.html", context)


def pilot_detail(request, pk):
    pilot = get_object_or_404(selectors.with_details(Pilot.objects.public()), pk=pk)
    return render(
        request,
        "pilots/pilot_detail.html",
        {
            "pilot": pilot,
            "indicators": with_charts(pilot.indicators.all()),
            "evaluation": getattr(pilot, "evaluation", None),
            "staff_view": False,
        },
    )


# --- Staff pages -----------------------------------------------------------------------


@staff_required
def staff_pilot_list(request):
    _pilots, context = _filtered_page(request, selectors.staff_pilots())
    return render(request, "pilots/staff_pilot_list.html", context)


def _staff_pilot(pk):
    return get_object_or_404(selectors.with_details(Pilot.objects.all()), pk=pk)


def _staff_detail(request, pilot, *, transition_form=None, status=200):
    allowed = services.allowed_transitions(pilot)
    if transition_form is None and allowed:
        transition_form = TransitionForm(allowed=allowed)
    reports = PilotReport.objects.filter(pilot=pilot).order_by("-created_at")[:RECENT_REPORTS]
    return render(
        request,
        "pilots/staff_pilot_detail.html",
        {
            "pilot": pilot,
            "indicators": with_charts(pilot.indicators.all()),
            "evaluation": getattr(pilot, "evaluation", None),
            "transition_form": transition_form,
            "reports": reports,
            "staff_view": True,
            "needs_evaluation": PilotStatus.COMPLETED in allowed
            and not hasattr(pilot, "evaluation"),
        },
        status=status,
    )


@staff_required
def staff_pilot_detail(request, pk):
    return _staff_detail(request, _staff_pilot(pk))


@staff_required
@require_POST
def pilot_transition(request, pk):
    pilot = _staff_pilot(pk)
    form = TransitionForm(request.POST, allowed=services.allowed_transitions(pilot))
    if form.is_valid():
        try:
            change = services.pilot_transition(
                actor=request.user,
                pilot=pilot,
                to_status=form.cleaned_data["to_status"],
                on=form.cleaned_data["on"],
                note=form.cleaned_data["note"],
            )
        except PilotError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request,
                _("The status is now “%(status)s”.")
                % {"status": PilotStatus(change.to_status).label},
            )
            return redirect("pilots:staff_detail", pk=pilot.pk)
    return _staff_detail(request, pilot, transition_form=form, status=400)


@staff_required
def evaluation_edit(request, pk):
    pilot = get_object_or_404(Pilot.objects.select_related("evaluation"), pk=pk)
    evaluation = getattr(pilot, "evaluation", None)
    form = EvaluationForm(request.POST or None, instance=evaluation)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_save(actor=request.user, pilot=pilot, **form.cleaned_data)
        except PilotError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The evaluation has been saved."))
            return redirect("pilots:staff_detail", pk=pilot.pk)
    return render(request, "pilots/evaluation_form.html", {"pilot": pilot, "form": form})


@staff_required
@require_POST
def report_request(request, pk):
    pilot = get_object_or_404(Pilot, pk=pk)
    report = pilot_report_request(actor=request.user, pilot=pilot, language=get_language())
    report_requested_message(request, report)
    return redirect("pilots:report_detail", pk=report.pk)


@staff_required
def report_detail(request, pk):
    return render_report_page(
        request, selectors.reports_for_user(request.user), pk, "pilots/report_detail.html"
    )


@staff_required
def report_download(request, pk):
    return report_file_response(selectors.reports_for_user(request.user), pk)


# --- Measurements ----------------------------------------------------------------------


@login_required
def measurement_pilots(request):
    """The pilots whose measurements the person may enter."""
    pilots = (
        selectors.pilots_for_measurements(request.user)
        .filter(status__in=services.MEASURABLE)
        .select_related("lead_organisation")
        .prefetch_related("indicators")
        .order_by("name_fi")
    )
    return render(request, "pilots/measurement_pilots.html", {"pilots": pilots})


@login_required
def measurement_create(request, pk):
    pilot = get_object_or_404(
        selectors.pilots_for_measurements(request.user).select_related("lead_organisation"),
        pk=pk,
    )
    measurable = pilot.status in services.MEASURABLE
    form = MeasurementForm(request.POST or None, pilot=pilot)
    if request.method == "POST" and measurable and form.is_valid():
        data = form.cleaned_data
        try:
            services.measurement_create(
                actor=request.user,
                indicator=data["indicator"],
                measured_on=data["measured_on"],
                value=data["value"],
                note=data["note"],
            )
        except PilotError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The measurement has been saved."))
            return redirect("pilots:measurement_create", pk=pilot.pk)
    recent = (
        Measurement.objects.filter(indicator__pilot=pilot)
        .select_related("indicator", "entered_by")
        .order_by("-measured_on", "-pk")[:20]
    )
    return render(
        request,
        "pilots/measurement_form.html",
        {"pilot": pilot, "form": form, "recent": recent, "measurable": measurable},
        status=400 if request.method == "POST" else 200,
    )

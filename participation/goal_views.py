"""Pages of the participation model: the public overview (strategy items and goals with
their progress) and a goal's page (indicators, measurements, actions, and the
residents' comments behind it), with the staff's forms on them: a measurement, and the
goal's links to themes and strategy items. The staff pages that create and change the
model are in ``model_views``."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import is_staff, staff_required
from core.errors import add_error_to_form
from core.pagination import paginate

from . import goals, selectors
from .errors import ParticipationError
from .forms import GoalLinkForm, MeasurementForm
from .models import Goal, Indicator, ModelReport
from .svg import progress_chart


def model_overview(request):
    goal_list = list(selectors.goals_with_progress())
    staff = is_staff(request.user)
    return render(
        request,
        "participation/model.html",
        {
            "strategy_items": selectors.strategy_items(),
            "goals": goal_list,
            "staff": staff,
            "reports": ModelReport.objects.order_by("-created_at")[:5] if staff else [],
        },
    )


def _goal_page(request, pk, *, measurement_form=None, form_indicator=None, status=200):
    goal = get_object_or_404(selectors.goals_with_progress(), pk=pk)
    indicators = list(goal.indicators.all())
    staff = is_staff(request.user)
    for indicator in indicators:
        indicator.chart = progress_chart(indicator)
        if staff:
            indicator.form = (
                measurement_form
                if form_indicator == indicator.pk
                else MeasurementForm(prefix=f"i{indicator.pk}")
            )
    return render(
        request,
        "participation/goal_detail.html",
        {
            "goal": goal,
            "indicators": indicators,
            "actions": list(goal.actions.all()),
            "staff": staff,
            **paginate(request, selectors.goal_comments(goal), 30),
        },
        status=status,
    )


def goal_detail(request, pk):
    return _goal_page(request, pk)


@staff_required
@require_POST
def measurement_add(request, pk):
    indicator = get_object_or_404(Indicator, pk=pk)
    form = MeasurementForm(request.POST, prefix=f"i{indicator.pk}")
    if form.is_valid():
        try:
            goals.measurement_add(actor=request.user, indicator=indicator, **form.cleaned_data)
        except ParticipationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The measurement was saved."))
            return redirect("participation:goal", indicator.goal_id)
    return _goal_page(
        request, indicator.goal_id, measurement_form=form, form_indicator=indicator.pk, status=400
    )


@staff_required
def goal_links(request, pk):
    goal = get_object_or_404(Goal, pk=pk)
    initial = {"themes": goal.themes.all(), "strategy_items": goal.strategy_items.all()}
    form = GoalLinkForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        goals.goal_link(actor=request.user, goal=goal, **form.cleaned_data)
        messages.success(request, _("The goal's links were saved."))
        return redirect("participation:goal", goal.pk)
    return render(
        request,
        "participation/goal_links.html",
        {"goal": goal, "form": form},
        status=400 if request.method == "POST" else 200,
    )

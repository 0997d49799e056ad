"""Staff pages of the participation model, so that nobody needs the admin: the model's
staff page (strategy items, goals with their indicators, actions) and the forms that
create and change strategy items, goals, indicators and actions. Thin: a form, one
service call, the service's error next to its field."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.access import staff_required

from . import goals, selectors
from .authoring_views import _save_form
from .forms import ActionForm, GoalForm, IndicatorForm, StrategyItemForm
from .models import Action, Goal, Indicator, StrategyItem


def _fields(form, names) -> dict:
    return {name: form.cleaned_data[name] for name in names}


def _render(request, template, context):
    return render(request, template, context, status=400 if request.method == "POST" else 200)


@staff_required
def model_staff(request):
    return render(request, "participation/staff/model.html", selectors.model_for_staff())


def _strategy_item_page(request, item):
    form = StrategyItemForm(
        request.POST or None,
        instance=StrategyItem.objects.get(pk=item.pk) if item else None,
        initial={"themes": item.themes.all()} if item else None,
    )
    saved = _save_form(
        request,
        form,
        lambda f: goals.strategy_item_save(
            actor=request.user,
            item=item,
            themes=f.cleaned_data["themes"],
            **_fields(f, goals.STRATEGY_ITEM_FIELDS),
        ),
        _("The strategy item was saved."),
    )
    if saved:
        return redirect("participation:model_staff")
    return _render(
        request, "participation/staff/strategy_item_form.html", {"form": form, "item": item}
    )


@staff_required
def strategy_item_create(request):
    return _strategy_item_page(request, None)


@staff_required
def strategy_item_edit(request, pk):
    return _strategy_item_page(request, get_object_or_404(StrategyItem, pk=pk))


def _goal_page(request, goal):
    initial = None
    if goal:
        initial = {"themes": goal.themes.all(), "strategy_items": goal.strategy_items.all()}
    form = GoalForm(
        request.POST or None,
        instance=Goal.objects.get(pk=goal.pk) if goal else None,
        initial=initial,
    )
    saved = _save_form(
        request,
        form,
        lambda f: goals.goal_save(
            actor=request.user,
            goal=goal,
            themes=f.cleaned_data["themes"],
            strategy_items=f.cleaned_data["strategy_items"],
            **_fields(f, goals.GOAL_FIELDS),
        ),
        _("The goal was saved."),
    )
    if saved:
        return redirect("participation:goal", saved.pk)
    return _render(request, "participation/staff/goal_form.html", {"form": form, "goal": goal})


@staff_required
def goal_create(request):
    return _goal_page(request, None)


@staff_required
def goal_edit(request, pk):
    return _goal_page(request, get_object_or_404(Goal, pk=pk))


def _indicator_page(request, goal, indicator):
    form = IndicatorForm(
        request.POST or None,
        instance=Indicator.objects.get(pk=indicator.pk) if indicator else Indicator(goal=goal),
    )
    saved = _save_form(
        request,
        form,
        lambda f: goals.indicator_save(
            actor=request.user,
            goal=goal,
            indicator=indicator,
            direction=f.cleaned_data["direction"],
            **_fields(f, goals.INDICATOR_FIELDS),
        ),
        _("The indicator was saved."),
    )
    if saved:
        return redirect("participation:goal", goal.pk)
    return _render(
        request,
        "participation/staff/indicator_form.html",
        {"form": form, "goal": goal, "indicator": indicator},
    )


@staff_required
def indicator_create(request, pk):
    return _indicator_page(request, get_object_or_404(Goal, pk=pk), None)


@staff_required
def indicator_edit(request, pk):
    indicator = get_object_or_404(Indicator.objects.select_related("goal"), pk=pk)
    return _indicator_page(request, indicator.goal, indicator)


def _action_page(request, action, goal=None):
    if action:
        initial = {"goals": action.goals.all()}
    else:
        initial = {"goals": [goal] if goal else []}
    form = ActionForm(
        request.POST or None,
        instance=Action.objects.get(pk=action.pk) if action else None,
        initial=initial,
    )
    saved = _save_form(
        request,
        form,
        lambda f: goals.action_save(
            actor=request.user,
            action=action,
            goals=f.cleaned_data["goals"],
            **_fields(f, goals.ACTION_FIELDS),
        ),
        _("The action was saved."),
    )
    if saved:
        answered = list(saved.goals.order_by("order", "pk").values_list("pk", flat=True))
        return redirect(
            "participation:goal", goal.pk if goal and goal.pk in answered else answered[0]
        )
    return _render(
        request,
        "participation/staff/action_form.html",
        {"form": form, "action": action, "goal": goal},
    )


@staff_required
def action_create(request):
    goal = None
    if (request.GET.get("tavoite") or "").isdigit():
        goal = Goal.objects.filter(pk=request.GET["tavoite"]).first()
    return _action_page(request, None, goal)


@staff_required
def action_edit(request, pk):
    return _action_page(request, get_object_or_404(Action, pk=pk))

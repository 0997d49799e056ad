"""Staff pages for drafting a call's criteria: a draft set (the first one, or a new
version of the latest), its criteria with their weights and scales added, changed and
removed while it is a draft. Approval (by whom, when, with which partners) and
publication are on the call's staff page; once the first application has arrived the
criteria are frozen and change only through a new version (grants.services)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import staff_required
from core.errors import add_error_to_form
from grants import services
from grants.errors import GrantError
from grants.forms import CriterionForm
from grants.models import Call, CriteriaSet, Criterion


def _call_anchor(criteria_set):
    url = reverse("grants:staff_call", args=[criteria_set.call_id])
    return redirect(f"{url}#criteria-set-{criteria_set.pk}")


@staff_required
@require_POST
def criteria_create(request, pk):
    call = get_object_or_404(Call, pk=pk)
    try:
        criteria_set = services.criteria_draft_create(actor=request.user, call=call)
    except GrantError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("grants:staff_call", pk=call.pk)
    messages.success(request, _("A draft of the criteria has been made; add the criteria."))
    return _call_anchor(criteria_set)


def _form_page(request, criteria_set, form, criterion=None, status=200):
    return render(
        request,
        "grants/criterion_form.html",
        {
            "call": criteria_set.call,
            "criteria_set": criteria_set,
            "criterion": criterion,
            "form": form,
        },
        status=status,
    )


def _save(request, criteria_set, criterion=None):
    """Show the form (GET) or save it; a set that is no longer a draft sends the person
    back to the call with the reason."""
    try:
        services.criteria_check_editable(criteria_set)
    except GrantError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("grants:staff_call", pk=criteria_set.call_id)
    if request.method != "POST":
        initial = CriterionForm.initial_for(criterion) if criterion else None
        return _form_page(request, criteria_set, CriterionForm(initial=initial), criterion)
    form = CriterionForm(request.POST)
    if form.is_valid():
        try:
            services.criterion_save(
                actor=request.user,
                criteria_set=criteria_set,
                criterion=criterion,
                data=form.criterion_input(),
            )
        except GrantError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The criterion has been saved."))
            return _call_anchor(criteria_set)
    return _form_page(request, criteria_set, form, criterion, status=400)


@staff_required
def criterion_add(request, pk):
    criteria_set = get_object_or_404(CriteriaSet.objects.select_related("call"), pk=pk)
    return _save(request, criteria_set)


@staff_required
def criterion_edit(request, pk):
    criterion = get_object_or_404(Criterion.objects.select_related("criteria_set__call"), pk=pk)
    return _save(request, criterion.criteria_set, criterion)


@staff_required
@require_POST
def criterion_delete(request, pk):
    criterion = get_object_or_404(Criterion.objects.select_related("criteria_set"), pk=pk)
    try:
        services.criterion_delete(actor=request.user, criterion=criterion)
    except GrantError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The criterion has been removed."))
    return _call_anchor(criterion.criteria_set)

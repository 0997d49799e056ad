"""Representatives' interpretations: an organisation's approved representative writes
an interpretation of a municipality's figures as a draft, sees their own and edits their
own drafts; staff publish them on the staff pages. Anybody else, and another's draft or
a published one, gets 404 (never 403, never its text)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.errors import DomainError, add_error_to_form
from organisations.models import Municipality

from . import selectors, services
from .forms import DraftInterpretationForm
from .models import Interpretation


@login_required
def my_interpretations(request):
    return render(
        request,
        "insights/my_interpretations.html",
        {
            "interpretations": selectors.own_interpretations(request.user),
            "may_propose": selectors.may_propose_interpretations(request.user),
        },
    )


def _draft_form(request, municipality, interpretation):
    form = DraftInterpretationForm(request.POST or None, instance=interpretation)
    if request.method == "POST" and form.is_valid():
        try:
            services.interpretation_save(actor=request.user, interpretation=form.save(commit=False))
        except PermissionDenied:
            raise Http404 from None
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request,
                _("The interpretation was saved as a draft. The centre's staff publish it."),
            )
            return redirect("insights:my_interpretations")
    return render(
        request,
        "insights/interpretation_draft_form.html",
        {"municipality": municipality, "form": form, "interpretation": interpretation},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def interpretation_propose(request, code):
    if not selectors.may_propose_interpretations(request.user):
        raise Http404
    municipality = get_object_or_404(Municipality, code=code)
    return _draft_form(request, municipality, Interpretation(municipality=municipality))


@login_required
def interpretation_draft_edit(request, pk):
    if not selectors.may_propose_interpretations(request.user):
        raise Http404
    interpretation = get_object_or_404(
        selectors.own_drafts(request.user).select_related("municipality"), pk=pk
    )
    return _draft_form(request, interpretation.municipality, interpretation)

"""Pages for logged-in people: apply for membership, ask to represent an organisation,
see one's organisations, and (for an organisation's admin) edit its profile and decide
on representative requests. Another organisation's objects answer 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import add_error_to_form
from organisations import selectors, services
from organisations.errors import RegisterError
from organisations.forms import (
    MEMBERSHIP_APPLY_FIELD_MAP,
    MembershipApplyForm,
    OrganisationForm,
    RepresentativeRequestForm,
)


def _data(request):
    return request.POST if request.method == "POST" else None


@login_required
def membership_apply(request):
    organisations = selectors.organisations_open_for_application(request.user)
    form = MembershipApplyForm(_data(request), organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_apply(
                user=request.user,
                organisation=form.cleaned_data["organisation"],
                new_organisation=form.new_organisation(),
                application_text=form.cleaned_data["application_text"],
            )
        except PermissionDenied:
            raise Http404 from None
        except RegisterError as error:
            add_error_to_form(form, error, MEMBERSHIP_APPLY_FIELD_MAP)
        else:
            messages.success(
                request,
                _("Thank you. The application of %(organisation)s has been sent to the staff.")
                % {"organisation": membership.organisation.name},
            )
            return redirect("organisations:my_organisations")
    return render(
        request,
        "organisations/membership_apply.html",
        {"form": form, "has_organisations": organisations.exists()},
    )


@login_required
def representative_request(request):
    form = RepresentativeRequestForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            representative = services.representative_request(
                user=request.user,
                organisation=form.cleaned_data["organisation"],
                role=form.cleaned_data["role"],
                message=form.cleaned_data["message"],
            )
        except RegisterError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request,
                _("Your request to represent %(organisation)s has been sent.")
                % {"organisation": representative.organisation.name},
            )
            return redirect("organisations:my_organisations")
    return render(request, "organisations/representative_request.html", {"form": form})


@login_required
def my_organisations(request):
    representations = selectors.representations_for_user(request.user)
    pending = selectors.pending_representatives_for_admin(request.user, all_for_staff=False)
    return render(
        request,
        "organisations/my_organisations.html",
        {"representations": representations, "pending": pending},
    )


@login_required
def organisation_edit(request, pk):
    organisation = get_object_or_404(selectors.organisations_administered_by(request.user), pk=pk)
    if request.method == "POST":
        form = OrganisationForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            fields_of_activity = data.pop("fields_of_activity")
            try:
                services.organisation_update(
                    organisation=organisation,
                    actor=request.user,
                    fields_of_activity=fields_of_activity,
                    **data,
                )
            except PermissionDenied:
                raise Http404 from None
            except RegisterError as error:
                add_error_to_form(form, error, {"name": "name_fi", "description": "description_fi"})
            else:
                messages.success(request, _("The profile has been saved."))
                return redirect("organisations:my_organisations")
    else:
        form = OrganisationForm(initial=OrganisationForm.initial_for(organisation))
    return render(
        request,
        "organisations/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


def _decide(request, pk, service, message):
    representative = get_object_or_404(
        selectors.pending_representatives_for_admin(request.user), pk=pk
    )
    try:
        service(representative=representative, actor=request.user)
    except PermissionDenied:
        raise Http404 from None
    except RegisterError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            message
            % {
                "person": representative.user.get_full_name() or representative.user.email,
                "organisation": representative.organisation.name,
            },
        )
    return redirect("organisations:my_organisations")


@login_required
@require_POST
def representative_approve(request, pk):
    return _decide(
        request,
        pk,
        services.representative_approve,
        _("%(person)s now represents %(organisation)s."),
    )


@login_required
@require_POST
def representative_decline(request, pk):
    return _decide(
        request,
        pk,
        services.representative_decline,
        _("The request of %(person)s to represent %(organisation)s was declined."),
    )

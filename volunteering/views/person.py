"""The person's own volunteering pages: profile, experience areas with consent, open
tasks, offers, tasks and hours, the volunteering certificate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import is_staff
from core.errors import add_error_to_form
from core.pagination import paginate
from core.reports import report_requested_message
from volunteering import forms, reports, selectors, services
from volunteering.errors import VolunteeringError
from volunteering.models import (
    Assignment,
    Offer,
    Report,
)

from .base import PAGE_SIZE


@login_required
def home(request):
    profile = selectors.own_profile(request.user)
    context = {"profile": profile, "organisations": selectors.requester_organisations(request.user)}
    if profile:
        context["offers"] = list(
            profile.offers.filter(status=Offer.Status.OFFERED)
            .select_related("request__organisation")
            .prefetch_related("request__dates")
        )
        context["assignments"] = list(
            profile.assignments.filter(status=Assignment.Status.ACTIVE)
            .select_related("request__organisation")
            .prefetch_related("request__dates", "hours")
            .order_by("-created_at")
        )
        context["reports"] = list(
            Report.objects.filter(profile=profile).order_by("-created_at")[:5]
        )
    return render(request, "volunteering/home.html", context)


@login_required
def profile_edit(request):
    profile = selectors.own_profile(request.user)
    initial = {"name": request.user.get_full_name(), "languages": ["fi"], "may_contact": True}
    if profile:
        initial = {
            "name": profile.name,
            "phone": profile.phone,
            "roles": profile.roles,
            "languages": profile.languages,
            "municipalities": profile.municipalities.all(),
            "skills": profile.skills.all(),
            "weekdays": profile.weekdays,
            "day_parts": profile.day_parts,
            "introduction": profile.introduction,
            "may_contact": profile.may_contact,
        }
    form = forms.ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_save(actor=request.user, language=get_language(), **form.cleaned_data)
        except VolunteeringError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("Your volunteer profile has been saved."))
            return redirect("volunteering:home")
    return render(
        request,
        "volunteering/profile_form.html",
        {"form": form, "profile": profile},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def experience_edit(request):
    profile = selectors.own_profile(request.user)
    if profile is None:
        messages.info(request, _("Create your volunteer profile first."))
        return redirect("volunteering:profile")
    record = getattr(profile, "experience", None)
    form = forms.ExperienceForm(
        request.POST or None, initial={"areas": record.areas.all() if record else []}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.experience_save(
                actor=request.user,
                profile=profile,
                areas=form.cleaned_data["areas"],
                consent=form.cleaned_data["consent"],
                consent_version=forms.CONSENT_VERSION,
            )
        except VolunteeringError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("Your experience areas have been saved."))
            return redirect("volunteering:home")
    return render(
        request,
        "volunteering/experience_form.html",
        {"form": form, "profile": profile, "record": record},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def experience_withdraw(request):
    profile = selectors.own_profile(request.user)
    if profile is None:
        raise Http404
    services.experience_withdraw(actor=request.user, profile=profile)
    messages.success(request, _("Your consent is withdrawn and your experience areas removed."))
    return redirect("volunteering:home")


@login_required
def open_requests(request):
    """Open tasks shown to volunteers: the task, not the requester's private details."""
    queryset = (
        selectors.public_requests()
        .select_related("organisation", "municipality")
        .prefetch_related("dates")
        .order_by("answer_by", "pk")
    )
    profile = selectors.own_profile(request.user)
    interested = set(profile.interests.values_list("request_id", flat=True)) if profile else set()
    return render(
        request,
        "volunteering/open_requests.html",
        {**paginate(request, queryset, PAGE_SIZE), "profile": profile, "interested": interested},
    )


@login_required
@require_POST
def interest(request, pk):
    target = get_object_or_404(selectors.public_requests(), pk=pk)
    try:
        services.interest_add(actor=request.user, request=target)
    except VolunteeringError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The coordinators know you are interested."))
    return redirect("volunteering:open_requests")


@login_required
@require_POST
def offer_respond(request, pk):
    offer = get_object_or_404(selectors.offers_for_person(request.user), pk=pk)
    accept = request.POST.get("answer") == "accept"
    try:
        services.offer_respond(actor=request.user, offer=offer, accept=accept)
    except VolunteeringError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("You accepted the task.") if accept else _("You declined the task.")
        )
    return redirect("volunteering:home")


@login_required
def hours_log(request, pk):
    assignment = get_object_or_404(
        Assignment.objects.filter(profile__user=request.user).select_related(
            "request__organisation", "profile"
        ),
        pk=pk,
    )
    form = forms.HoursForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.hours_report(actor=request.user, assignment=assignment, **form.cleaned_data)
        except VolunteeringError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("Your hours have been saved."))
            return redirect("volunteering:hours_log", pk=assignment.pk)
    return render(
        request,
        "volunteering/hours_form.html",
        {
            "assignment": assignment,
            "form": form,
            "dates": list(assignment.request.dates.all()),
            "entries": list(assignment.hours.order_by("date", "pk")),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def assignment_cancel(request, pk):
    assignment = get_object_or_404(
        selectors.assignments_for_user(request.user).select_related("request", "profile"), pk=pk
    )
    form = forms.ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for cancelling."))
    else:
        try:
            services.assignment_cancel(
                actor=request.user, assignment=assignment, reason=form.cleaned_data["reason"]
            )
        except VolunteeringError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The task has been cancelled."))
    if assignment.profile.user_id == request.user.pk and not is_staff(request.user):
        return redirect("volunteering:home")
    return redirect("volunteering:request_detail", pk=assignment.request_id)


@login_required
@require_POST
def certificate_request(request):
    profile = selectors.own_profile(request.user)
    if profile is None:
        raise Http404
    report = reports.report_request(
        actor=request.user,
        kind=Report.Kind.CERTIFICATE,
        language=get_language(),
        profile=profile,
    )
    report_requested_message(request, report)
    return redirect("volunteering:report_detail", pk=report.pk)

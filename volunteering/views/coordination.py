"""The coordinators' pages (staff): approving profiles, suggestions and offers,
approving hours, fees, the payment list, the funder figures."""

from datetime import timedelta

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import clock
from core.access import staff_required
from core.errors import add_error_to_form
from volunteering import forms, matching, reports, selectors, services
from volunteering.errors import VolunteeringError
from volunteering.models import (
    Assignment,
    FeeTier,
    HourEntry,
    Profile,
    Request,
    TravelRule,
)

from .base import _last_month


@staff_required
def coordination(request):
    return render(
        request,
        "volunteering/staff_home.html",
        {
            "pending_profiles": list(
                Profile.objects.filter(status=Profile.Status.PENDING).order_by("created_at")
            ),
            "open_requests": list(
                Request.objects.filter(status=Request.Status.OPEN)
                .select_related("organisation")
                .annotate(
                    interested=Count("interests", distinct=True),
                    agreed=Count(
                        "assignments",
                        filter=Q(assignments__status=Assignment.Status.ACTIVE),
                        distinct=True,
                    ),
                )
                .order_by("answer_by", "pk")
            ),
            "hours_to_decide": list(
                HourEntry.objects.filter(
                    status__in=[HourEntry.Status.REPORTED, HourEntry.Status.CONFIRMED]
                )
                .select_related("assignment__profile", "assignment__request__organisation")
                .order_by("date", "pk")
            ),
            "profiles": list(
                Profile.objects.exclude(status=Profile.Status.PENDING).order_by("name", "pk")[:200]
            ),
        },
    )


@staff_required
def staff_profile(request, pk):
    profile = get_object_or_404(Profile.objects.select_related("user", "experience"), pk=pk)
    services.training_records_sync(profile)
    record_form = forms.TrainingRecordForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action in Profile.Status.values:
            services.profile_set_status(actor=request.user, profile=profile, status=action)
            messages.success(request, _("The profile's status has been changed."))
            return redirect("volunteering:staff_profile", pk=profile.pk)
        if record_form.is_valid():
            try:
                services.training_record_add(
                    actor=request.user, profile=profile, **record_form.cleaned_data
                )
            except VolunteeringError as error:
                add_error_to_form(record_form, error)
            else:
                messages.success(request, _("The training has been recorded."))
                return redirect("volunteering:staff_profile", pk=profile.pk)
    return render(
        request,
        "volunteering/staff_profile.html",
        {
            "profile": profile,
            "record": getattr(profile, "experience", None),
            "training_records": list(profile.training_records.all()),
            "assignments": list(
                profile.assignments.select_related("request__organisation").order_by("-created_at")
            ),
            "record_form": record_form,
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_required
def staff_request(request, pk):
    """The coordinator's page of a request: the ranked suggestions with their reasons,
    who is interested, offers made, and the offer form."""
    target = get_object_or_404(
        Request.objects.select_related("organisation", "municipality", "room"), pk=pk
    )
    form = forms.OfferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        profile = Profile.objects.filter(pk=form.cleaned_data["person"]).first()
        try:
            if profile is None:
                raise VolunteeringError(_("Choose a person."), field="person")
            services.offer_create(
                actor=request.user,
                request=target,
                profile=profile,
                respond_by=form.cleaned_data["respond_by"],
            )
        except VolunteeringError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("The task has been offered to %(name)s.") % {"name": profile.name}
            )
            return redirect("volunteering:staff_request", pk=target.pk)
    first = target.dates.order_by("start").first()
    default_deadline = min(clock.now() + timedelta(days=3), first.start if first else clock.now())
    return render(
        request,
        "volunteering/staff_request.html",
        {
            "request_obj": target,
            "dates": list(target.dates.all()),
            "suggestions": matching.suggestions(target)
            if target.status == Request.Status.OPEN
            else [],
            "interests": list(target.interests.select_related("profile")),
            "offers": list(target.offers.select_related("profile").order_by("-created_at")),
            "assignments": list(target.assignments.select_related("profile")),
            "respond_by": default_deadline,
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_required
@require_POST
def staff_request_close(request, pk):
    target = get_object_or_404(Request, pk=pk)
    try:
        services.request_close(actor=request.user, request=target, status=Request.Status.CLOSED)
    except VolunteeringError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The request has been closed unfilled."))
    return redirect("volunteering:staff_request", pk=target.pk)


@staff_required
@require_POST
def hours_decide(request, pk):
    entry = get_object_or_404(HourEntry, pk=pk)
    form = forms.DecideForm(request.POST)
    if form.is_valid():
        try:
            services.hours_decide(
                actor=request.user,
                entry=entry,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            )
        except VolunteeringError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The decision has been saved."))
    else:
        messages.error(request, _("Choose approve or reject."))
    return redirect("volunteering:coordination")


@staff_required
def fees(request):
    tier_form = forms.FeeTierForm(request.POST if "tier" in request.POST else None)
    travel_form = forms.TravelRuleForm(request.POST if "travel" in request.POST else None)
    if request.method == "POST":
        form, save = (
            (tier_form, services.fee_tier_create)
            if "tier" in request.POST
            else (travel_form, services.travel_rule_set)
        )
        if form.is_valid():
            try:
                save(actor=request.user, **form.cleaned_data)
            except VolunteeringError as error:
                add_error_to_form(form, error)
            else:
                messages.success(request, _("The fee rule has been saved."))
                return redirect("volunteering:fees")
    organisations = selectors.requester_organisations(request.user)
    return render(
        request,
        "volunteering/fees.html",
        {
            "tiers": list(FeeTier.objects.all()),
            "travel_rules": list(TravelRule.objects.all()),
            "tier_form": tier_form,
            "travel_form": travel_form,
            "month_form": forms.MonthForm(initial={"month": f"{_last_month():%Y-%m}"}),
            "statement_form": forms.StatementForm(
                organisations=organisations, initial={"month": f"{_last_month():%Y-%m}"}
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_required
def payment_list(request):
    form = forms.MonthForm(request.GET or {"month": f"{_last_month():%Y-%m}"})
    if not form.is_valid():
        return HttpResponse(" ".join(form.errors["month"]), status=400, content_type="text/plain")
    month = form.cleaned_data["month"]
    response = HttpResponse(reports.payment_list_csv(month), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="maksulista-{month:%Y-%m}.csv"'
    return response


@staff_required
def figures(request):
    today = clock.today()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, 2000), today.year + 1)
    from datetime import date

    return render(
        request,
        "volunteering/figures.html",
        {
            "figures": reports.figures(date(year, 1, 1), date(year, 12, 31)),
            "year": year,
        },
    )

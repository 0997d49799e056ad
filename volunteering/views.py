"""Volunteering pages: the person's own (profile, experience areas with consent, open
tasks, offers, tasks and hours), the requester's (asking for people, their requests,
confirming hours, the fee statement) and the coordinators' (staff: approving profiles,
suggestions and offers, approving hours, fees, the payment list, the funder figures).
Another organisation's request, task or hours answers 404."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import clock
from core.access import is_staff, staff_required
from core.errors import add_error_to_form
from core.pagination import paginate
from core.reports import render_report_page, report_file_response, report_requested_message

from . import forms, matching, reports, selectors, services
from .errors import VolunteeringError
from .models import (
    Assignment,
    FeeTier,
    HourEntry,
    Offer,
    Profile,
    Report,
    Request,
    TravelRule,
)

PAGE_SIZE = 25


def _last_month():
    return clock.today().replace(day=1) - timedelta(days=1)


# --- The person's pages ------------------------------------------------------------------


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


# --- The requester's pages ---------------------------------------------------------------


def _requester_only(user):
    organisations = selectors.requester_organisations(user)
    if not (is_staff(user) or organisations.exists()):
        raise Http404
    return organisations


@login_required
def request_create(request):
    organisations = _requester_only(request.user)
    initial = {"place": Request.Place.ONLINE, "is_public": True, "people_needed": 1}
    if not is_staff(request.user) and len(organisations) == 1:
        initial["organisation"] = organisations[0]
    form = forms.RequestForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        for name in ("day", "start_time", "end_time"):
            data.pop(name)
        try:
            created = services.request_create(actor=request.user, dates=form.dates(), **data)
        except PermissionDenied:
            form.add_error("organisation", _("You cannot ask for people for this organisation."))
        except VolunteeringError as error:
            add_error_to_form(form, error, field_map={"dates": "day"})
        else:
            messages.success(request, _("Your request has been sent to the coordinators."))
            return redirect("volunteering:request_detail", pk=created.pk)
    return render(
        request,
        "volunteering/request_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def my_requests(request):
    organisations = _requester_only(request.user)
    queryset = (
        selectors.requests_for_user(request.user)
        .filter(organisation__in=organisations)
        .select_related("organisation")
        .prefetch_related("dates")
        .annotate(
            agreed=Count("assignments", filter=Q(assignments__status=Assignment.Status.ACTIVE))
        )
        .order_by("-created_at", "pk")
    )
    statement_form = forms.StatementForm(
        organisations=organisations,
        initial={"month": f"{_last_month():%Y-%m}", "organisation": organisations.first()},
    )
    return render(
        request,
        "volunteering/my_requests.html",
        {**paginate(request, queryset, PAGE_SIZE), "statement_form": statement_form},
    )


@login_required
def request_detail(request, pk):
    """The requester's page of one request (staff see it too): the dates, the people
    agreed with their contact details, hours to confirm. Never experience areas."""
    target = get_object_or_404(
        selectors.requests_for_user(request.user).select_related("organisation", "room"), pk=pk
    )
    assignments = list(
        target.assignments.select_related("profile__user")
        .prefetch_related(Prefetch("hours", queryset=HourEntry.objects.order_by("date")))
        .order_by("status", "profile__name")
    )
    return render(
        request,
        "volunteering/request_detail.html",
        {
            "request_obj": target,
            "dates": list(target.dates.all()),
            "assignments": assignments,
            "may_manage": selectors.may_request_for(request.user, target.organisation),
        },
    )


@login_required
@require_POST
def request_cancel(request, pk):
    target = get_object_or_404(selectors.requests_for_user(request.user), pk=pk)
    try:
        services.request_close(actor=request.user, request=target, status=Request.Status.CANCELLED)
    except VolunteeringError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The request has been cancelled."))
    return redirect("volunteering:request_detail", pk=target.pk)


@login_required
@require_POST
def hours_confirm(request, pk):
    entry = get_object_or_404(
        selectors.hours_for_requester(request.user).select_related("assignment"), pk=pk
    )
    try:
        services.hours_confirm(actor=request.user, entry=entry)
    except VolunteeringError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The hours have been confirmed."))
    return redirect("volunteering:request_detail", pk=entry.assignment.request_id)


@login_required
@require_POST
def statement_request(request):
    organisations = _requester_only(request.user)
    form = forms.StatementForm(request.POST, organisations=organisations)
    if not form.is_valid():
        messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        return redirect("volunteering:my_requests")
    report = reports.report_request(
        actor=request.user,
        kind=Report.Kind.STATEMENT,
        language=get_language(),
        month=form.cleaned_data["month"],
        organisation=form.cleaned_data["organisation"],
    )
    report_requested_message(request, report)
    return redirect("volunteering:report_detail", pk=report.pk)


@login_required
def report_detail(request, pk):
    return render_report_page(
        request, selectors.reports_for_user(request.user), pk, "volunteering/report_detail.html"
    )


@login_required
def report_download(request, pk):
    return report_file_response(selectors.reports_for_user(request.user), pk)


# --- The coordinators' pages (staff) -----------------------------------------------------


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

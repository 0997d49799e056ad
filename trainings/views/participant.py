"""A participant's own pages: their enrolments (and those of the organisations they
represent) with cancel and offered places, feedback and the certificate. Another
person's or organisation's enrolment answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import clock
from core.errors import add_error_to_form
from core.pagination import paginate
from trainings import selectors, services
from trainings.certificates import certificate_filename, render_certificate_pdf
from trainings.errors import TrainingError
from trainings.forms import FeedbackForm
from trainings.models import Enrolment

#: ?nayta= of each tab of "My enrolments" (upcoming without it), as "My bookings" names its own.
GROUP_PARAMETERS = {"upcoming": "", "past": "menneet", "cancelled": "perutut"}
PER_PAGE = 20


@login_required
def my_enrolments(request):
    now = clock.now()
    represented = services.represented_ids(request.user)
    shown = {value: key for key, value in GROUP_PARAMETERS.items()}.get(
        request.GET.get("nayta", ""), "upcoming"
    )
    listed = selectors.listed_enrolments(request.user, now, represented=represented)
    counts = selectors.enrolment_group_counts(listed, now)
    paging = paginate(
        request, selectors.enrolment_group(listed, shown, now), PER_PAGE, count=counts[shown]
    )
    enrolments = list(paging["page_obj"].object_list)
    trainings = {e.training_id for e in enrolments if e.status == Enrolment.Status.WAITING}
    positions = selectors.waiting_positions(trainings)
    for enrolment in enrolments:
        enrolment.cancellable = services.may_cancel(
            request.user, enrolment, now=now, represented=represented
        )
        enrolment.position = positions.get(enrolment.pk)
        enrolment.is_own = enrolment.user_id == request.user.pk
    titles = {
        "upcoming": _("Upcoming"),
        "past": _("Past"),
        "cancelled": _("Cancelled and expired"),
    }
    groups = [
        {
            "key": key,
            "title": titles[key],
            "count": counts[key],
            "query": f"?nayta={GROUP_PARAMETERS[key]}" if GROUP_PARAMETERS[key] else "",
            "current": key == shown,
        }
        for key in selectors.ENROLMENT_GROUPS
    ]
    return render(
        request,
        "trainings/my_enrolments.html",
        {
            **paging,
            "enrolments": enrolments,
            "groups": groups,
            "shown": next(group for group in groups if group["current"]),
            "any_enrolments": any(counts.values()),
            "now": now,
        },
    )


def _scoped(request, pk):
    return get_object_or_404(selectors.enrolments_for_user(request.user), pk=pk)


@login_required
@require_POST
def enrolment_cancel(request, pk):
    enrolment = _scoped(request, pk)
    try:
        services.enrolment_cancel(actor=request.user, enrolment=enrolment)
    except PermissionDenied:
        raise Http404 from None
    except TrainingError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Enrolment cancelled: %(name)s, %(training)s.")
            % {"name": enrolment.name, "training": enrolment.training.title},
        )
    return redirect(request.POST.get("next") or "trainings:my_enrolments")


@login_required
@require_POST
def offer_accept(request, pk):
    enrolment = _scoped(request, pk)
    try:
        services.offer_accept(actor=request.user, enrolment=enrolment)
    except PermissionDenied:
        raise Http404 from None
    except TrainingError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The place is yours: your enrolment is confirmed."))
    return redirect("trainings:my_enrolments")


@login_required
def feedback(request, pk):
    enrolment = get_object_or_404(selectors.own_enrolments(request.user), pk=pk)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_submit(
                actor=request.user,
                enrolment=enrolment,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except TrainingError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect("trainings:my_enrolments")
    started = enrolment.training.sessions.filter(starts__lte=clock.now()).exists()
    return render(
        request,
        "trainings/feedback_form.html",
        {"enrolment": enrolment, "training": enrolment.training, "form": form, "started": started},
        status=400 if form.errors else 200,
    )


@login_required
def certificate(request, pk):
    """The participant's own certificate; anyone else (even a representative) gets 404."""
    enrolment = get_object_or_404(
        selectors.own_enrolments(request.user).filter(certificate__isnull=False), pk=pk
    )
    pdf = render_certificate_pdf(enrolment.certificate)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{certificate_filename(enrolment.certificate)}"'
    )
    return response

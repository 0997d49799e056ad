"""Public training pages: the catalogue with filters, and a training with its sessions
and the enrolment form (enrolling needs an account)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import clock, pagecache
from core.access import is_staff
from core.errors import add_error_to_form
from core.pagination import paginate
from facilities import selectors as facility_selectors
from trainings import selectors, services
from trainings.errors import TrainingError
from trainings.filters import TrainingFilter
from trainings.forms import EnrolForm
from trainings.models import Enrolment, Training


@pagecache.public_page("trainings")
def catalogue(request):
    data = request.GET.copy()
    data.setdefault("upcoming", "yes")
    filterset = TrainingFilter(data, queryset=selectors.catalogue())
    trainings = filterset.qs.order_by("first_start", "pk") if filterset.is_valid() else []
    paging = paginate(request, trainings, 20)
    page = paging["page_obj"]
    for training in page.object_list:
        training.places_left = max(training.capacity - training.confirmed_count, 0)
    return render(
        request,
        "trainings/catalogue.html",
        {
            "filter": filterset,
            "form": filterset.form,
            "is_filtered": any(request.GET.get(name) for name in filterset.filters),
            **paging,
            "trainings": page.object_list,
            "now": clock.now(),
        },
    )


def _enrol_forms(request, data=None):
    """The form to enrol oneself (with one's own name filled in) and, for a
    representative, a separate one to enrol a person of an organisation, empty: it is
    someone else's name that goes there. Posted data binds the one it came from."""
    organisations = None
    if request.user.is_authenticated:
        # Staff may enrol for any organisation, a representative for their own.
        organisations = facility_selectors.bookable_organisations(request.user)
    represents = organisations is not None and organisations.exists()
    for_other = represents and data is not None and bool(data.get("organisation"))
    initial = {}
    if request.user.is_authenticated:
        initial["name"] = request.user.get_full_name()
    own = EnrolForm(None if for_other else data, initial=initial)
    other = None
    if represents:
        other = EnrolForm(
            data if for_other else None, organisations=organisations, auto_id="other_%s"
        )
        field = other.fields["organisation"]
        field.required, field.empty_label = True, None
        field.label = _("Organisation")
        field.help_text = ""
        other.fields["email"].help_text = _("The participant's own address.")
    return own, other


def _detail_context(request, training, forms):
    now = clock.now()
    own = []
    if request.user.is_authenticated:
        own = list(
            selectors.enrolments_for_user(request.user)
            .filter(training=training)
            .exclude(status=Enrolment.Status.CANCELLED)
        )
    return {
        "training": training,
        "sessions": training.sessions.all(),
        "places_left": max(training.capacity - training.confirmed_count, 0),
        "enrolment_open": training.enrolment_is_open(now),
        "enrolment_not_yet": now < training.enrolment_opens,
        "form": forms[0],
        "other_form": forms[1],
        "own_enrolments": own,
        "may_manage": is_staff(request.user),
        "may_mark": training.status in (Training.Status.PUBLISHED, Training.Status.COMPLETED)
        and services.may_mark_attendance(request.user, training),
    }


def detail(request, pk):
    training = get_object_or_404(selectors.trainings_for_user(request.user), pk=pk)
    return render(
        request, "trainings/detail.html", _detail_context(request, training, _enrol_forms(request))
    )


@login_required
@require_POST
def enrol(request, pk):
    training = get_object_or_404(selectors.trainings_for_user(request.user), pk=pk)
    forms = _enrol_forms(request, request.POST)
    form = forms[1] if forms[1] is not None and forms[1].is_bound else forms[0]
    if form.is_valid():
        data = form.cleaned_data
        try:
            enrolment = services.enrolment_create(
                actor=request.user,
                training=training,
                name=data["name"],
                email=data.get("email") or "",
                needs=data["needs"],
                organisation=data.get("organisation"),
                language=get_language(),
            )
        except PermissionDenied:
            form.add_error("organisation", _("You cannot enrol people of this organisation."))
        except TrainingError as error:
            # Enrolling oneself, the address is one's own and has no field on the form.
            own = data.get("organisation") is None
            add_error_to_form(form, error, {"email": None} if own else None)
        else:
            if enrolment.status == Enrolment.Status.CONFIRMED:
                messages.success(
                    request,
                    _("Enrolled: %(name)s. A confirmation is on its way by email.")
                    % {"name": enrolment.name},
                )
            else:
                messages.warning(
                    request,
                    _("The training is full: %(name)s is on the waiting list, number %(position)s.")
                    % {"name": enrolment.name, "position": services.waiting_position(enrolment)},
                )
            return redirect("trainings:my_enrolments")
    context = _detail_context(request, training, forms)
    return render(request, "trainings/detail.html", context, status=400)

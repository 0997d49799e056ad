"""Staff pages of trainings: the list, one training's enrolments and waiting list with
its sessions and actions, attendance (online and printable, also for the training's
trainers), the feedback summary and the reports as CSV and PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import is_staff, staff_required
from core.clock import local_datetime
from core.errors import add_error_to_form
from facilities.errors import BookingError
from trainings import reports, selectors, services
from trainings.errors import TrainingError
from trainings.forms import SessionForm
from trainings.models import Enrolment, Session, Training


@login_required
def staff_list(request):
    """Staff see every training; a trainer the ones whose attendance they mark."""
    trainings = (
        selectors.trainings_to_mark(request.user)
        if not is_staff(request.user)
        else Training.objects.all()
    )
    trainings = (
        trainings.with_dates()
        .with_counts()
        .select_related("programme")
        .order_by("-first_start", "pk")
    )
    if not is_staff(request.user) and not trainings.exists():
        raise Http404
    return render(
        request,
        "trainings/staff_list.html",
        {"trainings": trainings[:200], "staff": is_staff(request.user)},
    )


def _training(pk):
    return get_object_or_404(
        Training.objects.with_counts().select_related("programme", "organiser"), pk=pk
    )


def _manage_context(training, session_form=None):
    enrolments = list(
        training.enrolments.select_related("organisation", "certificate").order_by(
            "waiting_since", "created_at", "pk"
        )
    )
    groups = {status: [] for status in Enrolment.Status.values}
    for enrolment in enrolments:
        groups[enrolment.status].append(enrolment)
    return {
        "training": training,
        "sessions": training.sessions.select_related("room__site", "booking"),
        "confirmed": groups["confirmed"],
        "offered": groups["offered"],
        "waiting": groups["waiting"],
        "ended": groups["cancelled"] + groups["expired"],
        "session_form": session_form or SessionForm(),
        "staff_rule": training.certificate_rule == Training.CertificateRule.STAFF,
    }


@staff_required
def manage(request, pk):
    training = _training(pk)
    return render(request, "trainings/manage.html", _manage_context(training))


@staff_required
@require_POST
def session_add(request, pk):
    training = _training(pk)
    form = SessionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.session_create(
                actor=request.user,
                training=training,
                starts=local_datetime(data["date"], data["start_time"]),
                ends=local_datetime(data["date"], data["end_time"]),
                room=data["room"],
                online_url=data["online_url"],
                language=get_language(),
            )
        except (TrainingError, BookingError) as error:
            add_error_to_form(
                form,
                error,
                {
                    "start": "start_time",
                    "end": "end_time",
                    "ends": "end_time",
                    "attendees": "room",
                    "organisation": "room",
                },
            )
        else:
            messages.success(request, _("The session was added."))
            return redirect("trainings:manage", pk=training.pk)
    return render(request, "trainings/manage.html", _manage_context(training, form), status=400)


ACTIONS = {
    "publish": (services.training_publish, gettext_lazy("The training is published.")),
    "cancel": (services.training_cancel, gettext_lazy("The training is cancelled.")),
    "complete": (services.training_complete, gettext_lazy("The training is marked completed.")),
}


@staff_required
@require_POST
def training_action(request, pk):
    training = _training(pk)
    action = ACTIONS.get(request.POST.get("action"))
    if action is None:
        raise Http404
    service, done = action
    try:
        service(actor=request.user, training=training)
    except (TrainingError, BookingError) as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("trainings:manage", pk=training.pk)


@staff_required
@require_POST
def certificate_issue(request, pk):
    enrolment = get_object_or_404(Enrolment.objects.select_related("training"), pk=pk)
    try:
        services.certificate_issue(actor=request.user, enrolment=enrolment)
    except TrainingError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Certificate issued: %(name)s.") % {"name": enrolment.name})
    return redirect("trainings:manage", pk=enrolment.training_id)


def _session_to_mark(request, pk) -> Session:
    return get_object_or_404(
        Session.objects.select_related("training", "room__site").filter(
            training__in=selectors.trainings_to_mark(request.user)
        ),
        pk=pk,
    )


@login_required
def attendance(request, pk):
    session = _session_to_mark(request, pk)
    training = session.training
    error = None
    if request.method == "POST":
        try:
            services.attendance_mark(
                actor=request.user,
                session=session,
                present_ids=request.POST.getlist("present"),
            )
        except (TrainingError, ValueError) as exc:
            error = " ".join(getattr(exc, "messages", [str(_("Choose from the list."))]))
        else:
            messages.success(request, _("Attendance saved."))
            return redirect("trainings:attendance", pk=session.pk)
    participants = list(
        training.enrolments.confirmed().select_related("organisation").order_by("name", "pk")
    )
    marks = {a.enrolment_id: a.present for a in session.attendance.all()}
    for participant in participants:
        participant.mark = marks.get(participant.pk)
    return render(
        request,
        "trainings/attendance.html",
        {
            "session": session,
            "training": training,
            "participants": participants,
            "marked": bool(marks),
            "error": error,
            "sessions": training.sessions.all(),
        },
        status=400 if error else 200,
    )


@login_required
def attendance_print(request, pk):
    session = _session_to_mark(request, pk)
    participants = (
        session.training.enrolments.confirmed()
        .select_related("organisation")
        .order_by("name", "pk")
    )
    return render(
        request,
        "trainings/attendance_print.html",
        {"session": session, "training": session.training, "participants": participants},
    )


@staff_required
def feedback_summary(request, pk):
    training = _training(pk)
    return render(
        request,
        "trainings/feedback_summary.html",
        {"training": training, "summary": reports.feedback_summary(training)},
    )


@staff_required
def report(request, pk, kind, extension):
    training = _training(pk)
    if kind not in reports.KINDS or extension not in ("csv", "pdf"):
        raise Http404
    if extension == "csv":
        response = HttpResponse(
            reports.report_csv(training, kind), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            reports.report_pdf(training, kind, get_language()), content_type="application/pdf"
        )
    filename = reports.report_filename(training, kind, extension)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

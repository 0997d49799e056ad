"""Residents' feedback pages: the public form behind the short link (and the QR code),
and for staff the list of forms, a form with its statements, its answers with each
statement's figures, the link from a statement to an indicator and the measurement
recorded from its answers, and the printable poster."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import staff_required
from core.errors import add_error_to_form
from core.pagination import paginate

from . import exports, feedback, feedback_authoring, selectors
from .authoring_views import _save_form
from .errors import ParticipationError
from .forms import (
    FeedbackAnswerForm,
    FeedbackFormForm,
    StatementIndicatorForm,
    StatementMeasurementForm,
    indicator_choices,
)
from .models import FeedbackForm, FeedbackStatement


def _session_key(request) -> str:
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key


def feedback_form(request, code):
    form_obj = get_object_or_404(FeedbackForm, code=code)
    statements = list(form_obj.statements.all())
    form = FeedbackAnswerForm(request.POST or None, feedback_form=form_obj, statements=statements)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                feedback.feedback_answer(
                    actor=request.user,
                    session_key=_session_key(request),
                    form=form_obj,
                    ratings=form.ratings(),
                    text=form.cleaned_data["text"],
                    language=get_language(),
                )
            except ParticipationError as error:
                add_error_to_form(form, error)
            else:
                messages.success(request, _("Thank you for your feedback!"))
                return redirect("participation:feedback", code)
    return render(
        request,
        "participation/feedback_form.html",
        {"feedback_form": form_obj, "form": form},
        status=status,
    )


@staff_required
def feedback_list(request):
    return render(
        request,
        "participation/staff/feedback_list.html",
        paginate(request, selectors.feedback_forms(), 30),
    )


def _form_page(request, feedback_form):
    form = FeedbackFormForm(request.POST or None, feedback_form=feedback_form)
    saved = _save_form(
        request,
        form,
        lambda f: feedback_authoring.feedback_form_save(
            actor=request.user, feedback_form=feedback_form, **f.data_for_service()
        ),
        _("The feedback form was saved."),
    )
    if saved:
        return redirect("participation:feedback_answers", saved.pk)
    return render(
        request,
        "participation/staff/feedback_edit.html",
        {"form": form, "feedback_form": feedback_form},
        status=400 if request.method == "POST" else 200,
    )


@staff_required
def feedback_create(request):
    return _form_page(request, None)


@staff_required
def feedback_edit(request, pk):
    return _form_page(
        request,
        get_object_or_404(FeedbackForm.objects.prefetch_related("statements"), pk=pk),
    )


@staff_required
@require_POST
def feedback_close(request, pk):
    form_obj = get_object_or_404(FeedbackForm, pk=pk)
    feedback_authoring.feedback_form_close(actor=request.user, feedback_form=form_obj)
    messages.success(request, _("The feedback form no longer takes answers."))
    return redirect("participation:feedback_answers", pk)


def _answers_page(request, pk, *, bound=None, status=200):
    """The form's figures by statement and its answers; ``bound`` is (statement id,
    form) for a statement's form that came back with errors."""
    form_obj = get_object_or_404(FeedbackForm.objects.select_related("place", "event"), pk=pk)
    statements = selectors.feedback_statement_figures(form_obj)
    choices = indicator_choices()
    for statement in statements:
        statement.link_form = StatementIndicatorForm(
            prefix=f"s{statement.pk}",
            initial={"indicator": statement.indicator_id},
            indicator_choices=choices,
        )
        statement.measurement_form = StatementMeasurementForm(prefix=f"m{statement.pk}")
        if bound and bound[0] == statement.pk:
            if isinstance(bound[1], StatementIndicatorForm):
                statement.link_form = bound[1]
            else:
                statement.measurement_form = bound[1]
    return render(
        request,
        "participation/staff/feedback_answers.html",
        {
            "feedback_form": form_obj,
            "statements": statements,
            "answer_count": form_obj.answers.count(),
            "url": feedback.short_url(form_obj),
            **paginate(request, selectors.feedback_answers(form_obj), 30),
        },
        status=status,
    )


@staff_required
def feedback_answers(request, pk):
    return _answers_page(request, pk)


@staff_required
@require_POST
def statement_link(request, pk):
    statement = get_object_or_404(FeedbackStatement, pk=pk)
    form = StatementIndicatorForm(request.POST, prefix=f"s{statement.pk}")
    if form.is_valid():
        feedback_authoring.statement_link(
            actor=request.user, statement=statement, indicator=form.cleaned_data["indicator"]
        )
        messages.success(request, _("The statement's indicator was saved."))
        return redirect("participation:feedback_answers", statement.form_id)
    return _answers_page(request, statement.form_id, bound=(statement.pk, form), status=400)


@staff_required
@require_POST
def statement_measurement(request, pk):
    statement = get_object_or_404(FeedbackStatement, pk=pk)
    form = StatementMeasurementForm(request.POST, prefix=f"m{statement.pk}")
    if form.is_valid():
        try:
            feedback_authoring.statement_measurement_record(
                actor=request.user, statement=statement, **form.cleaned_data
            )
        except ParticipationError as error:
            add_error_to_form(form, error, field_map={"measured_on": "ends_on"})
        else:
            messages.success(request, _("The measurement was saved."))
            return redirect("participation:feedback_answers", statement.form_id)
    return _answers_page(request, statement.form_id, bound=(statement.pk, form), status=400)


@staff_required
def feedback_poster(request, pk):
    form_obj = get_object_or_404(FeedbackForm, pk=pk)
    pdf = feedback.poster_pdf(form_obj, language=get_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="feedback-poster-{form_obj.pk}.pdf"'
    return response


@staff_required
def feedback_xlsx(request, pk):
    """Every answer of the form as an XLSX sheet (participation.exports)."""
    form_obj = get_object_or_404(FeedbackForm, pk=pk)
    response = HttpResponse(exports.feedback_xlsx(form_obj), content_type=exports.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="palaute-{form_obj.pk}.xlsx"'
    return response

"""Residents' feedback pages: the public form behind the short link (and the QR code),
and for staff the list of forms with their answers and the printable poster."""

from django.contrib import messages
from django.db.models import Avg, Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.access import staff_required
from core.errors import add_error_to_form
from core.pagination import paginate

from . import feedback
from .errors import ParticipationError
from .forms import FeedbackAnswerForm
from .models import FeedbackForm


def _session_key(request) -> str:
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key


def feedback_form(request, code):
    form_obj = get_object_or_404(FeedbackForm, code=code)
    form = FeedbackAnswerForm(request.POST or None, feedback_form=form_obj)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                feedback.feedback_answer(
                    actor=request.user,
                    session_key=_session_key(request),
                    form=form_obj,
                    rating=form.cleaned_data["rating"],
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
    forms = FeedbackForm.objects.select_related("place", "event").annotate(
        answer_count=Count("answers"), average=Avg("answers__rating")
    )
    return render(request, "participation/staff/feedback_list.html", paginate(request, forms, 30))


@staff_required
def feedback_answers(request, pk):
    form_obj = get_object_or_404(
        FeedbackForm.objects.annotate(
            answer_count=Count("answers"), average=Avg("answers__rating")
        ),
        pk=pk,
    )
    by_rating = dict(
        form_obj.answers.values_list("rating").annotate(n=Count("pk")).order_by("rating")
    )
    return render(
        request,
        "participation/staff/feedback_answers.html",
        {
            "feedback_form": form_obj,
            "url": feedback.short_url(form_obj),
            "by_rating": [(n, by_rating.get(n, 0)) for n in range(1, 6)],
            **paginate(request, form_obj.answers.all(), 30),
        },
    )


@staff_required
def feedback_poster(request, pk):
    form_obj = get_object_or_404(FeedbackForm, pk=pk)
    pdf = feedback.poster_pdf(form_obj, language=get_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="feedback-poster-{form_obj.pk}.pdf"'
    return response

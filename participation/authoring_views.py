"""Staff pages that write consultations: the list of every consultation (drafts too),
a consultation's fields, its sections and its polls. Thin: a form, one service call,
the service's error next to its field."""

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.access import staff_required
from core.errors import add_error_to_form
from core.pagination import paginate

from . import authoring
from .errors import ParticipationError
from .forms import ConsultationForm, PollForm, SectionForm
from .models import Consultation, Poll, PollOption, Section


@staff_required
def consultation_admin_list(request):
    consultations = Consultation.objects.annotate(
        section_count=Count("sections", distinct=True),
        comment_count=Count("sections__comments", distinct=True),
    ).order_by("-opens_at", "pk")
    return render(
        request,
        "participation/staff/consultation_list.html",
        paginate(request, consultations, 30),
    )


def _save_form(request, form, save, success_message):
    """Validate the form, call the service; the saved object or None (form has errors)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        saved = save(form)
    except ParticipationError as error:
        add_error_to_form(form, error)
        return None
    messages.success(request, success_message)
    return saved


def _consultation_fields(form):
    return {name: form.cleaned_data[name] for name in authoring.CONSULTATION_FIELDS}


@staff_required
def consultation_create(request):
    form = ConsultationForm(request.POST or None)
    saved = _save_form(
        request,
        form,
        lambda f: authoring.consultation_save(actor=request.user, **_consultation_fields(f)),
        _("The consultation was saved. Add its sections next."),
    )
    if saved:
        return redirect("participation:edit", saved.pk)
    return render(
        request,
        "participation/staff/consultation_form.html",
        {"form": form, "consultation": None},
        status=400 if request.method == "POST" else 200,
    )


@staff_required
def consultation_edit(request, pk):
    consultation = get_object_or_404(
        Consultation.objects.prefetch_related(
            Prefetch(
                "sections",
                queryset=Section.objects.prefetch_related(
                    Prefetch("polls", queryset=Poll.objects.annotate(answer_count=Count("answers")))
                ),
            )
        ),
        pk=pk,
    )
    form = ConsultationForm(request.POST or None, instance=Consultation.objects.get(pk=pk))
    saved = _save_form(
        request,
        form,
        lambda f: authoring.consultation_save(
            actor=request.user, consultation=consultation, **_consultation_fields(f)
        ),
        _("The consultation was saved."),
    )
    if saved:
        return redirect("participation:edit", pk)
    return render(
        request,
        "participation/staff/consultation_form.html",
        {"form": form, "consultation": consultation},
        status=400 if request.method == "POST" else 200,
    )


def _section_fields(form):
    return {name: form.cleaned_data[name] for name in authoring.SECTION_FIELDS}


@staff_required
def section_create(request, pk):
    consultation = get_object_or_404(Consultation, pk=pk)
    form = SectionForm(
        request.POST or None,
        initial={"order": consultation.sections.count() + 1},
        instance=Section(consultation=consultation),
    )
    saved = _save_form(
        request,
        form,
        lambda f: authoring.section_save(
            actor=request.user, consultation=consultation, **_section_fields(f)
        ),
        _("The section was saved."),
    )
    if saved:
        return redirect("participation:edit", consultation.pk)
    return render(
        request,
        "participation/staff/section_form.html",
        {"form": form, "consultation": consultation, "section": None},
        status=400 if request.method == "POST" else 200,
    )


@staff_required
def section_edit(request, pk):
    section = get_object_or_404(Section.objects.select_related("consultation"), pk=pk)
    consultation = section.consultation
    form = SectionForm(request.POST or None, instance=Section.objects.get(pk=pk))
    saved = _save_form(
        request,
        form,
        lambda f: authoring.section_save(
            actor=request.user, consultation=consultation, section=section, **_section_fields(f)
        ),
        _("The section was saved."),
    )
    if saved:
        return redirect("participation:edit", consultation.pk)
    return render(
        request,
        "participation/staff/section_form.html",
        {"form": form, "consultation": consultation, "section": section},
        status=400 if request.method == "POST" else 200,
    )


def _poll_page(request, section, poll):
    initial = PollForm.initial_for(poll) if poll else None
    form = PollForm(request.POST or None, initial=initial)
    saved = _save_form(
        request,
        form,
        lambda f: authoring.poll_save(
            actor=request.user, section=section, poll=poll, **f.data_for_service()
        ),
        _("The poll was saved."),
    )
    if saved:
        return redirect("participation:edit", section.consultation_id)
    return render(
        request,
        "participation/staff/poll_form.html",
        {
            "form": form,
            "section": section,
            "consultation": section.consultation,
            "poll": poll,
            "answered": poll is not None and poll.answers.exists(),
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_required
def poll_create(request, pk):
    section = get_object_or_404(Section.objects.select_related("consultation"), pk=pk)
    return _poll_page(request, section, None)


@staff_required
def poll_edit(request, pk):
    poll = get_object_or_404(
        Poll.objects.select_related("section__consultation").prefetch_related(
            Prefetch("options", queryset=PollOption.objects.order_by("order", "pk"))
        ),
        pk=pk,
    )
    return _poll_page(request, poll.section, poll)

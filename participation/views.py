"""Participation pages: the public consultations (list, detail with sections, comments and
polls, results) and their forms (comment, reply, vote, flag, poll answer), and the staff
pages: moderation (hide with a reason, pin, close), workshops and their comment import.
A consultation that is not published answers 404 on the public pages."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import staff_required
from core.errors import add_error_to_form
from core.pagination import paginate

from . import exports, importing, selectors, services
from .errors import ParticipationError
from .forms import CommentForm, HideForm, ImportForm, WorkshopForm, municipality_choices
from .models import Comment, Consultation, Goal, Poll, Section, Theme, Workshop

PAGE_SIZE = 20


def _session_key(request) -> str:
    """The browser session's key, created when the visitor has none yet."""
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key


def _error_text(error: ParticipationError) -> str:
    return " ".join(message for msgs in error.errors_by_field.values() for message in msgs)


# --- Public pages ----------------------------------------------------------------------


def consultation_list(request):
    consultations = selectors.public_consultations().order_by("-opens_at", "pk")
    return render(
        request,
        "participation/consultation_list.html",
        paginate(request, consultations, PAGE_SIZE),
    )


def _detail(request, consultation_pk, *, forms=None, status=200):
    consultation = get_object_or_404(
        selectors.consultation_with_sections(Consultation.objects.filter(is_published=True)),
        pk=consultation_pk,
    )
    forms = forms or {}
    may = services.may_comment(actor=request.user, consultation=consultation)
    sections = list(consultation.sections.all())
    choices = municipality_choices() if may and consultation.is_open else None
    for section in sections:
        section.form = forms.get(section.pk) or CommentForm(
            prefix=f"s{section.pk}",
            show_names=consultation.show_names,
            initial={"language": get_language()},
            municipality_choices=choices,
        )
    return render(
        request,
        "participation/consultation_detail.html",
        {"consultation": consultation, "sections": sections, "may_comment": may},
        status=status,
    )


def consultation_detail(request, pk):
    return _detail(request, pk)


@require_POST
def comment_create(request, pk):
    section = get_object_or_404(
        Section.objects.select_related("consultation"), pk=pk, consultation__is_published=True
    )
    consultation = section.consultation
    form = CommentForm(request.POST, prefix=f"s{section.pk}", show_names=consultation.show_names)
    if form.is_valid():
        data = form.cleaned_data
        parent = None
        if data.get("parent"):
            parent = Comment.objects.filter(pk=data["parent"], section=section).first()
            if parent is None:
                form.add_error(None, _("The comment you replied to was not found."))
        if parent is not None or not data.get("parent"):
            try:
                comment = services.comment_create(
                    actor=request.user,
                    session_key=_session_key(request),
                    section=section,
                    text=data["text"],
                    name=data.get("name", ""),
                    municipality=data["municipality"],
                    language=data["language"],
                    parent=parent,
                )
            except ParticipationError as error:
                add_error_to_form(form, error)
            else:
                messages.success(request, _("Thank you, your comment was saved."))
                return redirect(
                    reverse("participation:detail", args=[consultation.pk])
                    + f"#comment-{comment.pk}"
                )
    return _detail(request, consultation.pk, forms={section.pk: form}, status=400)


def _public_comment(pk):
    return get_object_or_404(
        Comment.objects.select_related("section__consultation"),
        pk=pk,
        section__consultation__is_published=True,
    )


def _back_to(comment):
    return redirect(
        reverse("participation:detail", args=[comment.section.consultation_id])
        + f"#comment-{comment.pk}"
    )


@require_POST
def comment_vote(request, pk):
    comment = _public_comment(pk)
    try:
        services.comment_vote(
            actor=request.user, session_key=_session_key(request), comment=comment
        )
    except ParticipationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Your vote was counted."))
    return _back_to(comment)


@require_POST
def comment_flag(request, pk):
    comment = _public_comment(pk)
    try:
        services.comment_flag(
            actor=request.user, session_key=_session_key(request), comment=comment
        )
    except ParticipationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Thank you. The moderators will look at the comment."))
    return _back_to(comment)


@require_POST
def poll_answer(request, pk):
    poll = get_object_or_404(
        Poll.objects.select_related("section"), pk=pk, section__consultation__is_published=True
    )
    try:
        services.poll_answer(
            actor=request.user,
            session_key=_session_key(request),
            poll=poll,
            option_ids=request.POST.getlist("options"),
        )
    except ParticipationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Thank you for your answer."))
    return redirect(
        reverse("participation:detail", args=[poll.section.consultation_id]) + f"#poll-{poll.pk}"
    )


def results(request, pk):
    consultation = get_object_or_404(
        selectors.consultation_with_sections(Consultation.objects.filter(is_published=True)),
        pk=pk,
    )
    return render(
        request,
        "participation/results.html",
        {"consultation": consultation, **selectors.results(consultation)},
    )


# --- Staff pages -----------------------------------------------------------------------


@staff_required
def moderation(request, pk):
    consultation = get_object_or_404(
        selectors.consultation_with_sections(Consultation.objects.all(), staff=True), pk=pk
    )
    flagged = (
        Comment.objects.filter(section__consultation=consultation)
        .annotate(open_flags=Count("flags", filter=Q(flags__handled_at=None)))
        .filter(open_flags__gt=0)
        .select_related("section")
        .order_by("-open_flags", "created_at")
    )
    return render(
        request,
        "participation/moderation.html",
        {
            "consultation": consultation,
            "sections": consultation.sections.all(),
            "flagged": flagged,
            "workshops": consultation.workshops.select_related("municipality").annotate(
                comment_count=Count("comments")
            ),
            "hide_form": HideForm(),
            "reports": consultation.reports.order_by("-created_at")[:5],
        },
    )


@staff_required
def comments_xlsx(request, pk):
    """Every comment of the consultation as an XLSX sheet (participation.exports)."""
    consultation = get_object_or_404(Consultation, pk=pk)
    response = HttpResponse(exports.comments_xlsx(consultation), content_type=exports.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="kommentit-{consultation.pk}.xlsx"'
    return response


def _staff_comment(pk):
    return get_object_or_404(Comment.objects.select_related("section"), pk=pk)


def _to_moderation(comment):
    return redirect(
        reverse("participation:moderation", args=[comment.section.consultation_id])
        + f"#comment-{comment.pk}"
    )


@staff_required
@require_POST
def comment_hide(request, pk):
    comment = _staff_comment(pk)
    form = HideForm(request.POST)
    form.is_valid()
    try:
        services.comment_hide(
            actor=request.user, comment=comment, reason=form.cleaned_data.get("reason", "")
        )
    except ParticipationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The comment was hidden."))
    return _to_moderation(comment)


@staff_required
@require_POST
def comment_unhide(request, pk):
    comment = _staff_comment(pk)
    services.comment_unhide(actor=request.user, comment=comment)
    messages.success(request, _("The comment is shown again."))
    return _to_moderation(comment)


@staff_required
@require_POST
def comment_pin(request, pk):
    comment = _staff_comment(pk)
    try:
        services.comment_pin(
            actor=request.user, comment=comment, pinned=request.POST.get("pinned") != "0"
        )
    except ParticipationError as error:
        messages.error(request, _error_text(error))
    return _to_moderation(comment)


@staff_required
@require_POST
def flags_dismiss(request, pk):
    comment = _staff_comment(pk)
    services.flags_dismiss(actor=request.user, comment=comment)
    messages.success(request, _("The comment was kept as it is."))
    return _to_moderation(comment)


@staff_required
@require_POST
def consultation_close(request, pk):
    consultation = get_object_or_404(Consultation, pk=pk)
    try:
        services.consultation_close(actor=request.user, consultation=consultation)
    except ParticipationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The consultation was closed."))
    return redirect("participation:moderation", consultation.pk)


@staff_required
def workshop_create(request, pk):
    consultation = get_object_or_404(Consultation, pk=pk)
    form = WorkshopForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                workshop = services.workshop_create(
                    actor=request.user, consultation=consultation, **form.cleaned_data
                )
            except ParticipationError as error:
                add_error_to_form(form, error)
            else:
                messages.success(request, _("The workshop was saved."))
                return redirect("participation:workshop_import", workshop.pk)
        status = 400
    return render(
        request,
        "participation/workshop_form.html",
        {"consultation": consultation, "form": form},
        status=status,
    )


@staff_required
def workshop_import(request, pk):
    workshop = get_object_or_404(
        Workshop.objects.select_related("consultation", "municipality"), pk=pk
    )
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                result = importing.comments_import(
                    actor=request.user,
                    workshop=workshop,
                    upload=form.cleaned_data["file"],
                    dry_run=form.cleaned_data["dry_run"],
                )
            except ParticipationError as error:
                add_error_to_form(form, error)
            else:
                if result.saved:
                    messages.success(
                        request,
                        _("%(count)d comments were saved.") % {"count": result.saved},
                    )
                    return redirect("participation:moderation", workshop.consultation_id)
                status = 200 if result.ok else 400
    return render(
        request,
        "participation/workshop_import.html",
        {
            "workshop": workshop,
            "form": form,
            "result": result,
            "columns": importing.COLUMNS,
        },
        status=status,
    )


@staff_required
def theme_coding(request, pk):
    """Staff code the consultation's comments with its themes, and see the counts."""
    consultation = get_object_or_404(Consultation, pk=pk)
    comments = (
        Comment.objects.filter(section__consultation=consultation, hidden_at=None)
        .select_related("section", "municipality", "workshop")
        .prefetch_related("themes", "goals")
        .order_by("section__order", "created_at", "pk")
    )
    return render(
        request,
        "participation/theme_coding.html",
        {
            "consultation": consultation,
            "all_themes": list(consultation.themes.all()),
            "all_goals": list(Goal.objects.all()),
            **paginate(request, comments, 50),
            **selectors.theme_counts(consultation),
        },
    )


@staff_required
@require_POST
def comment_code(request, pk):
    comment = _staff_comment(pk)
    consultation_id = comment.section.consultation_id
    ids = [int(i) for i in request.POST.getlist("themes") if i.isdigit()]
    themes = Theme.objects.filter(pk__in=ids)
    goal_ids = [int(i) for i in request.POST.getlist("goals") if i.isdigit()]
    try:
        services.comment_code(
            actor=request.user,
            comment=comment,
            themes=themes,
            goals=Goal.objects.filter(pk__in=goal_ids) if request.POST.get("goals_shown") else None,
        )
    except ParticipationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The comment's themes were saved."))
    page = request.POST.get("page", "")
    url = reverse("participation:themes", args=[consultation_id])
    return redirect(f"{url}?page={page}#comment-{comment.pk}" if page.isdigit() else url)

"""Every comment of a consultation as an XLSX sheet for staff: the material behind the
consultation report, for reading, coding and quoting elsewhere. Hidden comments are
included with the reason (staff see them on the moderation page too); the voter keys and
accounts are not. Likewise every answer of a feedback form, a column per statement."""

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from core.spreadsheets import XLSX_CONTENT_TYPE, xlsx_bytes

from .models import Comment, Consultation, FeedbackForm, FeedbackRating, Theme

CONTENT_TYPE = XLSX_CONTENT_TYPE


def comment_rows(consultation: Consultation) -> tuple[list[str], list[list]]:
    """The header and one row per comment, oldest first; a constant number of queries."""
    comments = (
        Comment.objects.filter(section__consultation=consultation)
        .select_related("section", "municipality", "workshop")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name")), "goals")
        .annotate(vote_count=Count("votes", distinct=True))
        .order_by("created_at", "pk")
    )
    header = [
        _("Number"),
        _("Section"),
        _("Reply to"),
        _("Comment"),
        _("Name"),
        _("Municipality"),
        _("Workshop"),
        _("Language"),
        _("Created"),
        _("Votes"),
        _("Themes"),
        _("Goals"),
        _("Pinned"),
        _("Hidden"),
        _("Reason for hiding"),
    ]
    rows = [
        [
            c.pk,
            c.section.title,
            c.parent_id or "",
            c.text,
            c.name,
            str(c.municipality) if c.municipality else "",
            str(c.workshop) if c.workshop else "",
            c.language,
            # Spreadsheets hold no time zones: the local time of the centre.
            timezone.localtime(c.created_at).replace(tzinfo=None),
            c.vote_count,
            ", ".join(t.name for t in c.themes.all()),
            ", ".join(g.title for g in c.goals.all()),
            _("yes") if c.is_pinned else "",
            timezone.localtime(c.hidden_at).replace(tzinfo=None) if c.hidden_at else "",
            c.hidden_reason,
        ]
        for c in comments
    ]
    return header, rows


def comments_xlsx(consultation: Consultation) -> bytes:
    header, rows = comment_rows(consultation)
    return xlsx_bytes(
        header,
        rows,
        sheet_title=_("Comments"),
        emphasise_header=True,
        datetime_format="d.m.yyyy h:mm",
    )


def feedback_rows(feedback_form: FeedbackForm) -> tuple[list[str], list[list]]:
    """The header (a column per statement) and one row per answer, oldest first: three
    queries. A statement an answer did not rate (added later) is left empty."""
    statements = list(feedback_form.statements.all())
    answers = feedback_form.answers.prefetch_related(
        Prefetch("ratings", queryset=FeedbackRating.objects.only("answer", "statement", "rating"))
    ).order_by("created_at", "pk")
    header = [
        _("Number"),
        _("Created"),
        _("Language"),
        *(s.text for s in statements),
        feedback_form.open_question,
    ]
    rows = []
    for answer in answers:
        ratings = {r.statement_id: r.rating for r in answer.ratings.all()}
        rows.append(
            [
                answer.pk,
                timezone.localtime(answer.created_at).replace(tzinfo=None),
                answer.language,
                *(ratings.get(s.pk, "") for s in statements),
                answer.text,
            ]
        )
    return header, rows


def feedback_xlsx(feedback_form: FeedbackForm) -> bytes:
    header, rows = feedback_rows(feedback_form)
    return xlsx_bytes(
        header,
        rows,
        sheet_title=_("Answers"),
        emphasise_header=True,
        datetime_format="d.m.yyyy h:mm",
    )

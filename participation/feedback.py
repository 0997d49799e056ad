"""Residents' feedback: answering a feedback form (a rating of each statement and free
text; the text is plain, no markup; rate-limited like comments under an advisory lock),
and the printable poster with the form's short link as a QR code (segno, SVG in the PDF
through core.pdf)."""

import segno
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core import clock
from core.links import absolute_url
from core.pdf import html_to_pdf

from .errors import ParticipationError
from .models import (
    FEEDBACK_TEXT_MAX_LENGTH,
    FeedbackAnswer,
    FeedbackForm,
    FeedbackRating,
    FeedbackStatement,
)
from .services import LANGUAGES, RATE_LIMIT_COMMENTS, RATE_LIMIT_WINDOW, plain_text, voter_key


def _check_rate(key: str):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"feedback:{key}"])
    since = clock.now() - RATE_LIMIT_WINDOW
    recent = FeedbackAnswer.objects.filter(author_key=key, created_at__gte=since).count()
    if recent >= RATE_LIMIT_COMMENTS:
        raise ParticipationError(
            _(
                "You have sent %(count)d answers in the last %(minutes)d minutes. "
                "Please wait a while before sending more."
            ),
            params={
                "count": RATE_LIMIT_COMMENTS,
                "minutes": int(RATE_LIMIT_WINDOW.total_seconds() // 60),
            },
        )


def _check_rating(statement: FeedbackStatement, value) -> int:
    try:
        rating = int(value)
    except (TypeError, ValueError):
        rating = None
    if rating is None or not 1 <= rating <= 5:
        raise ParticipationError(
            _("Choose a rating from 1 to 5 for the statement “%(statement)s”."),
            field=rating_field(statement),
            params={"statement": statement.text},
        )
    return rating


def rating_field(statement: FeedbackStatement) -> str:
    """The name of a statement's rating in the public form (and in errors)."""
    return f"rating_{statement.pk}"


@transaction.atomic
def feedback_answer(
    *,
    actor,
    session_key: str | None,
    form: FeedbackForm,
    ratings: dict,
    text: str = "",
    language="fi",
) -> FeedbackAnswer:
    """Save one answer to an active feedback form: a rating from 1 to 5 of each of its
    statements (``ratings`` maps a statement's id to its rating) and the free text."""
    form = FeedbackForm.objects.get(pk=form.pk)
    if not form.is_active:
        raise ParticipationError(_("This feedback form no longer takes answers."))
    statements = list(form.statements.all())
    if not statements:
        raise ParticipationError(_("This feedback form has no statements yet."))
    checked = [(s, _check_rating(s, ratings.get(s.pk))) for s in statements]
    text = plain_text(text)
    if len(text) > FEEDBACK_TEXT_MAX_LENGTH:
        raise ParticipationError(
            _("An answer can be at most %(max)d characters long; this one has %(length)d."),
            field="text",
            params={"max": FEEDBACK_TEXT_MAX_LENGTH, "length": len(text)},
        )
    if language not in LANGUAGES:
        language = "fi"
    key = voter_key(actor=actor, session_key=session_key)
    _check_rate(key)
    answer = FeedbackAnswer.objects.create(form=form, text=text, language=language, author_key=key)
    FeedbackRating.objects.bulk_create(
        FeedbackRating(answer=answer, statement=statement, rating=rating)
        for statement, rating in checked
    )
    return answer


def short_url(form: FeedbackForm) -> str:
    """The form's address for the poster, from SITE_URL."""
    with translation.override("fi"):
        return absolute_url(reverse("participation:feedback", args=[form.code]))


def qr_svg_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=10, border=2)


def poster_pdf(form: FeedbackForm, *, language: str = "fi") -> bytes:
    """An A4 poster: the form's title and open question, the QR code and the short
    link."""
    url = short_url(form)
    with translation.override(language):
        html = render_to_string(
            "pdf/participation/feedback_poster.html",
            {
                "form": form,
                "url": url,
                "qr": qr_svg_data_uri(url),
                "generated_at": clock.now(),
            },
        )
    return html_to_pdf(html)

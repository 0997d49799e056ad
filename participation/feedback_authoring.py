"""Use cases of staff keeping residents' feedback forms: a form with its statements
(texts in fi/sv/en, in order), closing it to answers, linking a statement to an
indicator of the participation model, and recording the mean rating of a statement's
answers in a period as a measurement of that indicator.

A statement that has answers stays (its texts may be corrected): removing it would lose
what people answered. The n-th statement given changes the form's n-th statement, as a
poll's options do."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import goals
from .authoring import _clean, _set
from .errors import ParticipationError
from .models import (
    STATEMENT_MAX_LENGTH,
    STATEMENTS_MAX,
    FeedbackForm,
    FeedbackRating,
    FeedbackStatement,
    Indicator,
    Measurement,
)
from .models.feedback import mean_rating
from .services import _require_staff

FEEDBACK_FORM_FIELDS = (
    "title_fi",
    "title_sv",
    "title_en",
    "open_question_fi",
    "open_question_sv",
    "open_question_en",
    "place",
    "event",
    "service",
    "is_active",
)
LANGUAGES = ("fi", "sv", "en")


def _statements(statements) -> list[dict]:
    """[{"fi", "sv", "en"}, …] without empty rows; each row needs a Finnish text."""
    rows = []
    for row in statements:
        row = {lang: (row.get(lang) or "").strip() for lang in LANGUAGES}
        if not any(row.values()):
            continue
        if not row["fi"]:
            raise ParticipationError(
                _("Each statement needs a Finnish text (line %(line)d)."),
                field="statements_fi",
                params={"line": len(rows) + 1},
            )
        if any(len(text) > STATEMENT_MAX_LENGTH for text in row.values()):
            raise ParticipationError(
                _("A statement can be at most %(max)d characters long."),
                field="statements_fi",
                params={"max": STATEMENT_MAX_LENGTH},
            )
        rows.append(row)
    if not rows:
        raise ParticipationError(_("Give at least one statement to rate."), field="statements_fi")
    if len(rows) > STATEMENTS_MAX:
        raise ParticipationError(
            _("A form can have at most %(max)d statements."),
            field="statements_fi",
            params={"max": STATEMENTS_MAX},
        )
    return rows


@transaction.atomic
def feedback_form_save(
    *, actor, feedback_form: FeedbackForm | None = None, statements, **fields
) -> FeedbackForm:
    """Create a feedback form or change one, with its statements in order. The form is
    attached to a place, an event or a named service."""
    _require_staff(actor)
    rows = _statements(statements)
    if feedback_form is None:
        feedback_form = FeedbackForm()
        existing = []
    else:
        feedback_form = FeedbackForm.objects.select_for_update().get(pk=feedback_form.pk)
        existing = list(feedback_form.statements.order_by("order", "pk"))
    _set(feedback_form, fields, FEEDBACK_FORM_FIELDS)
    feedback_form.service = (feedback_form.service or "").strip()
    if not (feedback_form.place_id or feedback_form.event_id or feedback_form.service):
        raise ParticipationError(
            _("Attach the form to a place, an event or a service."), field="service"
        )
    _clean(feedback_form, exclude=["code"])
    removed = existing[len(rows) :]
    if FeedbackRating.objects.filter(statement__in=removed).exists():
        raise ParticipationError(
            _("The form has answers to its statements; they can no longer be removed."),
            field="statements_fi",
        )
    feedback_form.save()
    for order, row in enumerate(rows):
        statement = (
            existing[order] if order < len(existing) else FeedbackStatement(form=feedback_form)
        )
        statement.text_fi, statement.text_sv, statement.text_en = row["fi"], row["sv"], row["en"]
        statement.order = order
        statement.save()
    for statement in removed:
        statement.delete()
    return feedback_form


@transaction.atomic
def feedback_form_close(*, actor, feedback_form: FeedbackForm) -> FeedbackForm:
    """The form takes no more answers (staff may open it again on its edit page)."""
    _require_staff(actor)
    feedback_form = FeedbackForm.objects.select_for_update().get(pk=feedback_form.pk)
    feedback_form.is_active = False
    feedback_form.save(update_fields=["is_active"])
    return feedback_form


@transaction.atomic
def statement_link(
    *, actor, statement: FeedbackStatement, indicator: Indicator | None
) -> FeedbackStatement:
    """Say which indicator the statement's answers feed (None: none)."""
    _require_staff(actor)
    statement = FeedbackStatement.objects.select_for_update().get(pk=statement.pk)
    statement.indicator = indicator
    statement.save(update_fields=["indicator"])
    return statement


def _day_bounds(first, last) -> tuple[datetime, datetime]:
    """From the first day's beginning to the end of the last day, in Helsinki time."""
    zone = timezone.get_default_timezone()
    start = timezone.make_aware(datetime.combine(first, time.min), zone)
    end = timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min), zone)
    return start, end


def statement_mean(statement: FeedbackStatement, first, last) -> tuple[int, Decimal | None]:
    """How many answers rated the statement between the two days (both included) and
    their mean rating to two decimals: one query."""
    start, end = _day_bounds(first, last)
    figures = FeedbackRating.objects.filter(
        statement=statement, answer__created_at__gte=start, answer__created_at__lt=end
    ).aggregate(count=Count("pk"), total=Sum("rating"))
    return figures["count"] or 0, mean_rating(figures["total"], figures["count"])


def _short_date(day) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


@transaction.atomic
def statement_measurement_record(
    *, actor, statement: FeedbackStatement, starts_on, ends_on
) -> Measurement:
    """The mean rating of the statement's answers between two days becomes a
    measurement of its indicator on the last day, with a note of how many answers it
    is the mean of. The day must fall within the goal's period, as every measurement's."""
    _require_staff(actor)
    statement = FeedbackStatement.objects.select_related("indicator").get(pk=statement.pk)
    if statement.indicator is None:
        raise ParticipationError(_("Link the statement to an indicator first."))
    if starts_on is None:
        raise ParticipationError(_("Give the first day of the period."), field="starts_on")
    if ends_on is None:
        raise ParticipationError(_("Give the last day of the period."), field="ends_on")
    if ends_on < starts_on:
        raise ParticipationError(_("The period cannot end before it starts."), field="ends_on")
    count, mean = statement_mean(statement, starts_on, ends_on)
    if not count:
        raise ParticipationError(
            _("Nobody rated the statement between %(starts)s and %(ends)s."),
            field="starts_on",
            params={"starts": _short_date(starts_on), "ends": _short_date(ends_on)},
        )
    note = gettext(
        "Residents' feedback %(starts)s–%(ends)s: the statement's mean rating, answers: %(count)d."
    ) % {"count": count, "starts": _short_date(starts_on), "ends": _short_date(ends_on)}
    return goals.measurement_add(
        actor=actor, indicator=statement.indicator, measured_on=ends_on, value=mean, note=note
    )

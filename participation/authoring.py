"""Use cases of staff writing consultations: a consultation's own fields, its sections,
and its polls with their options. Each saves all or nothing; a model's own validation
and the database's constraints become a ParticipationError on the field they concern.

A poll that has answers keeps its options (their texts may be corrected) and its kind:
removing an answered option or turning a multiple-choice poll into a single-choice one
would change what people answered."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .errors import ParticipationError
from .models import Consultation, Poll, PollOption, Section
from .services import _require_staff

CONSULTATION_FIELDS = (
    "title_fi",
    "title_sv",
    "title_en",
    "introduction_fi",
    "introduction_sv",
    "introduction_en",
    "opens_at",
    "closes_at",
    "commenters",
    "show_names",
    "is_published",
)
SECTION_FIELDS = ("title_fi", "title_sv", "title_en", "body_fi", "body_sv", "body_en", "order")
LANGUAGES = ("fi", "sv", "en")


def _clean(instance, exclude=None):
    try:
        instance.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        raise ParticipationError.from_validation_error(error) from None


def _set(instance, fields: dict, allowed):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(instance, name, value)


@transaction.atomic
def consultation_save(*, actor, consultation: Consultation | None = None, **fields):
    """Create a consultation or change one; closing before opening is refused."""
    _require_staff(actor)
    if consultation is None:
        consultation = Consultation()
    else:
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _set(consultation, fields, CONSULTATION_FIELDS)
    opens, closes = consultation.opens_at, consultation.closes_at
    if opens and closes and closes <= opens:
        raise ParticipationError(
            _("The consultation must close after it opens."), field="closes_at"
        )
    _clean(consultation)
    consultation.save()
    return consultation


@transaction.atomic
def section_save(*, actor, consultation: Consultation, section: Section | None = None, **fields):
    """Add a section to the consultation or change one of its sections."""
    _require_staff(actor)
    if section is None:
        section = Section(consultation=consultation)
    elif section.consultation_id != consultation.pk:
        raise ParticipationError(_("The section belongs to another consultation."))
    _set(section, fields, SECTION_FIELDS)
    _clean(section)
    section.save()
    return section


def _options(options) -> list[dict]:
    """[{"fi": …, "sv": …, "en": …}, …] without empty rows; each row needs a Finnish text."""
    rows = []
    for row in options:
        row = {lang: (row.get(lang) or "").strip() for lang in LANGUAGES}
        if not any(row.values()):
            continue
        if not row["fi"]:
            raise ParticipationError(
                _("Each option needs a Finnish text (line %(line)d)."),
                field="options_fi",
                params={"line": len(rows) + 1},
            )
        if any(len(text) > 200 for text in row.values()):
            raise ParticipationError(
                _("An option can be at most %(max)d characters long."),
                field="options_fi",
                params={"max": 200},
            )
        rows.append(row)
    if len(rows) < 2:
        raise ParticipationError(_("A poll needs at least two options."), field="options_fi")
    return rows


@transaction.atomic
def poll_save(
    *,
    actor,
    section: Section,
    poll: Poll | None = None,
    question_fi: str,
    question_sv: str = "",
    question_en: str = "",
    kind: str,
    options,
) -> Poll:
    """Create or change a poll of the section with its options in order. ``options`` is
    a list of {"fi", "sv", "en"} texts; the n-th row changes the poll's n-th option."""
    _require_staff(actor)
    rows = _options(options)
    if poll is None:
        poll = Poll(section=section)
        existing = []
    else:
        poll = Poll.objects.select_for_update().get(pk=poll.pk)
        if poll.section_id != section.pk:
            raise ParticipationError(_("The poll belongs to another section."))
        existing = list(poll.options.order_by("order", "pk"))
    answered = poll.pk is not None and poll.answers.exists()
    if answered and kind != poll.kind:
        raise ParticipationError(
            _("The poll has answers; its kind can no longer be changed."), field="kind"
        )
    if answered and len(rows) < len(existing):
        raise ParticipationError(
            _("The poll has answers; its options can no longer be removed."),
            field="options_fi",
        )
    poll.question_fi, poll.question_sv, poll.question_en = question_fi, question_sv, question_en
    poll.kind = kind
    _clean(poll)
    poll.save()
    for order, row in enumerate(rows):
        option = existing[order] if order < len(existing) else PollOption(poll=poll)
        option.text_fi, option.text_sv, option.text_en = row["fi"], row["sv"], row["en"]
        option.order = order
        option.save()
    for option in existing[len(rows) :]:
        option.delete()
    return poll

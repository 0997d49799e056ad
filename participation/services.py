"""Use cases of participation that write: comments, replies, votes, poll answers, flags,
moderation, closing a consultation and workshops. Views, the admin, the demo loader and
the import all go through these.

Who acted is a *voter key*: ``u<user id>`` for a signed-in person, ``s<session key>`` for
anybody else. The database keeps a vote and a flag once per comment and voter key; the
rate limit counts a voter key's comments under an advisory lock, so that parallel posts
by the same person cannot slip past it."""

import html
from datetime import timedelta

import nh3
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext_lazy as _

from core import clock
from core.access import is_staff
from organisations.models import Representative

from .errors import ParticipationError
from .models import (
    COMMENT_MAX_LENGTH,
    NAME_MAX_LENGTH,
    Comment,
    Consultation,
    Flag,
    Poll,
    PollAnswer,
    Vote,
    Workshop,
)

# A person (or browser session) may write this many comments in the window.
RATE_LIMIT_COMMENTS = 5
RATE_LIMIT_WINDOW = timedelta(minutes=10)
LANGUAGES = ("fi", "sv", "en")

NOT_OPEN_YET = _("The consultation has not opened yet. Comments are received from %(opens)s.")
CLOSED = _("The consultation has closed. Comments are no longer received.")


def voter_key(*, actor, session_key: str | None) -> str:
    """``u<id>`` for a signed-in person, ``s<session key>`` otherwise."""
    if actor is not None and actor.is_authenticated:
        return f"u{actor.pk}"
    if not session_key:
        raise ParticipationError(
            _("Your browser did not keep the session. Allow cookies and try again.")
        )
    return f"s{session_key}"


def plain_text(text: str) -> str:
    """The text with every tag removed (the contents of scripts and styles too), entities
    turned back into characters: a comment is plain text, escaped when it is shown."""
    return html.unescape(nh3.clean(text or "", tags=set())).strip()


def _require_staff(actor):
    if not is_staff(actor):
        raise PermissionDenied


def _format_time(value) -> str:
    from django.utils import formats, timezone

    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def _check_open(consultation: Consultation):
    now = clock.now()
    if now < consultation.opens_at:
        raise ParticipationError(
            NOT_OPEN_YET, params={"opens": _format_time(consultation.opens_at)}
        )
    if now >= consultation.closes_at:
        raise ParticipationError(CLOSED)


def may_comment(*, actor, consultation: Consultation) -> bool:
    """Whether the consultation's rule lets this person comment (open or not)."""
    rule = consultation.commenters
    if rule == Consultation.Commenters.ANYONE:
        return True
    if actor is None or not actor.is_authenticated:
        return False
    if rule == Consultation.Commenters.SIGNED_IN:
        return True
    return (
        is_staff(actor)
        or Representative.objects.filter(user=actor, status=Representative.Status.APPROVED).exists()
    )


def _check_commenter(*, actor, consultation):
    if may_comment(actor=actor, consultation=consultation):
        return
    if consultation.commenters == Consultation.Commenters.SIGNED_IN:
        raise ParticipationError(_("Sign in to comment on this consultation."))
    raise ParticipationError(
        _("Only representatives of associations may comment on this consultation.")
    )


def _clean_comment_text(text: str) -> str:
    text = plain_text(text)
    if not text:
        raise ParticipationError(_("Write a comment."), field="text")
    if len(text) > COMMENT_MAX_LENGTH:
        raise ParticipationError(
            _("A comment can be at most %(max)d characters long; this one has %(length)d."),
            field="text",
            params={"max": COMMENT_MAX_LENGTH, "length": len(text)},
        )
    return text


def _clean_name(name: str) -> str:
    name = plain_text(name)
    if len(name) > NAME_MAX_LENGTH:
        raise ParticipationError(
            _("A name can be at most %(max)d characters long."),
            field="name",
            params={"max": NAME_MAX_LENGTH},
        )
    return name


def _check_rate(key: str):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"comment:{key}"])
    since = clock.now() - RATE_LIMIT_WINDOW
    if Comment.objects.filter(author_key=key, created_at__gte=since).count() >= RATE_LIMIT_COMMENTS:
        raise ParticipationError(
            _(
                "You have written %(count)d comments in the last %(minutes)d minutes. "
                "Please wait a while before writing more."
            ),
            params={
                "count": RATE_LIMIT_COMMENTS,
                "minutes": int(RATE_LIMIT_WINDOW.total_seconds() // 60),
            },
        )


@transaction.atomic
def comment_create(
    *,
    actor,
    session_key: str | None,
    section,
    text: str,
    name: str = "",
    municipality=None,
    language: str = "fi",
    parent: Comment | None = None,
) -> Comment:
    """A comment (or a reply to ``parent``) on an open consultation's section. The
    consultation's row is locked, so a comment and the closing cannot cross."""
    consultation = Consultation.objects.select_for_update().get(pk=section.consultation_id)
    if not consultation.is_published:
        raise ParticipationError(CLOSED)
    _check_open(consultation)
    _check_commenter(actor=actor, consultation=consultation)
    key = voter_key(actor=actor, session_key=session_key)
    text = _clean_comment_text(text)
    name = _clean_name(name)
    if language not in LANGUAGES:
        raise ParticipationError(_("Choose a language."), field="language")
    if parent is not None:
        if parent.section_id != section.pk:
            raise ParticipationError(_("A reply belongs to the section of its comment."))
        if parent.parent_id is not None:
            parent = parent.parent  # replies stay one level deep
        if parent.is_hidden:
            raise ParticipationError(_("A hidden comment cannot be replied to."))
    _check_rate(key)
    return Comment.objects.create(
        section=section,
        parent=parent,
        text=text,
        name=name,
        municipality=municipality,
        language=language,
        user=actor if actor is not None and actor.is_authenticated else None,
        author_key=key,
    )


def _is_violation(error: IntegrityError, constraint: str) -> bool:
    diag = getattr(error.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None) == constraint


@transaction.atomic
def comment_vote(*, actor, session_key: str | None, comment: Comment) -> Vote:
    """One vote for a comment per person or browser session; the unique constraint
    decides between two votes sent at the same moment."""
    _check_open(Consultation.objects.get(sections__comments=comment))
    comment = Comment.objects.get(pk=comment.pk)
    if comment.is_hidden:
        raise ParticipationError(_("A hidden comment cannot be voted for."))
    key = voter_key(actor=actor, session_key=session_key)
    vote = Vote(
        comment=comment,
        voter_key=key,
        user=actor if actor is not None and actor.is_authenticated else None,
    )
    try:
        with transaction.atomic():
            vote.save()
    except IntegrityError as error:
        if _is_violation(error, "vote_once_per_voter"):
            raise ParticipationError(_("You have already voted for this comment.")) from None
        raise
    return vote


@transaction.atomic
def comment_flag(*, actor, session_key: str | None, comment: Comment) -> Flag | None:
    """Ask the moderators to look at a comment. Flagging twice changes nothing."""
    key = voter_key(actor=actor, session_key=session_key)
    flag, _created = Flag.objects.get_or_create(
        comment=comment,
        voter_key=key,
        defaults={"user": actor if actor is not None and actor.is_authenticated else None},
    )
    return flag


@transaction.atomic
def comment_hide(*, actor, comment: Comment, reason: str) -> Comment:
    """Hide a comment; its reason is shown in its place."""
    _require_staff(actor)
    reason = plain_text(reason)
    if not reason:
        raise ParticipationError(
            _("Give the reason for hiding; it is shown in place of the comment."), field="reason"
        )
    if len(reason) > 300:
        raise ParticipationError(
            _("The reason can be at most %(max)d characters long."),
            field="reason",
            params={"max": 300},
        )
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    comment.hidden_at = clock.now()
    comment.hidden_reason = reason
    comment.hidden_by = actor
    comment.is_pinned = False
    comment.save(update_fields=["hidden_at", "hidden_reason", "hidden_by", "is_pinned"])
    comment.flags.filter(handled_at__isnull=True).update(handled_at=clock.now())
    return comment


@transaction.atomic
def comment_unhide(*, actor, comment: Comment) -> Comment:
    _require_staff(actor)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    comment.hidden_at = None
    comment.hidden_reason = ""
    comment.hidden_by = None
    comment.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
    return comment


@transaction.atomic
def comment_pin(*, actor, comment: Comment, pinned: bool = True) -> Comment:
    """Pin a comment to the top of its section (or unpin it)."""
    _require_staff(actor)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if pinned and comment.is_hidden:
        raise ParticipationError(_("A hidden comment cannot be pinned."))
    comment.is_pinned = pinned
    comment.save(update_fields=["is_pinned"])
    return comment


@transaction.atomic
def flags_dismiss(*, actor, comment: Comment) -> int:
    """The moderator looked and keeps the comment as it is."""
    _require_staff(actor)
    return comment.flags.filter(handled_at__isnull=True).update(handled_at=clock.now())


@transaction.atomic
def consultation_close(*, actor, consultation: Consultation) -> Consultation:
    """Close the consultation now: comments, replies, votes and answers freeze."""
    _require_staff(actor)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    now = clock.now()
    if consultation.closes_at <= now:
        raise ParticipationError(_("The consultation has already closed."))
    if consultation.opens_at >= now:
        raise ParticipationError(_("A consultation that has not opened cannot be closed."))
    consultation.closes_at = now
    consultation.save(update_fields=["closes_at"])
    return consultation


@transaction.atomic
def poll_answer(*, actor, session_key: str | None, poll: Poll, option_ids) -> list[PollAnswer]:
    """Answer a poll once: one option of a single-choice poll, one or more of a
    multiple-choice poll. The poll's row is locked so that a voter's two answers sent at
    once cannot both count."""
    poll = Poll.objects.select_for_update().select_related("section__consultation").get(pk=poll.pk)
    _check_open(poll.section.consultation)
    key = voter_key(actor=actor, session_key=session_key)
    ids = {int(i) for i in option_ids if str(i).isdigit()}
    options = list(poll.options.filter(pk__in=ids))
    if not options or len(options) != len(ids):
        raise ParticipationError(_("Choose an option."), field="options")
    if poll.kind == Poll.Kind.SINGLE and len(options) > 1:
        raise ParticipationError(_("Choose only one option."), field="options")
    if poll.answers.filter(voter_key=key).exists():
        raise ParticipationError(_("You have already answered this poll."))
    user = actor if actor is not None and actor.is_authenticated else None
    return PollAnswer.objects.bulk_create(
        [PollAnswer(poll=poll, option=o, voter_key=key, user=user) for o in options]
    )


@transaction.atomic
def workshop_create(*, actor, consultation: Consultation, **fields) -> Workshop:
    """Record a workshop held for the consultation."""
    _require_staff(actor)
    workshop = Workshop(consultation=consultation, **fields)
    if workshop.participants is not None and workshop.participants < 1:
        raise ParticipationError(
            _("A workshop has at least one participant."), field="participants"
        )
    try:
        workshop.full_clean()
    except ValidationError as error:
        raise ParticipationError.from_validation_error(error) from None
    workshop.save()
    return workshop


@transaction.atomic
def comment_code(*, actor, comment: Comment, themes, goals=None) -> Comment:
    """Code a comment with themes of its consultation's vocabulary (replacing its
    earlier themes) and, when ``goals`` is given, say which goals of the participation
    model it led to (replacing the earlier ones; shown publicly with the comment)."""
    _require_staff(actor)
    themes = list(themes)
    consultation_id = comment.section.consultation_id
    if any(theme.consultation_id != consultation_id for theme in themes):
        raise ParticipationError(
            _("A theme must belong to the comment's consultation."), field="themes"
        )
    comment.themes.set(themes)
    if goals is not None:
        comment.goals.set(list(goals))
    return comment

"""Participation: consultations with sections, polls and comments (replies, votes,
moderation), the workshops whose comments are entered in bulk, and the themes staff code
comments with.

The rules about one row live in the database: a vote is one per person or browser
session for a comment (``vote_once_per_voter``), a poll answer one per voter and option,
a reply's section is its parent's (checked in the service, which is the only writer)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import clock

COMMENT_MAX_LENGTH = 2000
NAME_MAX_LENGTH = 80


class Consultation(models.Model):
    class Commenters(models.TextChoices):
        ANYONE = "anyone", _("Anyone")
        SIGNED_IN = "signed_in", _("Signed-in people")
        REPRESENTATIVES = "representatives", _("Representatives of associations")

    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    commenters = models.CharField(
        _("who may comment"), max_length=20, choices=Commenters.choices, default=Commenters.ANYONE
    )
    show_names = models.BooleanField(_("names are shown"), default=True)
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-opens_at", "pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="consultation_closes_after_it_opens",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.opens_at <= clock.now() < self.closes_at

    @property
    def is_closed(self) -> bool:
        return clock.now() >= self.closes_at

    @property
    def is_upcoming(self) -> bool:
        return clock.now() < self.opens_at


class Section(models.Model):
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("consultation"),
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["consultation", "order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.title


class Workshop(models.Model):
    """A workshop held for a consultation; its comments are entered or imported by staff
    and tagged with it."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="workshops",
        verbose_name=_("consultation"),
    )
    place = models.CharField(_("place"), max_length=200)
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    held_on = models.DateField(_("date"))
    participants = models.PositiveIntegerField(_("number of participants"))
    facilitator = models.CharField(_("facilitator"), max_length=200, blank=True)
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("event of the calendar"),
    )

    class Meta:
        ordering = ["consultation", "held_on", "pk"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    def __str__(self):
        return f"{self.place} {self.held_on:%d.%m.%Y}"


class Theme(models.Model):
    """A word of the consultation's vocabulary that staff code comments with."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="themes",
        verbose_name=_("consultation"),
    )
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["consultation", "name", "pk"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class CommentQuerySet(models.QuerySet):
    def visible(self):
        """Comments whose text may be shown (hidden ones show their reason instead)."""
        return self.filter(hidden_at__isnull=True)


class Comment(models.Model):
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="comments", verbose_name=_("section")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    text = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH, blank=True)
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="fi"
    )
    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("workshop"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_comments",
        verbose_name=_("user"),
    )
    # "u<user id>" or "s<session key>": who wrote it, for the rate limit.
    author_key = models.CharField(max_length=50, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=clock.now, db_index=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="comments", verbose_name=_("themes")
    )
    is_pinned = models.BooleanField(_("pinned"), default=False)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-is_pinned", "created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["author_key", "created_at"], name="comment_author_recent")]
        constraints = [
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="hidden_comment_has_reason",
            )
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def led_to_goals(self) -> list:
        """The goals of the participation model this comment led to, directly or through
        its themes. Reads ``goals.all()`` and ``themes.all()`` with their ``goals``:
        prefetch them."""
        found = {goal.pk: goal for goal in self.goals.all()}
        for theme in self.themes.all():
            for goal in theme.goals.all():
                found.setdefault(goal.pk, goal)
        return sorted(found.values(), key=lambda goal: (goal.order, goal.pk))


class OncePerVoter(models.Model):
    """What a person (signed in) or a browser session does once for a thing: vote, flag,
    answer. ``voter_key`` is ``u<user id>`` or ``s<session key>``; each model keeps it
    unique with its thing through ``once_per_voter``."""

    voter_key = models.CharField(max_length=50)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_%(class)ss",
        verbose_name=_("user"),
    )
    created_at = models.DateTimeField(_("created"), default=clock.now)

    class Meta:
        abstract = True

    @staticmethod
    def once_per_voter(field: str, name: str) -> models.UniqueConstraint:
        return models.UniqueConstraint(fields=[field, "voter_key"], name=name)


class Vote(OncePerVoter):
    """One vote for a comment by one person (signed in) or one browser session."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="votes", verbose_name=_("comment")
    )

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [OncePerVoter.once_per_voter("comment", "vote_once_per_voter")]

    def __str__(self):
        return f"{self.voter_key} → {self.comment_id}"


class Flag(OncePerVoter):
    """Somebody asks the moderators to look at a comment; once per person or session."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="flags", verbose_name=_("comment")
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [
            OncePerVoter.once_per_voter("comment", "flag_once_per_voter"),
        ]

    def __str__(self):
        return f"{self.voter_key} → {self.comment_id}"


class Poll(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")

    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="polls", verbose_name=_("section")
    )
    question = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)

    class Meta:
        ordering = ["section", "pk"]
        verbose_name = _("poll")
        verbose_name_plural = _("polls")

    def __str__(self):
        return self.question


class PollOption(models.Model):
    poll = models.ForeignKey(
        Poll, on_delete=models.CASCADE, related_name="options", verbose_name=_("poll")
    )
    text = models.CharField(_("option"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["poll", "order", "pk"]
        verbose_name = _("poll option")
        verbose_name_plural = _("poll options")

    def __str__(self):
        return self.text


class PollAnswer(OncePerVoter):
    """One voter's answer to a poll: a row per chosen option. A voter answers a poll once
    (the service replaces nothing); the database keeps one row per voter and option."""

    poll = models.ForeignKey(
        Poll, on_delete=models.CASCADE, related_name="answers", verbose_name=_("poll")
    )
    option = models.ForeignKey(
        PollOption, on_delete=models.CASCADE, related_name="answers", verbose_name=_("option")
    )
    user = models.ForeignKey(  # the related name predates the abstract model
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_poll_answers",
        verbose_name=_("user"),
    )

    class Meta:
        verbose_name = _("poll answer")
        verbose_name_plural = _("poll answers")
        constraints = [
            OncePerVoter.once_per_voter("option", "poll_answer_once_per_option"),
        ]

    def __str__(self):
        return f"{self.voter_key} → {self.option_id}"

"""Residents' feedback: a short form (a few statements rated from 1 to 5 and an open
question) that staff attach to a place, a service or an event of the calendar,
reachable by a short link and the QR code of a printed poster. An answer keeps no
personal data: the voter key (``u<id>`` or ``s<session key>``) is there for the rate
limit only.

A statement may feed an indicator of the participation model: staff link it, and the
mean rating of its answers in a period becomes a measurement of the indicator."""

import secrets
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import clock

FEEDBACK_TEXT_MAX_LENGTH = 1000


def mean_rating(total, count, places: int = 2) -> Decimal | None:
    """The mean of ``count`` ratings summing to ``total``, rounded half up to ``places``
    decimals (as people round), or None without ratings."""
    if not count:
        return None
    exponent = Decimal(1).scaleb(-places)
    return (Decimal(total) / Decimal(count)).quantize(exponent, rounding=ROUND_HALF_UP)


STATEMENT_MAX_LENGTH = 300
STATEMENTS_MAX = 10


def new_code() -> str:
    """The short link's part: eight characters, easy to type from a poster."""
    return secrets.token_urlsafe(6)


class FeedbackForm(models.Model):
    title = models.CharField(_("title"), max_length=200)
    open_question = models.CharField(_("open question"), max_length=300)
    place = models.ForeignKey(
        "events.Place",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("place"),
    )
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("event of the calendar"),
    )
    service = models.CharField(
        _("service"),
        max_length=200,
        blank=True,
        help_text=_("For example the open meeting place, when no place or event fits."),
    )
    code = models.CharField(_("short link"), max_length=20, unique=True, default=new_code)
    is_active = models.BooleanField(_("takes answers"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("feedback form")
        verbose_name_plural = _("feedback forms")
        constraints = [
            models.CheckConstraint(
                condition=Q(place__isnull=False) | Q(event__isnull=False) | ~Q(service=""),
                name="feedback_form_attached",
                violation_error_message=_("Attach the form to a place, an event or a service."),
            )
        ]

    def __str__(self):
        return self.title


class FeedbackStatement(models.Model):
    """A statement that people rate from 1 (disagree) to 5 (agree)."""

    form = models.ForeignKey(
        FeedbackForm, on_delete=models.CASCADE, related_name="statements", verbose_name=_("form")
    )
    text = models.CharField(_("statement"), max_length=STATEMENT_MAX_LENGTH)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    indicator = models.ForeignKey(
        "participation.Indicator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_statements",
        verbose_name=_("indicator it feeds"),
    )

    class Meta:
        ordering = ["form", "order", "pk"]
        verbose_name = _("feedback statement")
        verbose_name_plural = _("feedback statements")

    def __str__(self):
        return self.text


class FeedbackAnswer(models.Model):
    form = models.ForeignKey(
        FeedbackForm, on_delete=models.CASCADE, related_name="answers", verbose_name=_("form")
    )
    text = models.TextField(_("answer"), max_length=FEEDBACK_TEXT_MAX_LENGTH, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="fi"
    )
    author_key = models.CharField(max_length=50, editable=False)
    created_at = models.DateTimeField(_("created"), default=clock.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("feedback answer")
        verbose_name_plural = _("feedback answers")
        indexes = [models.Index(fields=["author_key", "created_at"], name="feedback_author_recent")]

    def __str__(self):
        return f"{self.form_id}: {self.created_at:%Y-%m-%d}"


class FeedbackRating(models.Model):
    """One answer's rating of one statement, 1–5."""

    answer = models.ForeignKey(
        FeedbackAnswer, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("answer")
    )
    statement = models.ForeignKey(
        FeedbackStatement,
        on_delete=models.PROTECT,
        related_name="ratings",
        verbose_name=_("statement"),
    )
    rating = models.PositiveSmallIntegerField(_("rating"))

    class Meta:
        ordering = ["answer", "statement__order", "statement"]
        verbose_name = _("feedback rating")
        verbose_name_plural = _("feedback ratings")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5),
                name="feedback_statement_rating_1_to_5",
            ),
            models.UniqueConstraint(
                fields=["answer", "statement"], name="feedback_rating_once_per_statement"
            ),
        ]

    def __str__(self):
        return f"{self.statement_id}: {self.rating}"

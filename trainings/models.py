"""Training programmes, trainings and their sessions, enrolments with the waiting list,
attendance, feedback, certificates and the notification outbox.

Rules about one row are database constraints: a session has a room (booked through
facilities) or an online link; an email is enrolled once per training; an offer has an
expiry; a rating is 1–5. How many enrolments are confirmed is a rule about many rows,
kept by the enrolment services under a lock on the training row."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from core.models import OutboxMessage
from facilities.models import Booking, Room
from organisations.models import Organisation

from .querysets import EnrolmentQuerySet, TrainingQuerySet


class Programme(models.Model):
    """A coaching programme in which a set of organisations commit for a period
    (usually a year)."""

    # name and description are translated (translation.py)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    organisations = models.ManyToManyField(
        Organisation,
        through="ProgrammeParticipant",
        related_name="training_programmes",
        verbose_name=_("participating organisations"),
        blank=True,
    )

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="programme_ends_after_start"
            )
        ]

    def __str__(self):
        return self.name


class ProgrammeParticipant(models.Model):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("programme"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="programme_participations",
        verbose_name=_("organisation"),
    )
    committed_on = models.DateField(_("committed on"))
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)

    class Meta:
        ordering = ["organisation__name_fi"]
        verbose_name = _("participating organisation")
        verbose_name_plural = _("participating organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"], name="programme_participant_once"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.programme}"


class Training(models.Model):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", _("Completed")

    class CertificateRule(models.TextChoices):
        ALL_SESSIONS = "all", _("Attended every session")
        MIN_SESSIONS = "min", _("Attended at least a number of sessions")
        STAFF = "staff", _("Staff decide")
        NONE = "none", _("No certificate")

    class WaitlistMode(models.TextChoices):
        PROMOTE = "promote", _("Promote the next person at once")
        OFFER = "offer", _("Offer the place for a number of hours")

    # Shown to the public: published and what has happened to published trainings.
    PUBLIC_STATUSES = (Status.PUBLISHED, Status.CANCELLED, Status.COMPLETED)

    programme = models.ForeignKey(
        Programme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trainings",
        verbose_name=_("programme"),
    )
    organiser = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_trainings",
        verbose_name=_("organiser"),
        help_text=_("The organisation the session rooms are booked for."),
    )
    # title, description and audience are translated (translation.py)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(
        _("audience"),
        max_length=300,
        blank=True,
        help_text=_("For example: board members of associations, volunteers."),
    )
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    trainers = models.CharField(_("trainers"), max_length=300, blank=True)
    trainer_accounts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="trainings_as_trainer",
        verbose_name=_("trainer accounts"),
        help_text=_("These people may mark attendance."),
    )
    capacity = models.PositiveIntegerField(_("capacity (people)"))
    enrolment_opens = models.DateTimeField(_("enrolment opens"))
    enrolment_closes = models.DateTimeField(_("enrolment closes"))
    price_member = models.DecimalField(
        _("price for members (€)"), max_digits=8, decimal_places=2, default=0
    )
    price_other = models.DecimalField(
        _("price for others (€)"), max_digits=8, decimal_places=2, default=0
    )
    # translated (translation.py)
    payment_instructions = models.TextField(
        _("payment instructions"),
        blank=True,
        help_text=_(
            "How a paid enrolment is paid: shown beside it in My enrolments. When empty,"
            " the price and the centre's contact email are shown."
        ),
    )
    max_per_organisation = models.PositiveIntegerField(
        _("maximum enrolments per organisation"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    certificate_rule = models.CharField(
        _("certificate"),
        max_length=10,
        choices=CertificateRule.choices,
        default=CertificateRule.ALL_SESSIONS,
    )
    certificate_min_sessions = models.PositiveSmallIntegerField(
        _("sessions needed for a certificate"), null=True, blank=True
    )
    waitlist_mode = models.CharField(
        _("when a place frees"),
        max_length=10,
        choices=WaitlistMode.choices,
        default=WaitlistMode.PROMOTE,
    )
    offer_hours = models.PositiveSmallIntegerField(_("offer valid (hours)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = TrainingQuerySet.as_manager()

    class Meta:
        ordering = ["enrolment_opens", "pk"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gt=0), name="training_capacity_positive"),
            models.CheckConstraint(
                condition=Q(enrolment_closes__gt=F("enrolment_opens")),
                name="training_enrolment_window_order",
                violation_error_message=_("Enrolment must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(price_member__gte=0) & Q(price_other__gte=0),
                name="training_prices_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(max_per_organisation__isnull=True) | Q(max_per_organisation__gt=0),
                name="training_max_per_organisation_positive",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        certificate_rule="min",
                        certificate_min_sessions__isnull=False,
                        certificate_min_sessions__gt=0,
                    )
                    | (~Q(certificate_rule="min") & Q(certificate_min_sessions__isnull=True))
                ),
                name="training_certificate_min_sessions",
                violation_error_message=_(
                    "Give the number of sessions exactly when the certificate needs "
                    "at least a number of sessions."
                ),
            ),
            models.CheckConstraint(
                condition=Q(waitlist_mode="offer", offer_hours__isnull=False, offer_hours__gt=0)
                | Q(waitlist_mode="promote", offer_hours__isnull=True),
                name="training_offer_hours",
                violation_error_message=_(
                    "Give the hours an offer is valid exactly when places are offered."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_free(self) -> bool:
        return self.price_member == 0 and self.price_other == 0

    def price_for(self, *, is_member: bool):
        return self.price_member if is_member else self.price_other

    def enrolment_is_open(self, now) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.enrolment_opens <= now < self.enrolment_closes
        )


class Session(models.Model):
    """One meeting of a training: in a room of the centre (booked through facilities),
    online, or both for a hybrid training."""

    training = models.ForeignKey(
        Training, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("training")
    )
    starts = models.DateTimeField(_("starts"))
    ends = models.DateTimeField(_("ends"))
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_sessions",
        verbose_name=_("room"),
    )
    booking = models.OneToOneField(
        Booking,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_session",
        verbose_name=_("room booking"),
    )
    online_url = models.URLField(_("online link"), blank=True)

    class Meta:
        ordering = ["starts", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gt=F("starts")), name="session_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(room__isnull=False) | ~Q(online_url=""),
                name="session_room_or_online_link",
                violation_error_message=_("A session needs a room or an online link."),
            ),
            # A room is held only through its booking.
            models.CheckConstraint(
                condition=Q(room__isnull=True, booking__isnull=True)
                | Q(room__isnull=False, booking__isnull=False),
                name="session_room_has_booking",
            ),
        ]

    def __str__(self):
        return f"{self.training}: {self.starts:%Y-%m-%d %H:%M}"


class Enrolment(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        OFFERED = "offered", _("Place offered")
        EXPIRED = "expired", _("Offer expired")
        CANCELLED = "cancelled", _("Cancelled")

    # Statuses that hold one of the training's places.
    HOLDING = (Status.CONFIRMED, Status.OFFERED)
    # Statuses that count as enrolled (for duplicates and the per-organisation maximum).
    ACTIVE = (Status.CONFIRMED, Status.OFFERED, Status.WAITING)

    training = models.ForeignKey(
        Training, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("training")
    )
    # The participant's account, when they have one (their own enrolment, or an account
    # with the email a representative gave).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_enrolments",
        verbose_name=_("participant account"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_enrolments",
        verbose_name=_("organisation"),
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("enrolled by"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    needs = models.TextField(_("dietary or accessibility needs"), blank=True, max_length=2000)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    price = models.DecimalField(_("price (€)"), max_digits=8, decimal_places=2)
    member_price = models.BooleanField(_("member price"), default=False)
    language = models.CharField(_("language"), max_length=5, default="fi")
    created_at = models.DateTimeField(_("enrolled"))
    # Places are offered in this order: when the enrolment joined the waiting list.
    waiting_since = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cancelled by"),
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "training",
                condition=Q(status__in=["confirmed", "offered", "waiting"]),
                name="enrolment_email_once_per_training",
                violation_error_message=_("This email is already enrolled in the training."),
            ),
            models.CheckConstraint(
                condition=Q(status="offered", offer_expires_at__isnull=False)
                | (~Q(status="offered") & Q(offer_expires_at__isnull=True)),
                name="enrolment_offer_has_expiry",
            ),
            models.CheckConstraint(
                condition=~Q(status="waiting") | Q(waiting_since__isnull=False),
                name="enrolment_waiting_has_time",
            ),
            models.CheckConstraint(condition=Q(price__gte=0), name="enrolment_price_not_negative"),
        ]
        indexes = [models.Index(fields=["training", "status", "waiting_since"])]

    def __str__(self):
        return f"{self.name} – {self.training}"

    @property
    def holds_place(self) -> bool:
        return self.status in self.HOLDING

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class Attendance(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("enrolment")
    )
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("session")
    )
    present = models.BooleanField(_("present"))
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("marked by"),
    )
    marked_at = models.DateTimeField(_("marked"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "session"], name="attendance_once")
        ]

    def __str__(self):
        return f"{self.enrolment.name}: {self.session}"


class Feedback(models.Model):
    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("enrolment")
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True, max_length=4000)
    created_at = models.DateTimeField(_("given"))

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="feedback_rating_1_to_5"
            )
        ]

    def __str__(self):
        return f"{self.rating}/5 – {self.enrolment.training}"


class Certificate(models.Model):
    enrolment = models.OneToOneField(
        Enrolment,
        on_delete=models.PROTECT,
        related_name="certificate",
        verbose_name=_("enrolment"),
    )
    number = models.CharField(_("certificate number"), max_length=30, unique=True)
    issued_at = models.DateTimeField(_("issued"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )

    class Meta:
        ordering = ["issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return self.number


class NotificationKind(models.TextChoices):
    CONFIRMED = "confirmed", _("Enrolment confirmed")
    WAITING = "waiting", _("On the waiting list")
    PROMOTED = "promoted", _("Place confirmed from the waiting list")
    OFFERED = "offered", _("Place offered")
    REMINDER = "reminder", _("Session reminder")
    FEEDBACK = "feedback", _("Feedback request")
    CERTIFICATE = "certificate", _("Certificate issued")
    CANCELLED = "cancelled", _("Training cancelled")


class TrainingNotification(OutboxMessage):
    """The outbox: one row per enrolment, session (for reminders) and kind, so a message
    is never sent twice."""

    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("enrolment"),
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("session"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)

    class Meta(OutboxMessage.Meta):
        verbose_name = _("training notification")
        verbose_name_plural = _("training notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "session", "kind"],
                name="training_notification_once",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.enrolment}"

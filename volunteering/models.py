"""Volunteers and experience experts: profiles, the vocabularies staff keep (skills,
experience areas), experience areas kept only with recorded consent, experience-expert
training, requests for people with their dates, interest, offers, assignments, hours,
fee tiers, the outbox and the reports.

Rules about one row are database constraints. That a person never holds two assignments
whose times meet is one too: every date of an assignment is a Slot row, and an
exclusion constraint over the person and the slot's time range refuses an overlap, so
two coordinators assigning at the same moment cannot both succeed."""

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateTimeRangeField, RangeOperators
from django.db import models
from django.db.models import F, Func, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import OutboxMessage, ReportJob
from facilities.models import Room
from organisations.models import Municipality, Organisation
from trainings.models import Certificate, Training

from .errors import VolunteeringError


class Role(models.TextChoices):
    VOLUNTEER = "volunteer", _("Volunteer")
    EXPERT = "expert", _("Experience expert")
    PEER = "peer", _("Peer supporter")


class Language(models.TextChoices):
    FI = "fi", _("Finnish")
    SV = "sv", _("Swedish")
    EN = "en", _("English")
    RU = "ru", _("Russian")
    ET = "et", _("Estonian")
    AR = "ar", _("Arabic")
    SO = "so", _("Somali")
    SGN = "fse", _("Finnish Sign Language")


class Weekday(models.IntegerChoices):
    MON = 0, _("Monday")
    TUE = 1, _("Tuesday")
    WED = 2, _("Wednesday")
    THU = 3, _("Thursday")
    FRI = 4, _("Friday")
    SAT = 5, _("Saturday")
    SUN = 6, _("Sunday")


class DayPart(models.TextChoices):
    MORNING = "morning", _("Morning (before 12)")
    AFTERNOON = "afternoon", _("Afternoon (12–17)")
    EVENING = "evening", _("Evening (after 17)")

    @classmethod
    def of_hour(cls, hour: int) -> "DayPart":
        if hour < 12:
            return cls.MORNING
        if hour < 17:
            return cls.AFTERNOON
        return cls.EVENING


class Skill(models.Model):
    """A skill from the vocabulary staff keep; one name per skill (no duplicates that
    differ only in case)."""

    name = models.CharField(_("name"), max_length=100)  # translated (translation.py)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [
            models.UniqueConstraint(
                Lower("name_fi"),
                name="volunteering_skill_name_once",
                violation_error_message=_("The vocabulary already has this skill."),
            )
        ]

    def __str__(self):
        return self.name


class ExperienceArea(models.Model):
    """An area of lived experience (mental health, substance use, caring for a relative…)
    from the vocabulary staff keep. Which person has which is health data: see
    ExperienceRecord."""

    name = models.CharField(_("name"), max_length=100)  # translated (translation.py)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("experience area")
        verbose_name_plural = _("experience areas")
        constraints = [
            models.UniqueConstraint(
                Lower("name_fi"),
                name="volunteering_area_name_once",
                violation_error_message=_("The vocabulary already has this experience area."),
            )
        ]

    def __str__(self):
        return self.name


class ExpertTrainingCourse(models.Model):
    """A training of the trainings app marked as experience-expert training: its
    certificate counts as completed training."""

    training = models.OneToOneField(
        Training,
        on_delete=models.CASCADE,
        related_name="expert_course",
        verbose_name=_("training"),
    )

    class Meta:
        verbose_name = _("experience-expert training")
        verbose_name_plural = _("experience-expert trainings")

    def __str__(self):
        return str(self.training)


class Profile(models.Model):
    """A person's volunteer profile. Coordinators approve it before it is matched and
    may pause it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        PAUSED = "paused", _("Paused")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="volunteer_profile",
        verbose_name=_("account"),
    )
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    roles = ArrayField(
        models.CharField(max_length=20, choices=Role.choices), verbose_name=_("roles")
    )
    languages = ArrayField(
        models.CharField(max_length=5, choices=Language.choices), verbose_name=_("languages")
    )
    municipalities = models.ManyToManyField(
        Municipality,
        related_name="volunteer_profiles",
        verbose_name=_("municipalities where I can act"),
    )
    skills = models.ManyToManyField(
        Skill, related_name="profiles", blank=True, verbose_name=_("skills")
    )
    weekdays = ArrayField(
        models.PositiveSmallIntegerField(choices=Weekday.choices),
        default=list,
        blank=True,
        verbose_name=_("weekdays I am available"),
    )
    day_parts = ArrayField(
        models.CharField(max_length=10, choices=DayPart.choices),
        default=list,
        blank=True,
        verbose_name=_("times of day I am available"),
    )
    introduction = models.TextField(_("introduction"), max_length=2000, blank=True)
    may_contact = models.BooleanField(_("I may be contacted about tasks"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    # The language emails are written in.
    language = models.CharField(_("language"), max_length=5, default="fi")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The last time the person did something here: the clock of anonymisation.
    last_active_at = models.DateTimeField(_("last active"))
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")
        constraints = [
            models.CheckConstraint(condition=~Q(roles=[]), name="volunteering_profile_has_role"),
            models.CheckConstraint(
                condition=~Q(languages=[]), name="volunteering_profile_has_language"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_expert(self) -> bool:
        return Role.EXPERT in self.roles

    def role_labels(self) -> list[str]:
        return [str(Role(r).label) for r in self.roles]

    def language_labels(self) -> list[str]:
        return [str(Language(code).label) for code in self.languages]

    def weekday_labels(self) -> list[str]:
        return [str(Weekday(d).label) for d in sorted(self.weekdays)]

    def day_part_labels(self) -> list[str]:
        return [str(DayPart(p).label) for p in self.day_parts]


class ExperienceRecord(models.Model):
    """A person's experience areas: special-category (health) data, kept only with
    explicit consent. The row exists only while consent does, with its date and the
    version of the consent text; withdrawing consent deletes it, areas and all."""

    profile = models.OneToOneField(
        Profile,
        on_delete=models.CASCADE,
        related_name="experience",
        verbose_name=_("profile"),
    )
    areas = models.ManyToManyField(
        ExperienceArea, related_name="records", verbose_name=_("experience areas")
    )
    consent_given_at = models.DateTimeField(_("consent given"))
    consent_version = models.CharField(_("version of the consent text"), max_length=20)

    class Meta:
        verbose_name = _("experience areas with consent")
        verbose_name_plural = _("experience areas with consent")
        constraints = [
            models.CheckConstraint(
                condition=~Q(consent_version=""), name="volunteering_consent_version_given"
            )
        ]

    def __str__(self):
        return str(self.profile)


class TrainingRecord(models.Model):
    """Completed experience-expert training: from the certificate of a training marked as
    such, or entered by staff with the date and who trained the person."""

    profile = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="training_records",
        verbose_name=_("profile"),
    )
    completed_on = models.DateField(_("completed on"))
    trained_by = models.CharField(_("trained by"), max_length=200, blank=True)
    certificate = models.OneToOneField(
        Certificate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert_training_record",
        verbose_name=_("certificate"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )

    class Meta:
        ordering = ["-completed_on", "pk"]
        verbose_name = _("experience-expert training")
        verbose_name_plural = _("experience-expert trainings")
        constraints = [
            models.CheckConstraint(
                condition=Q(certificate__isnull=False) | ~Q(trained_by=""),
                name="volunteering_training_record_source",
                violation_error_message=_("Say who trained the person."),
            )
        ]

    def __str__(self):
        return f"{self.profile} {self.completed_on}"


class Request(models.Model):
    """A request for people from an association, the wellbeing services county (a
    partner) or staff."""

    class Place(models.TextChoices):
        ROOM = "room", _("A room of the centre")
        ADDRESS = "address", _("An address")
        ONLINE = "online", _("Online")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FILLED = "filled", _("Filled")
        CLOSED = "closed", _("Closed unfilled")
        CANCELLED = "cancelled", _("Cancelled")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="volunteer_requests",
        verbose_name=_("organisation"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="volunteer_requests",
        verbose_name=_("requested by"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    place = models.CharField(_("place"), max_length=10, choices=Place.choices)
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volunteer_requests",
        verbose_name=_("room"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volunteer_requests",
        verbose_name=_("municipality"),
    )
    people_needed = models.PositiveSmallIntegerField(_("people needed"))
    roles = ArrayField(
        models.CharField(max_length=20, choices=Role.choices), verbose_name=_("roles")
    )
    skills = models.ManyToManyField(
        Skill, related_name="requests", blank=True, verbose_name=_("skills")
    )
    experience_areas = models.ManyToManyField(
        ExperienceArea, related_name="requests", blank=True, verbose_name=_("experience areas")
    )
    languages = ArrayField(
        models.CharField(max_length=5, choices=Language.choices),
        default=list,
        blank=True,
        verbose_name=_("languages"),
    )
    fee_paid = models.BooleanField(_("a fee is paid"), default=False)
    answer_by = models.DateField(_("answers by"))
    is_public = models.BooleanField(
        _("shown to volunteers"),
        default=True,
        help_text=_(
            "Volunteers see the task (not your contact details) and may say they are interested."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("created"))
    filled_at = models.DateTimeField(_("filled"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("request for volunteers")
        verbose_name_plural = _("requests for volunteers")
        constraints = [
            models.CheckConstraint(
                condition=Q(people_needed__gt=0), name="volunteering_request_people_positive"
            ),
            models.CheckConstraint(condition=~Q(roles=[]), name="volunteering_request_has_role"),
            models.CheckConstraint(
                condition=Q(place="room", room__isnull=False)
                | Q(place="address", municipality__isnull=False) & ~Q(address="")
                | Q(place="online"),
                name="volunteering_request_place",
                violation_error_message=_("Give the room, or the address and municipality."),
            ),
            models.CheckConstraint(
                condition=Q(status="filled", filled_at__isnull=False) | ~Q(status="filled"),
                name="volunteering_request_filled_at",
            ),
        ]
        indexes = [models.Index(fields=["status", "answer_by"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("volunteering:request_detail", args=[self.pk])

    def role_labels(self) -> list[str]:
        return [str(Role(r).label) for r in self.roles]

    def language_labels(self) -> list[str]:
        return [str(Language(code).label) for code in self.languages]

    @property
    def place_text(self) -> str:
        if self.place == self.Place.ROOM and self.room_id:
            return str(self.room)
        if self.place == self.Place.ADDRESS:
            return f"{self.address}, {self.municipality}" if self.municipality_id else self.address
        return str(self.Place.ONLINE.label)


class RequestDate(models.Model):
    """One date of a request: its start and end."""

    request = models.ForeignKey(
        Request, on_delete=models.CASCADE, related_name="dates", verbose_name=_("request")
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("date")
        verbose_name_plural = _("dates")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="volunteering_date_end_after_start",
                violation_error_message=_("The end must be after the start."),
            )
        ]

    def __str__(self):
        return f"{self.request}: {self.start:%Y-%m-%d %H:%M}"

    @property
    def hours(self):
        from decimal import Decimal

        return Decimal((self.end - self.start).total_seconds()) / Decimal(3600)


class Interest(models.Model):
    """A volunteer says they are interested in a public request."""

    request = models.ForeignKey(
        Request, on_delete=models.CASCADE, related_name="interests", verbose_name=_("request")
    )
    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="interests", verbose_name=_("profile")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "profile"], name="volunteering_interest_once"
            )
        ]

    def __str__(self):
        return f"{self.profile} – {self.request}"


class Offer(models.Model):
    """A coordinator offers a request to a person, who accepts or declines by a deadline."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    request = models.ForeignKey(
        Request, on_delete=models.CASCADE, related_name="offers", verbose_name=_("request")
    )
    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="offers", verbose_name=_("person")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OFFERED
    )
    respond_by = models.DateTimeField(_("answer by"))
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("offered by"),
    )
    created_at = models.DateTimeField(_("offered"))
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "profile"],
                condition=Q(status="offered"),
                name="volunteering_offer_open_once",
                violation_error_message=_("The person already has an open offer of this task."),
            )
        ]

    def __str__(self):
        return f"{self.profile} – {self.request}"


class Assignment(models.Model):
    """A person holds a task. Its dates are Slots; see the module's docstring."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Agreed")
        CANCELLED = "cancelled", _("Cancelled")

    request = models.ForeignKey(
        Request, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("request")
    )
    profile = models.ForeignKey(
        Profile, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("person")
    )
    offer = models.OneToOneField(
        Offer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignment",
        verbose_name=_("offer"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    created_at = models.DateTimeField(_("created"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cancelled by"),
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "profile"],
                condition=Q(status="active"),
                name="volunteering_assignment_once",
                violation_error_message=_("The person already holds this task."),
            ),
            models.CheckConstraint(
                condition=Q(status="active", cancelled_at__isnull=True)
                | Q(status="cancelled", cancelled_at__isnull=False) & ~Q(cancel_reason=""),
                name="volunteering_assignment_cancel_reason",
                violation_error_message=_("Give the reason for cancelling."),
            ),
        ]

    def __str__(self):
        return f"{self.profile} – {self.request}"


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class Slot(models.Model):
    """The time of one date of an assignment, held by the person while the assignment is
    active. The exclusion constraint keeps a person's held slots from overlapping."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="slots", verbose_name=_("assignment")
    )
    date = models.ForeignKey(
        RequestDate, on_delete=models.CASCADE, related_name="slots", verbose_name=_("date")
    )
    # Copied from the assignment and the date, for the constraint.
    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="slots", verbose_name=_("person")
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    held = models.BooleanField(_("held"), default=True)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("assigned time")
        verbose_name_plural = _("assigned times")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="volunteering_slot_end_after_start"
            ),
            ExclusionConstraint(
                name="volunteering_slot_no_overlap",
                expressions=[
                    ("profile", RangeOperators.EQUAL),
                    (TsTzRange("start", "end", models.Value("[)")), RangeOperators.OVERLAPS),
                ],
                condition=Q(held=True),
                violation_error_message=_("The person already has a task at that time."),
            ),
        ]

    def __str__(self):
        return f"{self.profile} {self.start:%Y-%m-%d %H:%M}"


class FeeTier(models.Model):
    """An hourly fee of experience experts, e.g. trained and not trained."""

    name = models.CharField(_("name"), max_length=100)  # translated (translation.py)
    hourly_rate = models.DecimalField(_("hourly fee (€)"), max_digits=8, decimal_places=2)
    for_trained = models.BooleanField(_("for those with experience-expert training"), default=False)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["-for_trained", "name_fi"]
        verbose_name = _("fee tier")
        verbose_name_plural = _("fee tiers")
        constraints = [
            models.CheckConstraint(
                condition=Q(hourly_rate__gt=0),
                name="volunteering_fee_tier_rate_positive",
                violation_error_message=_("Give the hourly fee as a positive sum in euros."),
            ),
            models.UniqueConstraint(
                fields=["for_trained"],
                condition=Q(active=True),
                name="volunteering_one_active_tier_per_kind",
                violation_error_message=_(
                    "Only one tier for trained and one for untrained experts can be in use."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.hourly_rate} €/h)"


class TravelRule(models.Model):
    """Travel compensation for a date of a task at a place (not online), from a day on."""

    valid_from = models.DateField(_("valid from"), unique=True)
    per_date = models.DecimalField(_("compensation per date (€)"), max_digits=8, decimal_places=2)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("travel compensation rule")
        verbose_name_plural = _("travel compensation rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(per_date__gte=0), name="volunteering_travel_not_negative"
            )
        ]

    def __str__(self):
        return f"{self.per_date} € / {self.valid_from}"


class HourEntry(models.Model):
    """Hours the person reports for one date of a task: confirmed by the requester,
    approved or rejected by a coordinator. The fee is computed and frozen at approval."""

    class Status(models.TextChoices):
        REPORTED = "reported", _("Reported")
        CONFIRMED = "confirmed", _("Confirmed by the requester")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="hours", verbose_name=_("assignment")
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    note = models.CharField(_("note"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REPORTED
    )
    reported_at = models.DateTimeField(_("reported"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    reject_reason = models.CharField(_("reason for rejecting"), max_length=500, blank=True)
    # Frozen at approval: the rule in force then, not the one in force later.
    fee_tier = models.ForeignKey(
        FeeTier,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fee tier"),
    )
    hourly_rate = models.DecimalField(
        _("hourly fee (€)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    fee = models.DecimalField(_("fee (€)"), max_digits=9, decimal_places=2, null=True, blank=True)
    travel = models.DecimalField(
        _("travel compensation (€)"), max_digits=8, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("hours")
        verbose_name_plural = _("hours")
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="volunteering_hours_positive"),
            models.UniqueConstraint(
                fields=["assignment", "date"],
                condition=~Q(status="rejected"),
                name="volunteering_hours_once_per_date",
                violation_error_message=_("You have already reported hours for this date."),
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reject_reason=""),
                name="volunteering_hours_reject_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(fee__isnull=False, travel__isnull=False),
                name="volunteering_hours_fee_frozen",
            ),
        ]

    def __str__(self):
        return f"{self.assignment} {self.date} {self.hours} h"

    @property
    def total(self):
        if self.fee is None:
            return None
        return self.fee + (self.travel or 0)


class NotificationKind(models.TextChoices):
    OFFERED = "offered", _("Task offered")
    ASSIGNED = "assigned", _("Task agreed")
    CANCELLED = "cancelled", _("Task cancelled")
    HOURS_REJECTED = "hours_rejected", _("Hours rejected")


class Notification(OutboxMessage):
    """The volunteering outbox: one row per offer or assignment (or hour entry) and kind,
    so a message is never sent twice."""

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    hour_entry = models.ForeignKey(
        HourEntry, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )

    class Meta(OutboxMessage.Meta):
        verbose_name = _("volunteering notification")
        verbose_name_plural = _("volunteering notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "offer", "assignment", "hour_entry"],
                name="volunteering_notification_once",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.profile}"


class Report(ReportJob):
    """A volunteering PDF: an organisation's monthly fee statement, or a person's
    volunteering certificate."""

    class Kind(models.TextChoices):
        STATEMENT = "statement", _("Fee statement")
        CERTIFICATE = "certificate", _("Volunteering certificate")

    files_folder = "volunteering"

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    month = models.DateField(_("month"), null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="volunteering_reports",
        verbose_name=_("organisation"),
    )
    profile = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("person"),
    )

    class Meta(ReportJob.Meta):
        verbose_name = _("volunteering report")
        verbose_name_plural = _("volunteering reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind="statement",
                    organisation__isnull=False,
                    month__isnull=False,
                    profile__isnull=True,
                )
                | Q(kind="certificate", profile__isnull=False, organisation__isnull=True),
                name="volunteering_report_subject",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("volunteering:report_detail", args=[self.pk])

    def get_download_url(self) -> str:
        return reverse("volunteering:report_download", args=[self.pk])

    def clean(self):
        super().clean()
        if self.kind == self.Kind.STATEMENT:
            if self.organisation is None:
                raise VolunteeringError(
                    _("Choose the organisation whose statement you want."), field="organisation"
                )
            if self.month is None:
                raise VolunteeringError(_("Choose the month."), field="month")
            self.month = self.month.replace(day=1)
        elif self.kind == self.Kind.CERTIFICATE:
            if self.profile is None:
                raise VolunteeringError(_("Choose the person."), field="profile")
        else:
            raise VolunteeringError(_("Choose the kind of report."), field="kind")

    def render_pdf(self) -> bytes:
        from .reports import render_report_pdf  # that module imports this one

        return render_report_pdf(self)

    def download_name(self) -> str:
        if self.kind == self.Kind.STATEMENT:
            return f"palkkioerittely-{self.organisation_id}-{self.month:%Y-%m}.pdf"
        return f"vapaaehtoistodistus-{self.profile_id}.pdf"

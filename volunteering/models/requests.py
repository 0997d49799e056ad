"""Requests for people with their dates, the interest volunteers show and the offers
coordinators make."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from facilities.models import Room
from organisations.models import Municipality, Organisation

from .profiles import Profile
from .vocabulary import ExperienceArea, Language, Role, Skill


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

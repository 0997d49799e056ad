"""Sites, rooms and offices; opening hours; bookings and booking series; office leases and
key hand-overs; the notification outbox and stored PDF reports.

The rule that a room is never double-booked is an exclusion constraint on Booking, so
no code path (page, API, admin, two people at once) can break it."""

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import (
    ArrayField,
    DateTimeRangeField,
    RangeOperators,
)
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import OutboxMessage, ReportJob
from core.uploads import validate_image_upload
from organisations.models import Municipality, Organisation

from .errors import BookingError
from .querysets import BookingQuerySet, RoomQuerySet


class Site(models.Model):
    """A building or address with its own opening hours."""

    # name, description and accessibility are translated (translation.py)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Entrances, lifts, toilets, parking, induction loop and so on."),
    )
    street_address = models.CharField(_("street address"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=5)
    post_office = models.CharField(_("post office"), max_length=100)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="sites",
        null=True,
        blank=True,
        verbose_name=_("municipality"),
    )
    holidays_closed = models.BooleanField(
        _("closed on public holidays"),
        default=True,
        help_text=_("Finnish public holidays are closed unless an exception opens them."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self):
        return self.name


class Room(models.Model):
    class Kind(models.TextChoices):
        MEETING_ROOM = "meeting_room", _("Meeting room")
        HALL = "hall", _("Hall")
        MEETING_PLACE = "meeting_place", _("Café / open meeting place")
        OFFICE = "office", _("Office room")
        WORKSTATION = "workstation", _("Workstation")

    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="rooms", verbose_name=_("site")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # name, description, equipment, accessibility and photo_alt are translated
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    equipment = models.TextField(_("equipment"), blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity (people)"))
    photo = models.ImageField(
        _("photo"), upload_to="rooms/", blank=True, validators=[validate_image_upload]
    )
    photo_alt = models.CharField(
        _("photo alternative text"),
        max_length=300,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    is_bookable = models.BooleanField(_("can be booked"), default=True)
    requires_approval = models.BooleanField(
        _("bookings need staff approval"),
        default=False,
        help_text=_("Otherwise a booking is confirmed at once."),
    )
    hourly_price_member = models.DecimalField(
        _("hourly price for members (€)"), max_digits=8, decimal_places=2, default=0
    )
    hourly_price_non_member = models.DecimalField(
        _("hourly price for non-members (€)"), max_digits=8, decimal_places=2, default=0
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        _("buffer between bookings (minutes)"),
        default=0,
        help_text=_("Time for cleaning and setting up after each booking."),
    )
    min_duration_minutes = models.PositiveSmallIntegerField(
        _("minimum duration (minutes)"), default=30
    )
    max_duration_minutes = models.PositiveIntegerField(_("maximum duration (minutes)"), default=480)
    booking_horizon_days = models.PositiveSmallIntegerField(
        _("bookings open (days ahead)"), default=180
    )
    cancellation_deadline_hours = models.PositiveSmallIntegerField(
        _("cancellation deadline (hours before)"), default=24
    )

    objects = RoomQuerySet.as_manager()

    class Meta:
        ordering = ["site__name", "name"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.CheckConstraint(
                condition=Q(hourly_price_member__gte=0) & Q(hourly_price_non_member__gte=0),
                name="room_prices_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(min_duration_minutes__gt=0)
                & Q(min_duration_minutes__lte=F("max_duration_minutes")),
                name="room_duration_limits",
            ),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="room_capacity_positive"),
        ]

    def __str__(self):
        return self.name

    @property
    def buffer(self) -> timedelta:
        return timedelta(minutes=self.buffer_minutes)

    def hourly_price(self, *, is_member: bool):
        return self.hourly_price_member if is_member else self.hourly_price_non_member


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OpeningHours(models.Model):
    """A weekly rule: the site is open on this weekday between these times, within the
    optional validity period. Several rules may cover one weekday (e.g. a lunch break)."""

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("site")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["site", "weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(condition=Q(opens__lt=F("closes")), name="opening_hours_order"),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_from__lte=F("valid_until")),
                name="opening_hours_validity_order",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def applies_on(self, day) -> bool:
        return (
            day.weekday() == self.weekday
            and (self.valid_from is None or self.valid_from <= day)
            and (self.valid_until is None or day <= self.valid_until)
        )


class OpeningException(models.Model):
    """A dated exception: different hours on one day, or (without times) a closure.
    It replaces the weekly rules and the public-holiday closure for that day."""

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="exceptions", verbose_name=_("site")
    )
    date = models.DateField(_("date"))
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)  # translated

    class Meta:
        ordering = ["site", "date"]
        verbose_name = _("exception to opening hours")
        verbose_name_plural = _("exceptions to opening hours")
        constraints = [
            models.UniqueConstraint(fields=["site", "date"], name="opening_exception_one_per_day"),
            models.CheckConstraint(
                condition=(Q(opens__isnull=True) & Q(closes__isnull=True))
                | Q(opens__lt=F("closes")),
                name="opening_exception_closed_or_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.date:%d.%m.%Y}"

    @property
    def is_closed(self) -> bool:
        return self.opens is None


class BookingSeries(models.Model):
    """A weekly recurring booking: the same time on chosen weekdays until a date. Each
    occurrence is its own Booking; the series remembers how they were made."""

    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="series", verbose_name=_("room")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="booking_series",
        verbose_name=_("organisation"),
    )
    weekdays = ArrayField(
        models.PositiveSmallIntegerField(choices=Weekday.choices), verbose_name=_("weekdays")
    )
    first_date = models.DateField(_("first date"))
    until = models.DateField(_("until"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("booking series")
        verbose_name_plural = _("booking series")

    def __str__(self):
        return f"{self.room} {self.first_date:%d.%m.%Y}–{self.until:%d.%m.%Y}"


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class Booking(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")
        CANCELLED = "cancelled", _("Cancelled")

    # Statuses that hold the room.
    HOLDING = (Status.REQUESTED, Status.CONFIRMED)

    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("room")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="bookings",
        verbose_name=_("organisation"),
    )
    series = models.ForeignKey(
        BookingSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("series"),
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    # End plus the room's buffer at booking time: the room is held from start to here.
    # A stored column, because timestamptz + interval cannot be indexed (not immutable).
    held_until = models.DateTimeField(_("held until"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    attendees = models.PositiveIntegerField(
        _("expected attendees"), validators=[MinValueValidator(1), MaxValueValidator(10000)]
    )
    requests = models.TextField(_("requests"), blank=True, max_length=2000)
    price = models.DecimalField(_("price (€)"), max_digits=10, decimal_places=2)
    member_price = models.BooleanField(_("member price"), default=False)
    # Notifications go in the language the booking was made in.
    language = models.CharField(_("language"), max_length=5, default="fi")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="bookings_made",
        verbose_name=_("booked by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cancelled by"),
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="booking_end_after_start"),
            models.CheckConstraint(
                condition=Q(held_until__gte=F("end")), name="booking_held_until_after_end"
            ),
            models.CheckConstraint(condition=Q(price__gte=0), name="booking_price_not_negative"),
            models.CheckConstraint(condition=Q(attendees__gte=1), name="booking_attendees"),
            # No two bookings that hold the room overlap, buffers included.
            ExclusionConstraint(
                name="booking_no_overlap",
                expressions=[
                    ("room", RangeOperators.EQUAL),
                    (
                        TsTzRange("start", "held_until", models.Value("[)")),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                condition=Q(status__in=["requested", "confirmed"]),
                violation_error_message=_("The room is already booked at that time."),
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "start"]),
            # The staff dashboard's week of bookings and its booked hours per month read
            # only the bookings that hold a room, by time: from this index alone.
            models.Index(
                fields=["start"],
                include=["end", "status"],
                condition=Q(status__in=["requested", "confirmed"]),
                name="booking_holding_by_start",
            ),
            # The requests waiting for staff, counted on every staff page.
            models.Index(
                fields=["created_at"],
                condition=Q(status="requested"),
                name="booking_requested",
            ),
        ]

    def __str__(self):
        return f"{self.room} {self.start:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.held_until is None and self.start and self.end:
            self.held_until = self.end + self.room.buffer
        super().save(*args, **kwargs)

    @property
    def is_holding(self) -> bool:
        return self.status in self.HOLDING

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    @property
    def cancellation_deadline(self) -> datetime:
        """Until when the organisation may cancel the booking itself; staff may later."""
        return self.start - timedelta(hours=self.room.cancellation_deadline_hours)


class NotificationKind(models.TextChoices):
    RECEIVED = "received", _("Booking request received")
    CONFIRMED = "confirmed", _("Booking confirmed")
    APPROVED = "approved", _("Booking approved")
    REJECTED = "rejected", _("Booking rejected")
    REMINDER = "reminder", _("Reminder")
    CANCELLED = "cancelled", _("Booking cancelled")


class BookingNotification(OutboxMessage):
    """The outbox: one row per booking and kind, so sending twice is impossible."""

    booking = models.ForeignKey(
        Booking, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("booking")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)

    class Meta(OutboxMessage.Meta):
        verbose_name = _("booking notification")
        verbose_name_plural = _("booking notifications")
        constraints = [
            models.UniqueConstraint(fields=["booking", "kind"], name="notification_once_per_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.booking}"


def _feed_token():
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret that opens an organisation's private iCal feed of its bookings."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="booking_feed",
        verbose_name=_("organisation"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=_feed_token)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.organisation)


class Report(ReportJob):
    """A room booking report: the utilisation of the rooms in a month, or an
    organisation's monthly booking statement."""

    class Kind(models.TextChoices):
        UTILISATION = "utilisation", _("Room utilisation")
        STATEMENT = "statement", _("Booking statement")

    files_folder = "facilities"

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="booking_reports",
        verbose_name=_("organisation"),
    )

    class Meta(ReportJob.Meta):
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="utilisation", organisation__isnull=True)
                | Q(kind="statement", organisation__isnull=False),
                name="report_statement_has_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.month:%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("facilities:report_detail", args=[self.pk])

    def get_download_url(self) -> str:
        return reverse("facilities:report_download", args=[self.pk])

    def clean(self):
        super().clean()
        if self.kind not in self.Kind.values:
            raise BookingError(_("Choose the kind of report."), field="kind")
        if self.kind == self.Kind.STATEMENT and self.organisation is None:
            raise BookingError(
                _("Choose the organisation whose statement you want."), field="organisation"
            )
        self.month = self.month.replace(day=1)
        if self.kind == self.Kind.UTILISATION:
            self.organisation = None  # a utilisation report covers every organisation

    def render_pdf(self) -> bytes:
        from .reports import render_report_pdf  # that module imports this one

        return render_report_pdf(self)

    def download_name(self) -> str:
        if self.kind == self.Kind.STATEMENT:
            return f"statement-{self.organisation_id}-{self.month:%Y-%m}.pdf"
        return f"utilisation-{self.month:%Y-%m}.pdf"


from .models_meetings import MeetingRoomBooking  # noqa: E402, F401  (registers the model)

# Defined in their own module, registered with the app from here.
from .models_offices import KeyHandover, OfficeLease  # noqa: E402, F401

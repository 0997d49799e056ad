"""The public event calendar: events with their keywords, audiences and places, the
organisations whose events publish at once, and the external sources events are
imported from.

Rules about one row are database constraints: an event has exactly one location (a room
of the centre, a place, or an online link), an organiser (an organisation or a name),
an end not before its start, and alt text whenever it has an image."""

from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.uploads import validate_image_upload
from facilities.models import Booking, Room
from organisations.models import Municipality, Organisation

from .querysets import EventQuerySet, Span

# The illustration of each kind of event and its alternative text.
ILLUSTRATIONS = {
    "general": _("Illustration: people gathered at an event"),
    "course": _("Illustration: a trainer beside a blackboard"),
    "meeting_place": _("Illustration: two people having coffee at a table"),
    "volunteering": _("Illustration: two hands reaching for a heart"),
}

# Each language's texts are stemmed with its own rules (events/search.py).
SEARCH_CONFIGS = {"fi": "finnish", "sv": "swedish", "en": "english"}


def search_document() -> SearchVector:
    """Names (weight A), short descriptions (B) and descriptions (C) in fi, sv and en,
    each language with its own configuration (events/search.py says what it misses)."""
    parts = [
        SearchVector(f"{field}_{language}", weight=weight, config=config)
        for field, weight in (("name", "A"), ("short_description", "B"), ("description", "C"))
        for language, config in SEARCH_CONFIGS.items()
    ]
    document = parts[0]
    for part in parts[1:]:
        document += part
    return document


class Audience(models.TextChoices):
    CHILDREN = "children", _("Children")
    YOUTH = "youth", _("Young people")
    FAMILIES = "families", _("Families")
    ADULTS = "adults", _("Adults")
    OLDER_PEOPLE = "older_people", _("Older people")
    IMMIGRANTS = "immigrants", _("Immigrants")
    ASSOCIATIONS = "associations", _("Associations")
    EVERYONE = "everyone", _("Everyone")


class EventLanguage(models.TextChoices):
    """The languages an event is held in (ISO 639-1 codes, as in Linked Events)."""

    FINNISH = "fi", _("Finnish")
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")
    NORTHERN_SAMI = "se", _("Northern Sámi")
    RUSSIAN = "ru", _("Russian")
    ESTONIAN = "et", _("Estonian")
    ARABIC = "ar", _("Arabic")
    SOMALI = "so", _("Somali")
    UKRAINIAN = "uk", _("Ukrainian")
    SIGN_LANGUAGE = "fse", _("Finnish Sign Language")


class Keyword(models.Model):
    """A topic. ``code`` is stable across imports (e.g. ``yso:p1235`` or our own slug)."""

    code = models.CharField(_("code"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)  # translated

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("keyword")
        verbose_name_plural = _("keywords")

    def __str__(self):
        return self.name


class Place(models.Model):
    """A venue outside the centre's rooms."""

    name = models.CharField(_("name"), max_length=200)  # translated
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    post_office = models.CharField(_("post office"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_places",
        verbose_name=_("municipality"),
    )
    # For places made by an import: the upstream id, so that a re-import reuses them.
    source_key = models.CharField(_("source key"), max_length=300, blank=True)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.UniqueConstraint(
                fields=["source_key"], condition=~Q(source_key=""), name="place_source_key_unique"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def address(self) -> str:
        town = " ".join(p for p in (self.postal_code, self.post_office) if p)
        return ", ".join(p for p in (self.street_address, town) if p)


class TrustedOrganiser(models.Model):
    """An organisation whose submitted events publish without moderation."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="trusted_organiser",
        verbose_name=_("organisation"),
    )
    trusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked trusted by"),
    )
    trusted_at = models.DateTimeField(_("marked trusted"), auto_now_add=True)

    class Meta:
        verbose_name = _("trusted organiser")
        verbose_name_plural = _("trusted organisers")

    def __str__(self):
        return str(self.organisation)


class ImportSource(models.Model):
    """An external calendar whose events are pulled in periodically."""

    class Kind(models.TextChoices):
        ICALENDAR = "ical", _("iCalendar URL")
        LINKED_EVENTS = "linkedevents", _("Linked Events API URL")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    url = models.URLField(_("address"), max_length=1000)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_sources",
        verbose_name=_("organiser of the events"),
        help_text=_("Leave empty to use the organiser named in the feed."),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality of the places"),
    )
    is_active = models.BooleanField(_("imported periodically"), default=True)
    last_run_at = models.DateTimeField(_("last imported"), null=True, blank=True)
    last_report = models.JSONField(_("last report"), default=dict, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("import source")
        verbose_name_plural = _("import sources")

    def __str__(self):
        return self.name


class Event(models.Model):
    class Kind(models.TextChoices):
        GENERAL = "general", _("Event")
        COURSE = "course", _("Course")
        MEETING_PLACE = "meeting_place", _("Meeting place or open café")
        VOLUNTEERING = "volunteering", _("Volunteering")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")
        POSTPONED = "postponed", _("Postponed")

    class Publication(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")

    # name, short_description, description and image_alt are translated: translation.py
    name = models.CharField(_("name"), max_length=200)
    short_description = models.CharField(_("short description"), max_length=300, blank=True)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.GENERAL)

    # Times in UTC. A date-only event runs from local midnight of its first day to local
    # midnight after its last day. A postponed event may have no time yet.
    start = models.DateTimeField(_("start"), null=True, blank=True)
    end = models.DateTimeField(_("end"), null=True, blank=True)
    all_day = models.BooleanField(_("date only"), default=False)

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("organiser"),
    )
    organiser_name = models.CharField(
        _("organiser name"),
        max_length=200,
        blank=True,
        help_text=_("When the organiser is not in the register."),
    )

    # Location: exactly one of these three.
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("room of the centre"),
    )
    booking = models.ForeignKey(
        Booking,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("room booking"),
    )
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("place"),
    )
    online_url = models.URLField(_("online link"), max_length=1000, blank=True)
    expected_attendees = models.PositiveIntegerField(
        _("expected attendees"), null=True, blank=True, help_text=_("For booking the room.")
    )

    keywords = models.ManyToManyField(
        Keyword, related_name="events", blank=True, verbose_name=_("keywords")
    )
    audiences = ArrayField(
        models.CharField(max_length=20, choices=Audience.choices),
        default=list,
        blank=True,
        verbose_name=_("audiences"),
    )
    languages = ArrayField(
        models.CharField(max_length=5, choices=EventLanguage.choices),
        default=list,
        blank=True,
        verbose_name=_("languages"),
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    price = models.CharField(_("price"), max_length=200, blank=True)
    registration_url = models.URLField(_("registration link"), max_length=1000, blank=True)
    info_url = models.URLField(_("more information"), max_length=1000, blank=True)

    wheelchair_accessible = models.BooleanField(_("wheelchair access"), default=False)
    induction_loop = models.BooleanField(_("induction loop"), default=False)
    plain_language = models.BooleanField(_("plain-language Finnish (selkokieli)"), default=False)
    sign_language = models.BooleanField(_("sign language"), default=False)

    image = models.ImageField(
        _("image"), upload_to="events/", blank=True, validators=[validate_image_upload]
    )
    image_url = models.URLField(_("image address"), max_length=1000, blank=True)
    image_alt = models.CharField(_("image alt text"), max_length=300, blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    publication = models.CharField(
        _("publication"), max_length=20, choices=Publication.choices, default=Publication.DRAFT
    )
    moderation_comment = models.TextField(_("comment from the staff"), blank=True, max_length=2000)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    super_event = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sub_events",
        verbose_name=_("series"),
    )

    source = models.ForeignKey(
        ImportSource,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("imported from"),
    )
    source_key = models.CharField(_("id in the source"), max_length=500, blank=True)
    source_hash = models.CharField(max_length=64, blank=True, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events_created",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_modified = models.DateTimeField(_("last modified"), auto_now=True, db_index=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    # The searched document (events/search.py), stored by the database itself, so that
    # ranking many matches reads it instead of computing it again for every row.
    search_vector = models.GeneratedField(
        expression=search_document(),
        output_field=SearchVectorField(),
        db_persist=True,
        editable=False,
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(room__isnull=False, place__isnull=True, online_url="")
                    | Q(room__isnull=True, place__isnull=False, online_url="")
                    | (Q(room__isnull=True, place__isnull=True) & ~Q(online_url=""))
                ),
                name="event_exactly_one_location",
                violation_error_message=_(
                    "Give exactly one location: a room, a place or an online link."
                ),
            ),
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(organiser_name=""),
                name="event_has_organiser",
                violation_error_message=_("Give the organiser."),
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=False, end__isnull=False, end__gte=F("start"))
                | Q(start__isnull=True, end__isnull=True, status="postponed"),
                name="event_time_valid",
                violation_error_message=_("The end must not be before the start."),
            ),
            models.CheckConstraint(
                condition=(Q(image="") & Q(image_url=""))
                | (Q(image_alt_fi__isnull=False) & ~Q(image_alt_fi="")),
                name="event_image_has_alt",
                violation_error_message=_("Describe the image in an alt text."),
            ),
            models.CheckConstraint(
                condition=Q(room__isnull=False) | Q(booking__isnull=True),
                name="event_booking_needs_room",
            ),
            models.CheckConstraint(
                condition=Q(is_free=True) | ~Q(price=""),
                name="event_price_when_not_free",
                violation_error_message=_("Give the price, or mark the event free."),
            ),
            models.UniqueConstraint(
                fields=["source", "source_key"],
                condition=Q(source__isnull=False),
                name="event_source_key_unique",
            ),
            # Events another app keeps (events.services.event_announce), by their key.
            models.UniqueConstraint(
                fields=["source_key"],
                condition=Q(source__isnull=True) & ~Q(source_key=""),
                name="event_announced_key_unique",
            ),
        ]
        indexes = [
            # The public list: visible events by time.
            models.Index(
                fields=["start", "end"],
                name="event_public_start",
                condition=Q(publication="published", deleted_at__isnull=True),
            ),
            models.Index(
                fields=["end"],
                name="event_public_end",
                condition=Q(publication="published", deleted_at__isnull=True),
            ),
            # The earliest start among events going on at a moment (EventQuerySet.overlapping).
            GistIndex(Span("start", "end"), name="event_span", condition=Q(start__isnull=False)),
            models.Index(fields=["publication", "created_at"], name="event_moderation"),
            models.Index(fields=["organisation", "start"], name="event_organisation_start"),
            GinIndex(fields=["audiences"], name="event_audiences"),
            GinIndex(fields=["languages"], name="event_languages"),
            GinIndex(name="event_name_fi_trgm", fields=["name_fi"], opclasses=["gin_trgm_ops"]),
            GinIndex(name="event_search_vector", fields=["search_vector"]),
        ]

    def __str__(self):
        return self.name

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_public(self) -> bool:
        return self.publication == self.Publication.PUBLISHED and self.deleted_at is None

    @property
    def picture(self) -> dict:
        """What a card or page shows: the event's own image, or the illustration of its
        kind shipped with the project (static/img/events/, see its LICENCE). An imported
        image stays at its source (image_url): no third-party requests from a page."""
        if self.image:
            return {"url": self.image.url, "alt": self.image_alt, "illustration": False}
        kind = self.kind if self.kind in ILLUSTRATIONS else self.Kind.GENERAL
        return {
            "url": static(f"img/events/{kind}.svg"),
            "alt": str(ILLUSTRATIONS[kind]),
            "illustration": True,
        }

    @property
    def organiser_display(self) -> str:
        return self.organisation.name if self.organisation_id else self.organiser_name

    @property
    def location_kind(self) -> str:
        if self.room_id:
            return "room"
        if self.place_id:
            return "place"
        return "online"

    @property
    def first_day(self):
        """The local date the event starts on."""
        return timezone.localtime(self.start).date() if self.start else None

    @property
    def last_day(self):
        """The local date of the event's last day (a date-only event ends at midnight)."""
        if not self.end:
            return None
        end = timezone.localtime(self.end)
        if self.all_day:
            return max((end - timedelta(days=1)).date(), self.first_day)
        return end.date()

    @property
    def has_image(self) -> bool:
        return bool(self.image or self.image_url)

    @property
    def image_src(self) -> str:
        if self.image:
            return self.image.url
        return self.image_url

    def audience_labels(self) -> list[str]:
        return [str(label) for value, label in Audience.choices if value in self.audiences]

    def language_labels(self) -> list[str]:
        return [str(label) for value, label in EventLanguage.choices if value in self.languages]

    def accessibility_flags(self) -> list[str]:
        """The names of the accessibility features the event has, translated."""
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in ACCESSIBILITY_FIELDS
            if getattr(self, name)
        ]


ACCESSIBILITY_FIELDS = (
    "wheelchair_accessible",
    "induction_loop",
    "plain_language",
    "sign_language",
)

"""Use cases of the calendar that write: a representative saves and submits an event
for their organisation, staff publish it or return it with a comment, staff mark an
organisation trusted so that its events publish at once.

An event in a room of the centre books the room through facilities'
``booking_create`` when it is submitted, with the booking rules and messages of room
booking: a taken time is refused with the booking's own message, and nothing of the
event is saved (the whole use case is one transaction)."""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core import clock
from core.access import is_staff
from core.clock import local_datetime
from facilities.errors import BookingError
from facilities.models import Room
from facilities.services import booking_cancel, booking_create, may_book_for
from organisations.models import Organisation

from .errors import EventError
from .models import Event, Keyword, Place, TrustedOrganiser

logger = logging.getLogger(__name__)

MAX_DAYS = 366  # one event at most a year long; longer runs are a series


@dataclass
class EventInput:
    """What a person gives for an event. Translated texts by language code."""

    name: dict[str, str]
    start_date: date | None
    start_time: time | None = None
    end_date: date | None = None
    end_time: time | None = None
    short_description: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    kind: str = Event.Kind.GENERAL
    location_kind: str = "place"  # room, place or online
    room: Room | None = None
    expected_attendees: int | None = None
    place: Place | None = None
    # A new place given by name, address and municipality (when ``place`` is None).
    new_place: dict | None = None
    online_url: str = ""
    keywords: list[Keyword] = field(default_factory=list)
    audiences: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    is_free: bool = True
    price: str = ""
    registration_url: str = ""
    info_url: str = ""
    wheelchair_accessible: bool = False
    induction_loop: bool = False
    plain_language: bool = False
    sign_language: bool = False
    image: object = None  # an uploaded file, or None to keep the current one
    image_alt: dict[str, str] = field(default_factory=dict)
    status: str = Event.Status.SCHEDULED
    super_event: Event | None = None


TRANSLATED = ("name", "short_description", "description", "image_alt")
PLAIN = (
    "kind",
    "audiences",
    "languages",
    "is_free",
    "price",
    "registration_url",
    "info_url",
    "wheelchair_accessible",
    "induction_loop",
    "plain_language",
    "sign_language",
    "status",
    "super_event",
)


def may_submit_for(user, organisation: Organisation) -> bool:
    """Staff for anyone; an approved representative for their own organisation."""
    return may_book_for(user, organisation)


def may_edit(user, event: Event) -> bool:
    """Staff any event; a representative their organisation's events while drafts or
    waiting for moderation (a submitted event stays submitted when changed)."""
    if is_staff(user):
        return True
    if event.organisation_id is None or event.is_deleted:
        return False
    return event.publication in (
        Event.Publication.DRAFT,
        Event.Publication.SUBMITTED,
    ) and may_submit_for(user, event.organisation)


def is_trusted(organisation: Organisation | None) -> bool:
    return (
        organisation is not None
        and TrustedOrganiser.objects.filter(organisation=organisation).exists()
    )


def event_times(
    start_date: date | None,
    start_time: time | None,
    end_date: date | None,
    end_time: time | None,
) -> tuple[datetime, datetime, bool]:
    """(start, end, all_day) from what the person typed, in local time. Without a start
    time the event is date-only and runs to the end of its last day."""
    if start_date is None:
        raise EventError(_("Give the date of the event."), field="start_date")
    end_date = end_date or start_date
    if end_date < start_date:
        raise EventError(_("The last day must not be before the first."), field="end_date")
    if (end_date - start_date).days > MAX_DAYS:
        raise EventError(
            _("An event can last at most %(days)s days; make longer runs a series."),
            field="end_date",
            params={"days": MAX_DAYS},
        )
    if start_time is None:
        if end_time is not None:
            raise EventError(_("Give the start time too, or neither time."), field="start_time")
        return (
            local_datetime(start_date, time(0)),
            local_datetime(end_date + timedelta(days=1), time(0)),
            True,
        )
    start = local_datetime(start_date, start_time)
    if end_time is None:
        end = start if end_date == start_date else local_datetime(end_date, time(23, 59))
    else:
        end = local_datetime(end_date, end_time)
    if end < start:
        raise EventError(_("The end must not be before the start."), field="end_time")
    return start, end, False


def _clean_text(value: str | None) -> str:
    # NUL cannot be stored in PostgreSQL text; the rest of the control characters are
    # harmless noise from copy-paste.
    return (value or "").replace("\x00", "").strip()


def _apply(event: Event, data: EventInput):
    if not _clean_text(data.name.get("fi")):
        raise EventError(_("Give the name in Finnish."), field="name_fi")
    for name in TRANSLATED:
        values = getattr(data, name) or {}
        for code in ("fi", "sv", "en"):
            setattr(event, f"{name}_{code}", _clean_text(values.get(code)))
    for name in PLAIN:
        setattr(event, name, getattr(data, name))
    event.price = _clean_text(data.price)
    event.start, event.end, event.all_day = event_times(
        data.start_date, data.start_time, data.end_date, data.end_time
    )
    check_location(data)
    event.room = event.place = None
    event.online_url = ""
    if data.location_kind == "room":
        event.room = data.room
    elif data.location_kind == "place":
        event.place = data.place or _new_place(data.new_place)
    else:
        event.online_url = data.online_url
    event.expected_attendees = data.expected_attendees if event.room else None
    if data.image is not None:
        event.image = data.image
    if data.super_event is not None and data.super_event.pk == event.pk:
        raise EventError(_("An event cannot be its own series."), field="super_event")


def check_location(data: EventInput):
    """The rules of the event's location, without writing anything: the form checks its
    "where" step with them before the event is saved."""
    if data.location_kind == "room":
        if data.room is None:
            raise EventError(_("Choose the room."), field="room")
        if not data.expected_attendees:
            raise EventError(
                _("Give the number of expected attendees for booking the room."),
                field="expected_attendees",
            )
    elif data.location_kind == "place":
        if data.place is None:
            values = data.new_place or {}
            if not _clean_text(values.get("name")):
                raise EventError(
                    _("Choose the place, or give the name of a new one."), field="place"
                )
            if values.get("municipality") is None:
                raise EventError(
                    _("Give the municipality of the place."), field="place_municipality"
                )
    elif data.location_kind == "online":
        if not data.online_url:
            raise EventError(_("Give the link to the online event."), field="online_url")
    else:
        raise EventError(_("Choose where the event is."), field="location_kind")


def event_preview(*, organisation: Organisation, data: EventInput, event: Event | None = None):
    """The event as its public page will show it, built and checked but not saved: a
    new place stays unsaved, an edited event keeps its image unless a new one is given."""
    preview = Event(organisation=organisation)
    for name in TRANSLATED:
        values = getattr(data, name) or {}
        for code in ("fi", "sv", "en"):
            setattr(preview, f"{name}_{code}", _clean_text(values.get(code)))
    for name in PLAIN:
        setattr(preview, name, getattr(data, name))
    preview.price = _clean_text(data.price)
    preview.start, preview.end, preview.all_day = event_times(
        data.start_date, data.start_time, data.end_date, data.end_time
    )
    check_location(data)
    if data.location_kind == "room":
        preview.room = data.room
    elif data.location_kind == "place":
        values = data.new_place or {}
        preview.place = data.place or Place(
            name_fi=_clean_text(values.get("name")),
            street_address=_clean_text(values.get("street_address")),
            postal_code=_clean_text(values.get("postal_code")),
            post_office=_clean_text(values.get("post_office")),
            municipality=values.get("municipality"),
        )
    else:
        preview.online_url = data.online_url
    if event is not None and event.image:
        preview.image = event.image.name
    return preview


def _new_place(values: dict | None) -> Place:
    values = values or {}
    name = _clean_text(values.get("name"))
    place = Place(
        name_fi=name,
        street_address=_clean_text(values.get("street_address")),
        postal_code=_clean_text(values.get("postal_code")),
        post_office=_clean_text(values.get("post_office")),
        municipality=values["municipality"],
    )
    try:
        place.full_clean(exclude=["source_key"])
    except ValidationError as error:
        raise EventError.from_validation_error(error) from None
    place.save()
    return place


def _validate(event: Event):
    """The model's own checks (lengths, URLs, constraints) as an EventError."""
    try:
        event.full_clean(exclude=["keywords", "created_by", "booking", "source"])
    except ValidationError as error:
        raise EventError.from_validation_error(error) from None


def _time_changed(old: Event | None, event: Event) -> bool:
    if old is None:
        return False
    return (old.room_id, old.start, old.end) != (event.room_id, event.start, event.end)


def _release_booking(actor, event: Event):
    """Cancel the room booking the event holds (when its time or room changes)."""
    booking = event.booking
    event.booking = None
    if booking is not None and booking.is_holding:
        booking_cancel(actor=actor, booking=booking)


def _book_room(actor, event: Event, language: str):
    """Book the event's room, unless its booking already holds it."""
    if event.room is None or (event.booking is not None and event.booking.is_holding):
        return
    event.booking = booking_create(
        actor=actor,
        room=event.room,
        organisation=event.organisation,
        start=event.start,
        end=event.end,
        purpose=event.name_fi[:200],
        attendees=event.expected_attendees,
        language=language,
    )


@transaction.atomic
def event_save(
    *,
    actor,
    organisation: Organisation,
    data: EventInput,
    event: Event | None = None,
    submit: bool = False,
    language: str = "fi",
) -> Event:
    """Create or change an event of ``organisation``; with ``submit``, also submit it
    (which books its room, and publishes it at once for staff and trusted organisers).
    On any error nothing is saved."""
    if not may_submit_for(actor, organisation):
        raise PermissionDenied
    old = None
    if event is None:
        event = Event(created_by=actor)
    else:
        event = (
            Event.objects.select_for_update(of=("self",)).select_related("booking").get(pk=event.pk)
        )
        if not may_edit(actor, event):
            raise EventError(_("Only a draft can be changed."))
        old = Event.objects.get(pk=event.pk)
    event.organisation = organisation
    event.organiser_name = ""
    _apply(event, data)
    if event.room and organisation.is_dissolved:
        raise EventError(_("The organisation has been dissolved."), field="organisation")
    if (
        event.start
        and event.start < clock.now()
        and not is_staff(actor)
        and (old is None or _time_changed(old, event))
    ):
        raise EventError(_("The start is in the past."), field="start_date")
    _validate(event)
    if _time_changed(old, event) or (old is not None and event.room is None):
        _release_booking(actor, event)
    event.last_modified = clock.now()
    event.save()
    event.keywords.set(data.keywords)
    if submit:
        event = _submit(actor, event, language)
    logger.info("event %s saved by user %s", event.pk, actor.pk)
    return event


def _submit(actor, event: Event, language: str) -> Event:
    if event.publication != Event.Publication.DRAFT:
        raise EventError(_("Only a draft can be submitted."))
    _book_room(actor, event, language)
    now = clock.now()
    if is_staff(actor) or is_trusted(event.organisation):
        event.publication = Event.Publication.PUBLISHED
        event.published_at = now
    else:
        event.publication = Event.Publication.SUBMITTED
    event.moderation_comment = ""
    event.last_modified = now
    event.save()
    return event


@transaction.atomic
def event_submit(*, actor, event: Event, language: str = "fi") -> Event:
    """Send a draft to moderation (or publish it at once when trusted)."""
    event = Event.objects.select_for_update(of=("self",)).select_related("booking").get(pk=event.pk)
    if event.organisation is None or not may_submit_for(actor, event.organisation):
        raise PermissionDenied
    return _submit(actor, event, language)


@transaction.atomic
def event_unsubmit(*, actor, event: Event) -> Event:
    """Take an event waiting for moderation back to a draft (its representative's own
    choice, before the staff decide). The room booking stays, as when staff return it."""
    event = Event.objects.select_for_update(of=("self",)).get(pk=event.pk)
    if event.organisation is None or not may_submit_for(actor, event.organisation):
        raise PermissionDenied
    if event.publication != Event.Publication.SUBMITTED or event.is_deleted:
        raise EventError(_("Only an event waiting for moderation can be withdrawn."))
    event.publication = Event.Publication.DRAFT
    event.last_modified = clock.now()
    event.save(update_fields=["publication", "last_modified"])
    logger.info("event %s taken back from moderation by user %s", event.pk, actor.pk)
    return event


def _require_staff(actor):
    if not is_staff(actor):
        raise PermissionDenied


@transaction.atomic
def event_publish(*, actor, event: Event) -> Event:
    _require_staff(actor)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.publication != Event.Publication.SUBMITTED or event.is_deleted:
        raise EventError(_("Only a submitted event can be published."))
    now = clock.now()
    event.publication = Event.Publication.PUBLISHED
    event.published_at = now
    event.moderation_comment = ""
    event.last_modified = now
    event.save(update_fields=["publication", "published_at", "moderation_comment", "last_modified"])
    return event


@transaction.atomic
def event_publish_many(*, actor, events) -> list[Event]:
    """Publish several submitted events, each through :func:`event_publish`: all of
    them or, if one cannot be published, none, with that event named."""
    _require_staff(actor)
    events = list(events)
    if not events:
        raise EventError(_("Choose the events to publish."))
    published = []
    for event in events:
        try:
            published.append(event_publish(actor=actor, event=event))
        except EventError as error:
            raise EventError(
                _("Nothing was published: %(name)s cannot be published. %(reason)s")
                % {"name": event.name, "reason": " ".join(error.messages)}
            ) from error
    return published


@transaction.atomic
def event_return(*, actor, event: Event, comment: str) -> Event:
    """Send a submitted event back to its organisation as a draft, with a comment. The
    room booking stays, so that a small correction does not lose the room."""
    _require_staff(actor)
    comment = _clean_text(comment)
    if not comment:
        raise EventError(_("Tell the organiser what to change."), field="comment")
    if len(comment) > 2000:
        raise EventError(_("The comment can be at most 2000 characters."), field="comment")
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.publication != Event.Publication.SUBMITTED or event.is_deleted:
        raise EventError(_("Only a submitted event can be returned."))
    event.publication = Event.Publication.DRAFT
    event.moderation_comment = comment
    event.last_modified = clock.now()
    event.save(update_fields=["publication", "moderation_comment", "last_modified"])
    return event


@transaction.atomic
def event_delete(*, actor, event: Event) -> Event:
    """Soft delete: the row stays, so that `last_modified_since` can report it. Its room
    booking is cancelled."""
    event = Event.objects.select_for_update(of=("self",)).select_related("booking").get(pk=event.pk)
    if not (is_staff(actor) or (event.organisation_id and may_edit(actor, event))):
        raise PermissionDenied
    if event.is_deleted:
        return event
    try:
        _release_booking(actor, event)
    except BookingError:
        raise EventError(
            _("The room booking can no longer be cancelled. Ask the staff to delete the event.")
        ) from None
    now = clock.now()
    event.deleted_at = now
    event.last_modified = now
    event.save(update_fields=["booking", "deleted_at", "last_modified"])
    return event


@transaction.atomic
def event_announce(
    *,
    key: str,
    organisation: Organisation | None,
    data: EventInput,
    booking=None,
    organiser_name: str = "",
) -> Event:
    """Publish, or update, an event that another app keeps (a training's session, say),
    found again by ``key`` such as ``"training-session:12"``. No moderation and no room
    booking here: the calling app has booked the room and passes its ``booking``."""
    key = (key or "").strip()
    if not key:
        raise EventError(_("An announced event needs a key."))
    event = (
        Event.objects.select_for_update().filter(source__isnull=True, source_key=key).first()
    ) or Event(source_key=key)
    if booking is not None and not data.expected_attendees:
        data.expected_attendees = booking.attendees
    event.organisation = organisation
    event.organiser_name = "" if organisation else organiser_name
    _apply(event, data)
    event.booking = booking if event.room_id else None
    _validate(event)
    now = clock.now()
    if event.publication != Event.Publication.PUBLISHED:
        event.publication = Event.Publication.PUBLISHED
        event.published_at = now
    event.deleted_at = None
    event.last_modified = now
    event.save()
    event.keywords.set(data.keywords)
    return event


@transaction.atomic
def event_withdraw(*, key: str) -> Event | None:
    """Remove an announced event from the calendar (soft, so syncs learn of it)."""
    event = (
        Event.objects.select_for_update()
        .filter(source__isnull=True, source_key=key, deleted_at__isnull=True)
        .first()
    )
    if event is None:
        return None
    now = clock.now()
    event.deleted_at = now
    event.last_modified = now
    event.save(update_fields=["deleted_at", "last_modified"])
    return event


@transaction.atomic
def trusted_organiser_set(*, actor, organisation: Organisation, trusted: bool) -> bool:
    """Mark an organisation trusted (its events publish at once) or not."""
    _require_staff(actor)
    if trusted:
        TrustedOrganiser.objects.get_or_create(
            organisation=organisation, defaults={"trusted_by": actor}
        )
    else:
        TrustedOrganiser.objects.filter(organisation=organisation).delete()
    logger.info("organisation %s trusted=%s by user %s", organisation.pk, trusted, actor.pk)
    return trusted

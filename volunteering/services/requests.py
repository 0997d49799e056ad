"""Use cases of requests for people: creating one with its dates, interest, closing."""

from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import clock
from core.access import is_staff
from organisations.models import Organisation
from volunteering import selectors
from volunteering.errors import VolunteeringError
from volunteering.models import Interest, Offer, Profile, Request, RequestDate

from .base import _require_staff, _touch

MAX_DATES = 60


def expand_dates(dates, weekly_until: date | None) -> list[tuple[datetime, datetime]]:
    """The dates of a request: those given, and for a weekly request each of them
    repeated every week until ``weekly_until``, stepped in local wall-clock time so that
    18:00 stays 18:00 across a change of daylight-saving time."""
    result = []
    zone = timezone.get_default_timezone()
    for start, end in dates:
        result.append((start, end))
        if weekly_until is None:
            continue
        local_start, local_end = timezone.localtime(start, zone), timezone.localtime(end, zone)
        week = 1
        while True:
            day = local_start.date() + timedelta(weeks=week)
            if day > weekly_until:
                break
            s = timezone.make_aware(datetime.combine(day, local_start.time()), zone)
            e = timezone.make_aware(
                datetime.combine(day + (local_end.date() - local_start.date()), local_end.time()),
                zone,
            )
            result.append((s, e))
            week += 1
            if len(result) > MAX_DATES:
                break
    return sorted(result)


def _validate_dates(dates, *, now):
    if not dates:
        raise VolunteeringError(_("Give at least one date."), field="dates")
    if len(dates) > MAX_DATES:
        raise VolunteeringError(
            _("A request has at most %(count)s dates."), field="dates", params={"count": MAX_DATES}
        )
    for start, end in dates:
        if start is None or end is None:
            raise VolunteeringError(_("Give the start and end of each date."), field="dates")
        if end <= start:
            raise VolunteeringError(_("The end must be after the start."), field="dates")
        if start < now:
            raise VolunteeringError(_("A date is in the past."), field="dates")
        if end - start > timedelta(hours=24):
            raise VolunteeringError(_("A date lasts at most 24 hours."), field="dates")


@transaction.atomic
def request_create(
    *,
    actor,
    organisation: Organisation,
    title: str,
    description: str,
    dates: list[tuple[datetime, datetime]],
    weekly_until: date | None = None,
    place: str = Request.Place.ONLINE,
    room=None,
    address: str = "",
    municipality=None,
    people_needed: int = 1,
    roles: list[str],
    skills=(),
    experience_areas=(),
    languages=(),
    fee_paid: bool = False,
    answer_by: date,
    is_public: bool = True,
) -> Request:
    """A representative asks for people for their organisation, a partner's contact for
    the partner, staff for anyone."""
    if not selectors.may_request_for(actor, organisation):
        raise PermissionDenied
    now = clock.now()
    if not (title or "").strip():
        raise VolunteeringError(_("Give the task a title."), field="title")
    if not (description or "").strip():
        raise VolunteeringError(_("Describe the task."), field="description")
    if not roles:
        raise VolunteeringError(_("Choose at least one role."), field="roles")
    if people_needed is None or people_needed < 1:
        raise VolunteeringError(_("Ask for at least one person."), field="people_needed")
    if people_needed > 50:
        raise VolunteeringError(_("Ask for at most 50 people."), field="people_needed")
    if (
        weekly_until is not None
        and dates
        and weekly_until < timezone.localtime(min(dates)[0]).date()
    ):
        raise VolunteeringError(
            _("The weekly repeat must end after the first date."), field="weekly_until"
        )
    _validate_dates(dates, now=now)
    all_dates = expand_dates(dates, weekly_until)
    _validate_dates(all_dates, now=now)
    if answer_by is None or answer_by < clock.today():
        raise VolunteeringError(_("The answer date is in the past."), field="answer_by")
    if answer_by > timezone.localtime(all_dates[0][0]).date():
        raise VolunteeringError(
            _("Answers are needed by the first date at the latest."), field="answer_by"
        )
    if place == Request.Place.ROOM and room is None:
        raise VolunteeringError(_("Choose the room."), field="room")
    if place == Request.Place.ADDRESS:
        if not (address or "").strip():
            raise VolunteeringError(_("Give the address."), field="address")
        if municipality is None:
            raise VolunteeringError(_("Choose the municipality."), field="municipality")
    if place not in Request.Place.values:
        raise VolunteeringError(_("Choose where the task is done."), field="place")
    if place == Request.Place.ROOM and municipality is None:
        municipality = room.site.municipality
    request = Request.objects.create(
        organisation=organisation,
        requested_by=actor,
        title=title.strip(),
        description=description.strip(),
        place=place,
        room=room if place == Request.Place.ROOM else None,
        address=address.strip() if place == Request.Place.ADDRESS else "",
        municipality=municipality if place != Request.Place.ONLINE else None,
        people_needed=people_needed,
        roles=list(dict.fromkeys(roles)),
        languages=list(dict.fromkeys(languages)),
        fee_paid=fee_paid,
        answer_by=answer_by,
        is_public=is_public,
        created_at=now,
    )
    RequestDate.objects.bulk_create(
        [RequestDate(request=request, start=s, end=e) for s, e in all_dates]
    )
    request.skills.set(skills)
    request.experience_areas.set(experience_areas)
    return request


@transaction.atomic
def interest_add(*, actor, request: Request) -> Interest:
    profile = Profile.objects.filter(user=actor).first()
    if profile is None:
        raise VolunteeringError(_("Create your volunteer profile first."))
    if not (request.is_public and request.status == Request.Status.OPEN):
        raise VolunteeringError(_("The task is no longer open."))
    interest, _created = Interest.objects.get_or_create(request=request, profile=profile)
    _touch(profile)
    return interest


@transaction.atomic
def request_close(*, actor, request: Request, status: str) -> Request:
    """Staff close a request unfilled, or the requester or staff cancel it."""
    request = Request.objects.select_for_update().get(pk=request.pk)
    if status == Request.Status.CANCELLED:
        if not (is_staff(actor) or selectors.may_request_for(actor, request.organisation)):
            raise PermissionDenied
    elif status == Request.Status.CLOSED:
        _require_staff(actor)
    else:
        raise VolunteeringError(_("Choose a status."), field="status")
    if request.status != Request.Status.OPEN:
        raise VolunteeringError(_("Only an open request can be closed."))
    request.status = status
    request.save(update_fields=["status"])
    request.offers.filter(status=Offer.Status.OFFERED).update(
        status=Offer.Status.WITHDRAWN, responded_at=clock.now()
    )
    return request

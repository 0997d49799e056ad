"""Use cases of volunteering that write. Pages, the API, admin and tasks all call these;
every error a person can cause is a VolunteeringError with a translated message naming
its field, and an assignment that meets another of the person's is an
AssignmentConflict.

A person's overlapping assignments are refused by the database (the exclusion
constraint on Slot), not by checking first: of two coordinators assigning the same
person to overlapping tasks at once, exactly one insert succeeds."""

import logging
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import clock
from core.access import is_staff
from core.outbox import send_soon
from organisations.models import Organisation

from . import selectors
from .errors import AssignmentConflict, VolunteeringError
from .models import (
    Assignment,
    ExperienceRecord,
    FeeTier,
    HourEntry,
    Interest,
    Notification,
    NotificationKind,
    Offer,
    Profile,
    Request,
    RequestDate,
    Role,
    Slot,
    TrainingRecord,
    TravelRule,
)

logger = logging.getLogger(__name__)

TIME_TAKEN = _("The person already has a task at that time.")
MAX_DATES = 60
CENTS = Decimal("0.01")


def _require_staff(actor):
    if not is_staff(actor):
        raise PermissionDenied


def _queue(profile: Profile, kind: str, *, offer=None, assignment=None, hour_entry=None):
    _row, created = Notification.objects.get_or_create(
        profile=profile, kind=kind, offer=offer, assignment=assignment, hour_entry=hour_entry
    )
    if created:
        send_soon("volunteering.tasks.send_volunteering_notifications")


def _touch(profile: Profile):
    Profile.objects.filter(pk=profile.pk).update(last_active_at=clock.now())


# --- Profiles ----------------------------------------------------------------------------


@transaction.atomic
def profile_save(
    *,
    actor,
    name: str,
    phone: str = "",
    roles: list[str],
    languages: list[str],
    municipalities,
    skills=(),
    weekdays=(),
    day_parts=(),
    introduction: str = "",
    may_contact: bool = True,
    language: str = "fi",
) -> Profile:
    """Create or update the signed-in person's own profile. A new profile waits for a
    coordinator's approval; editing an approved one keeps it approved."""
    if not (actor and actor.is_authenticated):
        raise PermissionDenied
    if not (name or "").strip():
        raise VolunteeringError(_("Give your name."), field="name")
    if not roles:
        raise VolunteeringError(_("Choose at least one role."), field="roles")
    if not languages:
        raise VolunteeringError(_("Choose at least one language."), field="languages")
    if not municipalities:
        raise VolunteeringError(
            _("Choose at least one municipality where you can act."), field="municipalities"
        )
    now = clock.now()
    profile = Profile.objects.select_for_update().filter(user=actor).first()
    if profile is None:
        profile = Profile(user=actor, last_active_at=now)
    profile.name = name.strip()
    profile.phone = phone.strip()
    profile.roles = sorted(set(roles), key=list(Role.values).index)
    profile.languages = list(dict.fromkeys(languages))
    profile.weekdays = sorted({int(d) for d in weekdays})
    profile.day_parts = list(dict.fromkeys(day_parts))
    profile.introduction = introduction.strip()
    profile.may_contact = may_contact
    profile.language = language if language in dict(settings.LANGUAGES) else "fi"
    profile.last_active_at = now
    profile.save()
    profile.municipalities.set(municipalities)
    profile.skills.set(skills)
    training_records_sync(profile)
    return profile


@transaction.atomic
def experience_save(*, actor, profile: Profile, areas, consent: bool, consent_version: str):
    """Record the person's experience areas with their explicit consent (its time and
    the version of the text they agreed to). Only the person may do this."""
    if profile.user_id != getattr(actor, "pk", None):
        raise PermissionDenied
    if not consent:
        raise VolunteeringError(
            _("Your experience areas are kept only with your consent. Tick the consent box."),
            field="consent",
        )
    if not areas:
        raise VolunteeringError(_("Choose at least one experience area."), field="areas")
    record, _created = ExperienceRecord.objects.update_or_create(
        profile=profile,
        defaults={"consent_given_at": clock.now(), "consent_version": consent_version},
    )
    record.areas.set(areas)
    _touch(profile)
    return record


@transaction.atomic
def experience_withdraw(*, actor, profile: Profile) -> bool:
    """Consent withdrawn: the experience areas are removed at once."""
    if profile.user_id != getattr(actor, "pk", None):
        raise PermissionDenied
    deleted, _rows = ExperienceRecord.objects.filter(profile=profile).delete()
    _touch(profile)
    return bool(deleted)


@transaction.atomic
def profile_set_status(*, actor, profile: Profile, status: str) -> Profile:
    """A coordinator approves or pauses a profile (or lets it wait again)."""
    _require_staff(actor)
    if status not in Profile.Status.values:
        raise VolunteeringError(_("Choose a status."), field="status")
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    profile.status = status
    profile.status_changed_at = clock.now()
    profile.save(update_fields=["status", "status_changed_at"])
    return profile


def training_records_sync(profile: Profile) -> int:
    """Certificates of experience-expert trainings (trainings marked with an
    ExpertTrainingCourse) issued to the person's account become training records."""
    from trainings.models import Certificate

    certificates = Certificate.objects.filter(
        enrolment__user_id=profile.user_id,
        enrolment__training__expert_course__isnull=False,
        expert_training_record__isnull=True,
    ).select_related("enrolment__training")
    created = 0
    for certificate in certificates:
        TrainingRecord.objects.create(
            profile=profile,
            completed_on=timezone.localtime(certificate.issued_at).date(),
            certificate=certificate,
            trained_by=str(certificate.enrolment.training),
        )
        created += 1
    return created


@transaction.atomic
def training_record_add(*, actor, profile: Profile, completed_on: date, trained_by: str):
    """Staff enter experience-expert training completed elsewhere."""
    _require_staff(actor)
    if completed_on is None or completed_on > clock.today():
        raise VolunteeringError(_("Give a date that is not in the future."), field="completed_on")
    if not (trained_by or "").strip():
        raise VolunteeringError(_("Say who trained the person."), field="trained_by")
    return TrainingRecord.objects.create(
        profile=profile, completed_on=completed_on, trained_by=trained_by.strip(), entered_by=actor
    )


# --- Requests ----------------------------------------------------------------------------


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


# --- Offers and assignments --------------------------------------------------------------


@transaction.atomic
def offer_create(*, actor, request: Request, profile: Profile, respond_by: datetime) -> Offer:
    """A coordinator offers the task to a person; they get an email with the dates."""
    _require_staff(actor)
    now = clock.now()
    request = Request.objects.select_for_update().get(pk=request.pk)
    if request.status != Request.Status.OPEN:
        raise VolunteeringError(_("The request is no longer open."))
    if profile.status != Profile.Status.APPROVED:
        raise VolunteeringError(_("The person's profile is not approved."), field="person")
    if respond_by is None or respond_by <= now:
        raise VolunteeringError(_("The answer deadline must be in the future."), field="respond_by")
    first = request.dates.order_by("start").first()
    if first and respond_by > first.start:
        raise VolunteeringError(
            _("The answer is needed before the first date."), field="respond_by"
        )
    if Assignment.objects.filter(
        request=request, profile=profile, status=Assignment.Status.ACTIVE
    ).exists():
        raise VolunteeringError(_("The person already holds this task."), field="person")
    if Offer.objects.filter(request=request, profile=profile, status=Offer.Status.OFFERED).exists():
        raise VolunteeringError(
            _("The person already has an open offer of this task."), field="person"
        )
    if _overlapping_slots(profile, request).exists():
        raise AssignmentConflict(TIME_TAKEN, field="person")
    offer = Offer.objects.create(
        request=request, profile=profile, respond_by=respond_by, offered_by=actor, created_at=now
    )
    _queue(profile, NotificationKind.OFFERED, offer=offer)
    return offer


def _overlapping_slots(profile: Profile, request: Request):
    from django.db.models import Q

    overlap = Q()
    for start, end in request.dates.values_list("start", "end"):
        overlap |= Q(start__lt=end, end__gt=start)
    if not overlap:
        return Slot.objects.none()
    return Slot.objects.filter(overlap, profile=profile, held=True)


@transaction.atomic
def offer_respond(*, actor, offer: Offer, accept: bool) -> Offer:
    """The person accepts (the offer becomes an assignment) or declines, by the deadline."""
    offer = Offer.objects.select_for_update().select_related("profile").get(pk=offer.pk)
    if offer.profile.user_id != getattr(actor, "pk", None):
        raise PermissionDenied
    now = clock.now()
    if offer.status != Offer.Status.OFFERED:
        raise VolunteeringError(_("The offer is no longer open."))
    if offer.respond_by <= now:
        raise VolunteeringError(_("The time to answer the offer has passed."))
    offer.responded_at = now
    if accept:
        assignment_create(actor=actor, request=offer.request, profile=offer.profile, offer=offer)
        offer.status = Offer.Status.ACCEPTED
    else:
        offer.status = Offer.Status.DECLINED
    offer.save(update_fields=["status", "responded_at"])
    _touch(offer.profile)
    return offer


def offers_expire(now=None) -> int:
    now = now or clock.now()
    return Offer.objects.filter(status=Offer.Status.OFFERED, respond_by__lte=now).update(
        status=Offer.Status.EXPIRED
    )


def _is_overlap_violation(error: IntegrityError) -> bool:
    diag = getattr(error.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None) == "volunteering_slot_no_overlap"


DEADLOCK_DETECTED = "40P01"
INSERT_ATTEMPTS = 3


def _insert_slots(slots: list[Slot]):
    """Insert in a savepoint, so that a conflict leaves the outer transaction usable;
    a deadlock between inserts checking the constraint at once is tried again (see
    facilities.services._insert)."""
    for attempt in range(1, INSERT_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                Slot.objects.bulk_create(slots)
            return
        except IntegrityError as error:
            if _is_overlap_violation(error):
                raise AssignmentConflict(TIME_TAKEN, field="person") from None
            raise
        except OperationalError as error:
            if getattr(error.__cause__, "sqlstate", None) != DEADLOCK_DETECTED:
                raise
            if attempt == INSERT_ATTEMPTS:
                raise
            logger.info("slot insert deadlocked with another; trying again (%s)", attempt)
            for slot in slots:
                slot.pk = None


@transaction.atomic
def assignment_create(*, actor, request: Request, profile: Profile, offer: Offer | None = None):
    """The person holds the task: staff assign directly, or the person accepts an offer.
    Raises AssignmentConflict when a date meets one of the person's other tasks."""
    if offer is None:
        _require_staff(actor)
    now = clock.now()
    request = Request.objects.select_for_update().get(pk=request.pk)
    if request.status != Request.Status.OPEN:
        raise VolunteeringError(_("The request is no longer open."), field="request")
    if profile.status != Profile.Status.APPROVED:
        raise VolunteeringError(_("The person's profile is not approved."), field="person")
    dates = list(request.dates.all())
    if not dates or dates[-1].end <= now:
        raise VolunteeringError(_("The task's dates have passed."), field="request")
    active = request.assignments.filter(status=Assignment.Status.ACTIVE)
    if active.filter(profile=profile).exists():
        raise VolunteeringError(_("The person already holds this task."), field="person")
    if active.count() >= request.people_needed:
        raise VolunteeringError(_("The request already has the people it needs."), field="request")
    assignment = Assignment.objects.create(
        request=request, profile=profile, offer=offer, created_at=now, created_by=actor
    )
    _insert_slots(
        [
            Slot(assignment=assignment, date=d, profile=profile, start=d.start, end=d.end)
            for d in dates
        ]
    )
    if active.count() >= request.people_needed:
        request.status = Request.Status.FILLED
        request.filled_at = now
        request.save(update_fields=["status", "filled_at"])
        request.offers.filter(status=Offer.Status.OFFERED).exclude(
            pk=getattr(offer, "pk", None)
        ).update(status=Offer.Status.WITHDRAWN, responded_at=now)
    _queue(profile, NotificationKind.ASSIGNED, assignment=assignment)
    return assignment


def may_cancel(user, assignment: Assignment) -> bool:
    return (
        is_staff(user)
        or assignment.profile.user_id == getattr(user, "pk", None)
        or selectors.may_request_for(user, assignment.request.organisation)
    )


@transaction.atomic
def assignment_cancel(*, actor, assignment: Assignment, reason: str) -> Assignment:
    """The requester, the person or staff cancel with a reason; the person is told.
    The times are freed, and a filled request opens again."""
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("request__organisation", "profile")
        .get(pk=assignment.pk)
    )
    if not may_cancel(actor, assignment):
        raise PermissionDenied
    if assignment.status != Assignment.Status.ACTIVE:
        raise VolunteeringError(_("The task has already been cancelled."))
    if not (reason or "").strip():
        raise VolunteeringError(_("Give the reason for cancelling."), field="reason")
    now = clock.now()
    assignment.status = Assignment.Status.CANCELLED
    assignment.cancelled_at = now
    assignment.cancelled_by = actor
    assignment.cancel_reason = reason.strip()[:500]
    assignment.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason"])
    assignment.slots.update(held=False)
    request = Request.objects.select_for_update().get(pk=assignment.request_id)
    if request.status == Request.Status.FILLED:
        request.status = Request.Status.OPEN
        request.filled_at = None
        request.save(update_fields=["status", "filled_at"])
    _queue(assignment.profile, NotificationKind.CANCELLED, assignment=assignment)
    return assignment


# --- Hours and fees ---------------------------------------------------------------------


@transaction.atomic
def hours_report(*, actor, assignment: Assignment, date: date, hours, note: str = "") -> HourEntry:
    """The person logs their hours for a date of a task they hold, once the date has
    been: not in the future, more than nothing, no longer than the date lasted."""
    if assignment is None or assignment.profile.user_id != getattr(actor, "pk", None):
        raise VolunteeringError(_("You do not hold this task."), field="assignment")
    if assignment.status != Assignment.Status.ACTIVE:
        raise VolunteeringError(_("You do not hold this task."), field="assignment")
    if date is None:
        raise VolunteeringError(_("Give the date."), field="date")
    if date > clock.today():
        raise VolunteeringError(_("Hours cannot be reported for a future date."), field="date")
    if hours is None or hours <= 0:
        raise VolunteeringError(_("Give the hours as a positive number."), field="hours")
    day_dates = [
        d for d in assignment.request.dates.all() if timezone.localtime(d.start).date() == date
    ]
    if not day_dates:
        raise VolunteeringError(_("The task has no date on that day."), field="date")
    if day_dates[0].start > clock.now():
        raise VolunteeringError(_("Hours cannot be reported before the task starts."), field="date")
    longest = sum((d.hours for d in day_dates), Decimal(0))
    if Decimal(hours) > longest:
        raise VolunteeringError(
            _("The date lasted %(hours)s hours: report at most that."),
            field="hours",
            params={"hours": f"{longest.quantize(CENTS):n}"},
        )
    if (
        HourEntry.objects.filter(assignment=assignment, date=date)
        .exclude(status=HourEntry.Status.REJECTED)
        .exists()
    ):
        raise VolunteeringError(_("You have already reported hours for this date."), field="date")
    entry = HourEntry.objects.create(
        assignment=assignment,
        date=date,
        hours=Decimal(hours).quantize(CENTS),
        note=(note or "").strip()[:500],
        reported_at=clock.now(),
    )
    _touch(assignment.profile)
    return entry


@transaction.atomic
def hours_confirm(*, actor, entry: HourEntry) -> HourEntry:
    """The requester confirms the hours (staff may too)."""
    entry = (
        HourEntry.objects.select_for_update(of=("self",))
        .select_related("assignment__request__organisation")
        .get(pk=entry.pk)
    )
    organisation = entry.assignment.request.organisation
    if not (is_staff(actor) or selectors.may_request_for(actor, organisation)):
        raise PermissionDenied
    if entry.status != HourEntry.Status.REPORTED:
        raise VolunteeringError(_("These hours have already been handled."))
    entry.status = HourEntry.Status.CONFIRMED
    entry.confirmed_at = clock.now()
    entry.confirmed_by = actor
    entry.save(update_fields=["status", "confirmed_at", "confirmed_by"])
    return entry


def is_trained(profile: Profile, on: date) -> bool:
    """Completed experience-expert training by that date (a record, or a certificate of
    a marked training not yet recorded)."""
    training_records_sync(profile)
    return profile.training_records.filter(completed_on__lte=on).exists()


def fee_for(entry: HourEntry) -> tuple[FeeTier | None, Decimal | None, Decimal, Decimal]:
    """(tier, hourly rate, fee, travel) of an entry: an experience expert's fee for a
    request that pays one, at the tier for trained or untrained experts; travel
    compensation by the rule in force on the date, for a date not online."""
    request = entry.assignment.request
    profile = entry.assignment.profile
    if not (request.fee_paid and profile.is_expert and Role.EXPERT in request.roles):
        return None, None, Decimal("0.00"), Decimal("0.00")
    trained = is_trained(profile, entry.date)
    tier = FeeTier.objects.filter(active=True, for_trained=trained).first()
    if tier is None:
        raise VolunteeringError(
            _("No fee tier is in use for this expert. Add one on the fees page first.")
        )
    fee = (entry.hours * tier.hourly_rate).quantize(CENTS, rounding=ROUND_HALF_UP)
    travel = Decimal("0.00")
    if request.place != Request.Place.ONLINE:
        rule = TravelRule.objects.filter(valid_from__lte=entry.date).first()
        if rule is not None:
            travel = rule.per_date
    return tier, tier.hourly_rate, fee, travel


@transaction.atomic
def hours_decide(*, actor, entry: HourEntry, approve: bool, reason: str = "") -> HourEntry:
    """A coordinator approves (the fee is computed and frozen) or rejects with a reason
    (the person is told and may report the date again)."""
    _require_staff(actor)
    entry = (
        HourEntry.objects.select_for_update(of=("self",))
        .select_related("assignment__request", "assignment__profile")
        .get(pk=entry.pk)
    )
    if entry.status in (HourEntry.Status.APPROVED, HourEntry.Status.REJECTED):
        raise VolunteeringError(_("These hours have already been decided."))
    now = clock.now()
    entry.decided_at = now
    entry.decided_by = actor
    if approve:
        entry.fee_tier, entry.hourly_rate, entry.fee, entry.travel = fee_for(entry)
        entry.status = HourEntry.Status.APPROVED
    else:
        if not (reason or "").strip():
            raise VolunteeringError(_("Give the reason for rejecting."), field="reason")
        entry.reject_reason = reason.strip()[:500]
        entry.status = HourEntry.Status.REJECTED
    entry.save()
    if not approve:
        _queue(entry.assignment.profile, NotificationKind.HOURS_REJECTED, hour_entry=entry)
    return entry


@transaction.atomic
def fee_tier_create(*, actor, name: str, hourly_rate, for_trained: bool) -> FeeTier:
    """A new tier in use; the one it replaces (same kind) goes out of use. Entries
    approved before keep their frozen fees."""
    _require_staff(actor)
    if not (name or "").strip():
        raise VolunteeringError(_("Give the tier a name."), field="name")
    if hourly_rate is None:
        raise VolunteeringError(_("Give the hourly fee of the tier."), field="hourly_rate")
    if hourly_rate <= 0:
        raise VolunteeringError(
            _("Give the hourly fee as a positive sum in euros."), field="hourly_rate"
        )
    FeeTier.objects.filter(active=True, for_trained=for_trained).update(active=False)
    return FeeTier.objects.create(
        name=name.strip(), hourly_rate=hourly_rate, for_trained=for_trained, active=True
    )


@transaction.atomic
def travel_rule_set(*, actor, valid_from: date, per_date) -> TravelRule:
    _require_staff(actor)
    if valid_from is None:
        raise VolunteeringError(_("Give the date the rule applies from."), field="valid_from")
    if per_date is None or per_date < 0:
        raise VolunteeringError(
            _("Give the compensation as a sum in euros, zero or more."), field="per_date"
        )
    rule, _created = TravelRule.objects.update_or_create(
        valid_from=valid_from, defaults={"per_date": per_date}
    )
    return rule


# --- Personal data ----------------------------------------------------------------------

ANONYMISED = "[poistettu]"


def coming_assignments(profile: Profile, now=None):
    """Active tasks with a date still to come: a person is not erased from under them."""
    now = now or clock.now()
    return profile.assignments.filter(
        status=Assignment.Status.ACTIVE, slots__end__gt=now
    ).distinct()


@transaction.atomic
def profile_anonymise(profile: Profile) -> None:
    """Erasure or inactivity: the experience areas (health data) are deleted with their
    consent, the profile keeps no name, phone or introduction and is never matched
    again; the tasks and hours stay, nameless, for the figures and the fees paid."""
    now = clock.now()
    ExperienceRecord.objects.filter(profile=profile).delete()
    Offer.objects.filter(profile=profile, status=Offer.Status.OFFERED).update(
        status=Offer.Status.WITHDRAWN, responded_at=now
    )
    Interest.objects.filter(profile=profile).delete()
    # update(), not save(): an audit entry of the change would keep the old values.
    Profile.objects.filter(pk=profile.pk).update(
        name=ANONYMISED,
        phone="",
        introduction="",
        may_contact=False,
        status=Profile.Status.PAUSED,
        weekdays=[],
        day_parts=[],
        anonymised_at=now,
    )
    profile.municipalities.clear()
    profile.skills.clear()

"""Use cases of offers and assignments. A person's overlapping assignments are refused
by the database (the exclusion constraint on Slot), not by checking first: of two
coordinators assigning the same person to overlapping tasks at once, exactly one insert
succeeds."""

import logging
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, OperationalError, transaction
from django.utils.translation import gettext_lazy as _

from core import clock
from core.access import is_staff
from volunteering import selectors
from volunteering.errors import AssignmentConflict, VolunteeringError
from volunteering.models import Assignment, NotificationKind, Offer, Profile, Request, Slot

from .base import TIME_TAKEN, _queue, _require_staff, _touch

logger = logging.getLogger("volunteering.services")


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

"""Use cases of hours and fees: reporting, confirming, approving with the fee frozen,
fee tiers and travel compensation rules."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import clock
from core.access import is_staff
from volunteering import selectors
from volunteering.errors import VolunteeringError
from volunteering.models import (
    Assignment,
    FeeTier,
    HourEntry,
    NotificationKind,
    Profile,
    Request,
    Role,
    TravelRule,
)

from .base import CENTS, _queue, _require_staff, _touch
from .profiles import training_records_sync


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

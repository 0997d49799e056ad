"""Use cases of placements that write: participants, placements (agreements within the
law's limits, the host's capacity, one placement at a time per participant) and the
attendance the supervisor marks. Views, the admin, the demo loader and tasks all go
through these."""

import logging
from datetime import date, timedelta
from decimal import Decimal

import holidays
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from core import clock
from core.access import is_staff
from organisations.models import Representative

from .errors import PlacementError
from .limits import limits_for, months_in_days
from .models import Attendance, Authority, Host, Participant, Placement
from .selectors import may_mark_attendance

logger = logging.getLogger(__name__)


def _require_staff(actor):
    if not is_staff(actor):
        raise PermissionDenied


def _date(value: date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


@transaction.atomic
def participant_create(*, actor, name: str, email: str = "", phone: str = "") -> Participant:
    """A participant with only the contact the agreement needs."""
    _require_staff(actor)
    name = (name or "").strip()
    if not name:
        raise PlacementError(_("Give the participant's name."), field="name")
    email, phone = (email or "").strip(), (phone or "").strip()
    if not email and not phone:
        raise PlacementError(_("Give an email address or a phone number."), field="email")
    return Participant.objects.create(name=name, email=email, phone=phone)


def _validate_terms(*, kind, start_date, end_date, days_per_week, hours_per_day, weekdays):
    if kind not in Placement.Kind.values:
        raise PlacementError(_("Choose the kind of placement."), field="kind")
    limit = limits_for(kind)
    label = Placement.Kind(kind).label
    if end_date < start_date:
        raise PlacementError(_("The end cannot be before the start."), field="end_date")
    if limit.min_months and end_date < start_date + relativedelta(
        months=limit.min_months
    ) - timedelta(1):
        raise PlacementError(
            _("%(kind)s: an agreement period lasts at least %(months)s months."),
            field="end_date",
            params={"kind": label, "months": limit.min_months},
        )
    if limit.max_months and end_date > start_date + relativedelta(
        months=limit.max_months
    ) - timedelta(1):
        raise PlacementError(
            _("%(kind)s: an agreement period lasts at most %(months)s months."),
            field="end_date",
            params={"kind": label, "months": limit.max_months},
        )
    if not (limit.min_days_per_week <= days_per_week <= limit.max_days_per_week):
        raise PlacementError(
            _("%(kind)s: %(min)s–%(max)s days a week."),
            field="days_per_week",
            params={
                "kind": label,
                "min": limit.min_days_per_week,
                "max": limit.max_days_per_week,
            },
        )
    if not (limit.min_hours_per_day <= hours_per_day <= limit.max_hours_per_day):
        raise PlacementError(
            _("%(kind)s: %(min)s–%(max)s hours a day."),
            field="hours_per_day",
            params={
                "kind": label,
                "min": limit.min_hours_per_day,
                "max": limit.max_hours_per_day,
            },
        )
    weekdays = sorted(set(weekdays))
    if any(d not in range(7) for d in weekdays):
        raise PlacementError(_("Choose the weekdays."), field="weekdays")
    if len(weekdays) != days_per_week:
        raise PlacementError(
            _("Choose as many weekdays as there are days a week (%(days)s)."),
            field="weekdays",
            params={"days": days_per_week},
        )
    return limit, weekdays


def _overlap_error():
    return PlacementError(
        _("The participant already has a placement at that time."), field="start_date"
    )


# The database refuses a placement over the host's capacity too (migration 0005).
HOST_CAPACITY_TRIGGER = "placement_host_capacity"


def _constraint_of(error: IntegrityError) -> str:
    diag = getattr(error.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None) or ""


def _full_error(host):
    return PlacementError(
        _("%(host)s has room for %(capacity)s participants at once, and it is full then."),
        field="start_date",
        params={"host": host, "capacity": host.capacity},
    )


def _peak(periods: list[tuple[date, date]]) -> int:
    """The most periods that share a day."""
    events = sorted([(s, 1) for s, _e in periods] + [(e + timedelta(1), -1) for _s, e in periods])
    peak = current = 0
    for _day, step in sorted(events, key=lambda x: (x[0], x[1])):
        current += step
        peak = max(peak, current)
    return peak


def running_peak(host: Host) -> int:
    """The most of the host's placements that share a day from today on (placements
    that run now or start later; those that have ended no longer hold a place)."""
    today = clock.today()
    running = Placement.objects.filter(host=host, end_date__gte=today)
    return _peak([(max(s, today), e) for s, e in running.values_list("start_date", "end_date")])


def host_capacity_check(*, host: Host, capacity: int) -> None:
    """Refuse a capacity below the placements the host has running at once: lowering it
    must not leave agreements already made over it. Raising it is always fine."""
    if capacity is None:
        return
    if capacity < 1:
        raise PlacementError(
            _("A host place has room for at least one participant."), field="capacity"
        )
    if host.pk is None:
        return
    peak = running_peak(host)
    if capacity < peak:
        raise PlacementError(
            _(
                "%(count)s placements run at the same time at this host now or later: it "
                "cannot have room for fewer participants at once."
            ),
            field="capacity",
            params={"count": peak},
        )


@transaction.atomic
def host_save(*, actor, host: Host) -> Host:
    """Save a host place as staff edited it (the admin). Under the host's lock, like
    placement_create, so that an agreement made at the same moment is counted; the
    database refuses the same (migration 0006)."""
    _require_staff(actor)
    if host.pk is not None:
        Host.objects.select_for_update().get(pk=host.pk)
    host_capacity_check(host=host, capacity=host.capacity)
    host.save()
    logger.info("host %s saved by user %s", host.pk, actor.pk)
    return host


def _check_trial_totals(limit, participant, host, start_date, end_date):
    """Work trials: the time in all and the time with one host (limits.py), counted in
    days against the calendar months from the first of the trials counted."""
    trials = list(Placement.objects.filter(participant=participant, kind=Placement.Kind.WORK_TRIAL))
    length = (end_date - start_date).days + 1
    checks = [
        (
            limit.max_total_months,
            trials,
            _("Work trials may last at most %(months)s months in all."),
        ),
        (
            limit.max_months_per_host,
            [p for p in trials if p.host_id == host.pk],
            _("Work trials with one host may last at most %(months)s months in all."),
        ),
    ]
    for months, counted, message in checks:
        if not months:
            continue
        first = min([start_date] + [p.start_date for p in counted])
        if sum(p.length_days for p in counted) + length > months_in_days(months, first):
            raise PlacementError(message, field="end_date", params={"months": months})


@transaction.atomic
def placement_create(
    *,
    actor,
    kind: str,
    participant: Participant,
    host: Host,
    supervisor: Representative,
    authority: Authority,
    start_date: date,
    end_date: date,
    days_per_week: int,
    hours_per_day: Decimal,
    weekdays: list[int],
    goals: str,
    tasks: str,
    referrer_reference: str = "",
) -> Placement:
    """Make a placement agreement. Staff only. Refused with a specific message beyond a
    limit of the law (limits.py), over the host's capacity on any day of the period, or
    overlapping another placement of the same participant."""
    _require_staff(actor)
    limit, weekdays = _validate_terms(
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        days_per_week=days_per_week,
        hours_per_day=hours_per_day,
        weekdays=weekdays,
    )
    if not (goals or "").strip():
        raise PlacementError(_("Write the goals of the placement."), field="goals")
    if not (tasks or "").strip():
        raise PlacementError(_("Write the tasks of the placement."), field="tasks")
    if (
        supervisor.organisation_id != host.organisation_id
        or supervisor.status != Representative.Status.APPROVED
    ):
        raise PlacementError(
            _("The supervisor must be an approved representative of the host."),
            field="supervisor",
        )
    # The host's row is the lock: placements at one host are decided one at a time, so
    # that concurrent agreements never exceed its capacity.
    host = Host.objects.select_for_update().get(pk=host.pk)
    # An interrupted placement ends on the day it was interrupted: it still counts.
    others = Placement.objects.all()
    if others.filter(
        participant=participant, start_date__lte=end_date, end_date__gte=start_date
    ).exists():
        raise _overlap_error()
    overlapping = list(
        others.filter(host=host, start_date__lte=end_date, end_date__gte=start_date).values_list(
            "start_date", "end_date"
        )
    )
    if _peak(overlapping + [(start_date, end_date)]) > host.capacity:
        raise _full_error(host)
    if kind == Placement.Kind.WORK_TRIAL:
        _check_trial_totals(limit, participant, host, start_date, end_date)
    try:
        with transaction.atomic():
            placement = Placement.objects.create(
                kind=kind,
                participant=participant,
                host=host,
                supervisor=supervisor,
                authority=authority,
                referrer_reference=(referrer_reference or "").strip(),
                goals=goals.strip(),
                tasks=tasks.strip(),
                start_date=start_date,
                end_date=end_date,
                days_per_week=days_per_week,
                hours_per_day=hours_per_day,
                weekdays=weekdays,
                created_by=actor,
            )
    except IntegrityError as error:
        if _constraint_of(error) == HOST_CAPACITY_TRIGGER:
            raise _full_error(host) from None  # the database's own check (0005)
        # Another agreement of the same participant at another host won the race.
        raise _overlap_error() from None
    logger.info("placement %s created by user %s", placement.pk, actor.pk)
    return placement


@transaction.atomic
def placement_end(
    *, actor, placement: Placement, outcome: str, last_day: date, reason: str = ""
) -> Placement:
    """Complete a placement, or end it early (interrupted) with a reason. Staff only.

    The last day may be before the agreed end; the placement then ends on it, which
    frees the host's place from the next day (the capacity counts placements by their
    dates) and refuses attendance after it. Decided under the host's lock, like
    placement_create, so that a new agreement never counts a place as free or full
    while it is being freed. A completed placement cannot be in the future, and no day
    already marked may fall after the last day."""
    _require_staff(actor)
    if outcome not in (Placement.Status.COMPLETED, Placement.Status.INTERRUPTED):
        raise PlacementError(_("Choose how the placement ended."), field="outcome")
    Host.objects.select_for_update().get(pk=placement.host_id)
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if placement.status != Placement.Status.ACTIVE:
        raise PlacementError(_("The placement has already ended."), field="outcome")
    if not placement.start_date <= last_day <= placement.end_date:
        raise PlacementError(
            _("The last day must be within the placement (%(start)s–%(end)s)."),
            field="last_day",
            params={"start": _date(placement.start_date), "end": _date(placement.end_date)},
        )
    reason = (reason or "").strip()
    if outcome == Placement.Status.INTERRUPTED and not reason:
        raise PlacementError(_("Give the reason for ending early."), field="reason")
    if outcome == Placement.Status.COMPLETED and last_day > clock.today():
        raise PlacementError(
            _("A placement is completed on its last day or after it."), field="last_day"
        )
    marked_after = placement.attendances.filter(day__gt=last_day).order_by("-day").first()
    if marked_after:
        raise PlacementError(
            _("Attendance is marked on %(day)s, after that day."),
            field="last_day",
            params={"day": _date(marked_after.day)},
        )
    placement.agreed_end_date = placement.end_date
    placement.end_date = last_day
    placement.status = outcome
    placement.end_reason = reason
    placement.ended_at = clock.now()
    placement.ended_by = actor
    placement.save(
        update_fields=[
            "agreed_end_date",
            "end_date",
            "status",
            "end_reason",
            "ended_at",
            "ended_by",
        ]
    )
    logger.info("placement %s ended (%s) by user %s", placement.pk, outcome, actor.pk)
    return placement


def is_public_holiday(day: date) -> bool:
    return day in holidays.Finland(years=day.year, language="fi")


@transaction.atomic
def attendance_mark(
    *, actor, placement: Placement, day: date, status: str, hours: Decimal | None = None
) -> Attendance:
    """Mark one day of a placement: present with hours, or absent with a reason. The
    placement's supervisor or staff; anyone else: PermissionDenied. Marking the same day
    again corrects it."""
    if not may_mark_attendance(actor, placement):
        raise PermissionDenied
    # The placement as it is now, locked: an end decided at the same moment (which moves
    # end_date) is either seen here or waits for this day to be saved.
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if status not in Attendance.Status.values:
        raise PlacementError(_("Choose present or the reason of the absence."), field="status")
    if day > clock.today():
        raise PlacementError(_("Attendance cannot be marked for a future day."), field="day")
    if not placement.start_date <= day <= placement.end_date:
        raise PlacementError(
            _("The day is outside the placement (%(start)s–%(end)s)."),
            field="day",
            params={"start": _date(placement.start_date), "end": _date(placement.end_date)},
        )
    if day.weekday() not in placement.weekdays:
        raise PlacementError(_("The day is not one of the placement's weekdays."), field="day")
    if is_public_holiday(day):
        raise PlacementError(_("The day is a public holiday."), field="day")
    if status == Attendance.Status.PRESENT:
        if hours is None or not (0 < hours <= placement.hours_per_day):
            raise PlacementError(
                _("Give the hours present: more than 0 and at most %(max)s."),
                field="hours",
                params={"max": formats.number_format(placement.hours_per_day, 2)},
            )
    else:
        hours = None
    attendance, _created = Attendance.objects.update_or_create(
        placement=placement,
        day=day,
        defaults={"status": status, "hours": hours, "marked_by": actor},
    )
    return attendance

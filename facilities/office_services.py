"""Use cases of office rooms and workstations: leases to organisations and the keys
handed to their people. Staff only; the admin and the staff pages call these.

That a room is leased to one organisation at a time and that a key is out to one holder
at a time are database constraints (lease_no_overlap, key_out_once); these functions
turn a violation into a BookingError with a message staff can act on."""

import logging
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from core import clock
from organisations.models import Organisation

from .errors import BookingError
from .models import KeyHandover, OfficeLease, Room

logger = logging.getLogger(__name__)

OFFICE_KINDS = (Room.Kind.OFFICE, Room.Kind.WORKSTATION)
MAX_AMOUNT = Decimal("1000000")  # the columns hold at most 999 999.99 €


def _require_staff(actor):
    if not (actor and actor.is_authenticated and actor.is_active and actor.is_staff):
        raise PermissionDenied


def _day(value: date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _log(message: str, *args):
    # On commit, so that an admin form's dry run (rolled back) leaves no trace.
    transaction.on_commit(lambda: logger.info(message, *args))


def _constraint_name(error: IntegrityError) -> str | None:
    return getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)


def _euros(value, *, field: str, message) -> Decimal:
    """Money as Decimal with at most two decimals, not negative; float is a programming
    error (DESIGN.md §5), anything else a person got wrong."""
    if isinstance(value, float):
        raise TypeError("Money is a Decimal, never a float.")
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise BookingError(message, field=field) from None
    if not amount.is_finite() or amount < 0 or amount >= MAX_AMOUNT:
        raise BookingError(message, field=field)
    if amount != amount.quantize(Decimal("0.01")):
        raise BookingError(_("Give the amount in euros and cents."), field=field)
    return amount


def _not_dissolved(organisation: Organisation):
    if organisation.is_dissolved:
        raise BookingError(_("The organisation has been dissolved."), field="organisation")


def _overlapping_lease(lease: OfficeLease) -> OfficeLease | None:
    """The lease of the same room that overlaps this one's period (ends inclusive)."""
    others = OfficeLease.objects.filter(room_id=lease.room_id).exclude(pk=lease.pk)
    if lease.ends_on is not None:
        others = others.filter(starts_on__lte=lease.ends_on)
    return (
        others.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=lease.starts_on))
        .select_related("organisation")
        .order_by("starts_on")
        .first()
    )


def _save_lease(lease: OfficeLease, **save_kwargs) -> OfficeLease:
    """Save in a savepoint, so that an overlap leaves the outer transaction usable for
    looking up the lease it overlaps."""
    try:
        with transaction.atomic():
            lease.save(**save_kwargs)
    except IntegrityError as error:
        if _constraint_name(error) != "lease_no_overlap":
            raise
        other = _overlapping_lease(lease)
        if other is None:  # the other lease went away meanwhile; say it plainly
            raise BookingError(
                _("The room is already leased for part of that period."), field="starts_on"
            ) from None
        params = {"organisation": str(other.organisation), "starts": _day(other.starts_on)}
        if other.ends_on is None:
            message = _(
                "The room is already leased to %(organisation)s from %(starts)s until "
                "further notice."
            )
        else:
            message = _(
                "The room is already leased to %(organisation)s from %(starts)s to %(ends)s."
            )
            params["ends"] = _day(other.ends_on)
        raise BookingError(message, field="starts_on", params=params) from None
    return lease


@transaction.atomic
def lease_create(
    *,
    actor,
    room: Room,
    organisation: Organisation,
    starts_on: date,
    ends_on: date | None,
    monthly_rent,
    notes: str = "",
) -> OfficeLease:
    """Lease an office room or a workstation to an organisation; ``ends_on`` None is
    until further notice."""
    _require_staff(actor)
    if room.kind not in OFFICE_KINDS:
        raise BookingError(_("Only an office room or a workstation can be leased."), field="room")
    _not_dissolved(organisation)
    if starts_on is None:
        raise BookingError(_("Give the date the lease starts."), field="starts_on")
    if ends_on is not None and ends_on < starts_on:
        raise BookingError(_("The lease cannot end before it starts."), field="ends_on")
    rent = _euros(
        monthly_rent,
        field="monthly_rent",
        message=_("Give the monthly rent in euros (0 or more)."),
    )
    lease = _save_lease(
        OfficeLease(
            room=room,
            organisation=organisation,
            starts_on=starts_on,
            ends_on=ends_on,
            monthly_rent=rent,
            notes=(notes or "").strip(),
        )
    )
    _log("office lease %s created by user %s", lease.pk, actor.pk)
    return lease


@transaction.atomic
def lease_end(*, actor, lease: OfficeLease, ends_on: date) -> OfficeLease:
    """Set (or move) the last day of a lease. Moving it later may meet the next lease of
    the room, which is refused like an overlapping new lease."""
    _require_staff(actor)
    lease = OfficeLease.objects.select_for_update().get(pk=lease.pk)
    if ends_on is None:
        raise BookingError(_("Give the date the lease ends."), field="ends_on")
    if ends_on < lease.starts_on:
        raise BookingError(
            _("The lease cannot end before it starts (%(date)s)."),
            field="ends_on",
            params={"date": _day(lease.starts_on)},
        )
    if lease.ends_on is not None and lease.ends_on < clock.today():
        raise BookingError(
            _("This lease already ended on %(date)s."),
            field="ends_on",
            params={"date": _day(lease.ends_on)},
        )
    lease.ends_on = ends_on
    _save_lease(lease, update_fields=["ends_on"])
    _log("office lease %s set to end on %s by user %s", lease.pk, ends_on, actor.pk)
    return lease


@transaction.atomic
def key_handover(
    *,
    actor,
    organisation: Organisation,
    key_label: str,
    holder_name: str,
    handed_over_on: date,
    lease: OfficeLease | None = None,
    deposit=0,
    notes: str = "",
) -> KeyHandover:
    """Record a key handed to a person of an organisation."""
    _require_staff(actor)
    _not_dissolved(organisation)
    key_label = (key_label or "").strip()
    holder_name = (holder_name or "").strip()
    if not key_label:
        raise BookingError(_("Give the number or name of the key."), field="key_label")
    if not holder_name:
        raise BookingError(_("Give the name of the person who holds the key."), field="holder_name")
    if handed_over_on is None:
        raise BookingError(_("Give the date the key was handed over."), field="handed_over_on")
    if lease is not None and lease.organisation_id != organisation.pk:
        raise BookingError(_("The lease belongs to another organisation."), field="lease")
    if lease is not None and lease.ends_on is not None and handed_over_on > lease.ends_on:
        raise BookingError(
            _("The lease ended on %(date)s."), field="lease", params={"date": _day(lease.ends_on)}
        )
    amount = _euros(
        deposit if deposit is not None else 0,
        field="deposit",
        message=_("Give the deposit in euros (0 or more)."),
    )
    handover = KeyHandover(
        organisation=organisation,
        lease=lease,
        key_label=key_label,
        holder_name=holder_name,
        handed_over_on=handed_over_on,
        handed_over_by=actor,
        deposit=amount,
        notes=(notes or "").strip(),
    )
    try:
        with transaction.atomic():
            handover.save()
    except IntegrityError as error:
        if _constraint_name(error) != "key_out_once":
            raise
        raise BookingError(_("That key has not been returned yet."), field="key_label") from None
    _log("key hand-over %s recorded by user %s", handover.pk, actor.pk)
    return handover


@transaction.atomic
def key_return(*, actor, handover: KeyHandover, returned_on: date) -> KeyHandover:
    """Record that a key came back."""
    _require_staff(actor)
    handover = KeyHandover.objects.select_for_update().get(pk=handover.pk)
    if handover.returned_on is not None:
        raise BookingError(
            _("The key was already returned on %(date)s."),
            field="returned_on",
            params={"date": _day(handover.returned_on)},
        )
    if returned_on is None:
        raise BookingError(_("Give the date the key was returned."), field="returned_on")
    if returned_on < handover.handed_over_on:
        raise BookingError(
            _("A key cannot be returned before it was handed over (%(date)s)."),
            field="returned_on",
            params={"date": _day(handover.handed_over_on)},
        )
    if returned_on > clock.today():
        raise BookingError(_("The return date is in the future."), field="returned_on")
    handover.returned_on = returned_on
    handover.save(update_fields=["returned_on"])
    _log("key hand-over %s returned, recorded by user %s", handover.pk, actor.pk)
    return handover

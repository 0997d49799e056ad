"""Use cases of the association register that write. Views, admin actions, management
commands and tasks all call these; every error a person can cause is a RegisterError
with a translated message naming its field."""

import logging
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from core import clock
from core.access import is_staff
from organisations.errors import RegisterError
from organisations.models import (
    Membership,
    MembershipFee,
    Organisation,
    Representative,
)
from organisations.selectors import user_is_org_admin
from organisations.validators import make_reference_number, normalise_business_id

logger = logging.getLogger(__name__)

# Fields of an organisation that the services accept (fields of activity go separately).
ORGANISATION_FIELDS = frozenset(
    {
        "kind",
        "name_fi",
        "name_sv",
        "name_en",
        "description_fi",
        "description_sv",
        "description_en",
        "business_id",
        "register_number",
        "municipality",
        "email",
        "phone",
        "website",
        "street_address",
        "postal_code",
        "post_office",
        "is_public",
        "status",
    }
)
# Optional translations are stored as NULL when empty, so that they fall back to Finnish.
_OPTIONAL_TRANSLATIONS = ("name_sv", "name_en", "description_sv", "description_en")

DUPLICATE_BUSINESS_ID = _(
    "An organisation with the Business ID %(business_id)s is already in the register."
)


def _require_staff(actor):
    if not is_staff(actor):
        raise PermissionDenied


def _clean_organisation_data(data: dict) -> dict:
    unknown = set(data) - ORGANISATION_FIELDS
    if unknown:
        raise TypeError(f"Unknown organisation fields: {', '.join(sorted(unknown))}")
    data = dict(data)
    for key, value in list(data.items()):
        if isinstance(value, str):
            data[key] = value.strip()
    if "business_id" in data:
        data["business_id"] = normalise_business_id(data["business_id"] or "") or None
    for key in _OPTIONAL_TRANSLATIONS:
        if key in data and not data[key]:
            data[key] = None
    return data


def _check_business_id_free(business_id, *, exclude_pk=None):
    if not business_id:
        return
    duplicates = Organisation.objects.filter(business_id=business_id)
    if exclude_pk is not None:
        duplicates = duplicates.exclude(pk=exclude_pk)
    if duplicates.exists():
        raise RegisterError(
            DUPLICATE_BUSINESS_ID,
            field="business_id",
            code="duplicate_business_id",
            params={"business_id": business_id},
        )


def _save_organisation(organisation: Organisation, fields_of_activity):
    """Validate and save; a concurrent insert of the same Business ID becomes the same
    clear message as the check before it."""
    try:
        # Uniqueness is checked above with a clearer message than the model's own.
        organisation.full_clean(validate_unique=False)
    except ValidationError as exc:
        raise RegisterError.from_validation_error(exc) from None
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as exc:
        if "business_id" in str(exc):
            raise RegisterError(
                DUPLICATE_BUSINESS_ID,
                field="business_id",
                code="duplicate_business_id",
                params={"business_id": organisation.business_id},
            ) from None
        raise
    if fields_of_activity is not None:
        organisation.fields_of_activity.set(fields_of_activity)
    return organisation


@transaction.atomic
def organisation_create(*, fields_of_activity=(), actor=None, **data) -> Organisation:
    """Add an organisation to the register. The Business ID is normalised ('1234567 1'
    → '1234567-1', legacy six digits padded) and must be valid and not yet registered."""
    data = _clean_organisation_data(data)
    _check_business_id_free(data.get("business_id"))
    organisation = Organisation(**data)
    _save_organisation(organisation, list(fields_of_activity))
    logger.debug("organisation %s created by %s", organisation.pk, getattr(actor, "pk", None))
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, actor=None, fields_of_activity=None, **changes
) -> Organisation:
    """Change an organisation's details. ``actor`` (when given) must be staff or an
    approved admin representative of the organisation; only staff change its status."""
    if actor is not None and not (is_staff(actor) or user_is_org_admin(actor, organisation)):
        raise PermissionDenied
    changes = _clean_organisation_data(changes)
    if actor is not None and not is_staff(actor):
        changes.pop("status", None)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if "business_id" in changes:
        _check_business_id_free(changes["business_id"], exclude_pk=organisation.pk)
    for key, value in changes.items():
        setattr(organisation, key, value)
    _save_organisation(
        organisation, None if fields_of_activity is None else list(fields_of_activity)
    )
    logger.debug("organisation %s updated by %s", organisation.pk, getattr(actor, "pk", None))
    return organisation


# Membership -------------------------------------------------------------------------------


def _refuse_if_open_membership(organisation):
    current = Membership.objects.open().filter(organisation=organisation).first()
    if current is None:
        return
    if current.status == Membership.Status.ACTIVE:
        message = _("%(organisation)s is already a member of the centre.")
    else:
        message = _("%(organisation)s has already applied for membership.")
    raise RegisterError(
        message,
        field="organisation",
        code="membership_open",
        params={"organisation": organisation.name},
    )


@transaction.atomic
def membership_apply(
    *,
    user,
    organisation: Organisation | None = None,
    new_organisation: dict | None = None,
    application_text: str = "",
) -> Membership:
    """A logged-in person applies for membership on behalf of an organisation they
    represent, or registers a new organisation and applies for it at once (they then
    ask to become its admin; staff confirm both)."""
    if not (user and user.is_authenticated):
        raise PermissionDenied
    if (organisation is None) == (new_organisation is None):
        raise RegisterError(
            _("Choose an organisation you represent, or give the details of a new one."),
            code="choose_organisation",
        )
    if organisation is not None:
        represents = Representative.objects.approved().filter(user=user, organisation=organisation)
        if not represents.exists():
            raise PermissionDenied
        if organisation.is_dissolved:
            raise RegisterError(
                _("A dissolved organisation cannot apply for membership."),
                field="organisation",
                code="dissolved",
            )
    else:
        # A new organisation stays out of the public directory until staff publish it.
        organisation = organisation_create(
            actor=user,
            is_public=False,
            **{"kind": Organisation.Kind.ASSOCIATION, **new_organisation},
        )
        Representative.objects.create(
            user=user,
            organisation=organisation,
            role=Representative.Role.ADMIN,
            message=_("Registered the organisation when applying for membership."),
        )
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    _refuse_if_open_membership(organisation)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                organisation=organisation,
                applied_by=user,
                application_text=(application_text or "").strip(),
            )
    except IntegrityError:
        _refuse_if_open_membership(organisation)
        raise
    logger.debug("membership %s applied for by %s", membership.pk, user.pk)
    return membership


def _lock_membership(membership) -> Membership:
    return (
        Membership.objects.select_for_update().select_related("organisation").get(pk=membership.pk)
    )


def _require_status(obj, status, message):
    if obj.status != status:
        raise RegisterError(message, field="status", code="wrong_status")


@transaction.atomic
def membership_approve(*, membership: Membership, actor, member_since: date | None = None):
    """Staff accept an application; the applicant's own request to be the
    organisation's admin is approved with it."""
    _require_staff(actor)
    membership = _lock_membership(membership)
    _require_status(
        membership, Membership.Status.APPLIED, _("Only an application can be approved.")
    )
    membership.status = Membership.Status.ACTIVE
    membership.member_since = member_since or clock.today()
    membership.decided_by = actor
    membership.decided_at = clock.now()
    membership.save()
    if membership.applied_by_id:
        Representative.objects.requested().filter(
            organisation=membership.organisation, user_id=membership.applied_by_id
        ).update(status=Representative.Status.APPROVED, decided_by=actor, decided_at=clock.now())
    logger.debug("membership %s approved by %s", membership.pk, actor.pk)
    return membership


@transaction.atomic
def membership_decline(*, membership: Membership, actor, reason: str):
    """Staff decline an application; the reason is required and shown to the applicant."""
    _require_staff(actor)
    reason = (reason or "").strip()
    if not reason:
        raise RegisterError(
            _("Give a reason for declining the application."),
            field="decline_reason",
            code="reason_required",
        )
    membership = _lock_membership(membership)
    _require_status(
        membership, Membership.Status.APPLIED, _("Only an application can be declined.")
    )
    membership.status = Membership.Status.DECLINED
    membership.decline_reason = reason
    membership.decided_by = actor
    membership.decided_at = clock.now()
    try:
        membership.full_clean()
    except ValidationError as exc:
        raise RegisterError.from_validation_error(exc) from None
    membership.save()
    logger.debug("membership %s declined by %s", membership.pk, actor.pk)
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, actor, ended_on: date | None = None):
    """End a running membership: staff, or the organisation's admin resigning."""
    membership = _lock_membership(membership)
    if not (is_staff(actor) or user_is_org_admin(actor, membership.organisation)):
        raise PermissionDenied
    _require_status(membership, Membership.Status.ACTIVE, _("Only a running membership can end."))
    ended_on = ended_on or clock.today()
    if ended_on < membership.member_since:
        raise RegisterError(
            _("A membership cannot end before it began (%(date)s)."),
            field="ended_on",
            code="ends_before_start",
            params={"date": membership.member_since.strftime("%d.%m.%Y")},
        )
    membership.status = Membership.Status.ENDED
    membership.ended_on = ended_on
    membership.save()
    logger.debug("membership %s ended by %s", membership.pk, getattr(actor, "pk", None))
    return membership


def fee_reference_base(*, year: int, membership_id: int) -> str:
    """Deterministic and unique per (year, membership): the year, then the membership id
    padded to six digits."""
    return f"{year:04d}{membership_id:06d}"


@transaction.atomic
def membership_fee_create(
    *, membership: Membership, year: int, amount, due_date: date, actor=None
) -> MembershipFee:
    """Invoice a year's fee with a Finnish bank reference number."""
    if actor is not None:
        _require_staff(actor)
    membership = _lock_membership(membership)
    amount = membership_fee_check(membership=membership, year=year, amount=amount)
    fee = MembershipFee(
        membership=membership,
        year=year,
        amount=amount,
        due_date=due_date,
        reference_number=make_reference_number(
            fee_reference_base(year=int(year), membership_id=membership.pk)
        ),
    )
    try:
        fee.full_clean(validate_unique=False)
    except ValidationError as exc:
        raise RegisterError.from_validation_error(exc) from None
    try:
        with transaction.atomic():
            fee.save()
    except IntegrityError:
        raise RegisterError(
            _("The fee for %(year)s has already been invoiced."),
            field="year",
            code="duplicate_fee",
            params={"year": year},
        ) from None
    return fee


def membership_fee_check(*, membership: Membership, year: int, amount) -> Decimal:
    """The checks of a new fee, also run by the admin's form before it saves; returns the
    amount as Decimal euros."""
    if membership.status not in (Membership.Status.ACTIVE, Membership.Status.ENDED):
        raise RegisterError(
            _("Fees are invoiced only for memberships that have begun."),
            field="membership",
            code="not_member",
        )
    try:
        amount = Decimal(str(amount)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise RegisterError(
            _("Enter the amount in euros, for example 50.00."), field="amount"
        ) from None
    if amount < 0:
        raise RegisterError(_("The amount cannot be negative."), field="amount", code="negative")
    if not 2000 <= int(year) <= 2100:
        raise RegisterError(_("Enter a year between 2000 and 2100."), field="year")
    if MembershipFee.objects.filter(membership=membership, year=year).exists():
        raise RegisterError(
            _("The fee for %(year)s has already been invoiced."),
            field="year",
            code="duplicate_fee",
            params={"year": year},
        )
    return amount


@transaction.atomic
def membership_fee_mark_paid(
    *, fee: MembershipFee, actor=None, paid_on: date | None = None
) -> MembershipFee:
    if actor is not None:
        _require_staff(actor)
    fee = MembershipFee.objects.select_for_update().get(pk=fee.pk)
    if fee.paid_on is not None:
        raise RegisterError(
            _("The fee was already marked paid on %(date)s."),
            field="paid_on",
            code="already_paid",
            params={"date": fee.paid_on.strftime("%d.%m.%Y")},
        )
    fee.paid_on = paid_on or clock.today()
    fee.save(update_fields=["paid_on"])
    return fee


# Representatives --------------------------------------------------------------------------


@transaction.atomic
def representative_request(
    *, user, organisation: Organisation, role: str = Representative.Role.MEMBER, message: str = ""
) -> Representative:
    """A person asks to act for an organisation; its admin or staff decide."""
    if not (user and user.is_authenticated):
        raise PermissionDenied
    if role not in Representative.Role.values:
        raise RegisterError(_("Choose a role."), field="role", code="invalid_role")
    if organisation.is_dissolved:
        raise RegisterError(
            _("The organisation has been dissolved."), field="organisation", code="dissolved"
        )
    message = (message or "").strip()
    if len(message) > 1000:
        raise RegisterError(
            _("Keep the message under 1000 characters."), field="message", code="too_long"
        )
    existing = (
        Representative.objects.select_for_update()
        .filter(user=user, organisation=organisation)
        .first()
    )
    if existing and existing.status == Representative.Status.APPROVED:
        raise RegisterError(
            _("You already represent %(organisation)s."),
            field="organisation",
            code="already_representative",
            params={"organisation": organisation.name},
        )
    if existing and existing.status == Representative.Status.REQUESTED:
        raise RegisterError(
            _("You have already asked to represent %(organisation)s."),
            field="organisation",
            code="already_requested",
            params={"organisation": organisation.name},
        )
    if existing:  # declined before: ask again
        existing.status = Representative.Status.REQUESTED
        existing.role = role
        existing.message = message
        existing.decided_by = None
        existing.decided_at = None
        existing.requested_at = clock.now()
        existing.save()
        return existing
    try:
        with transaction.atomic():
            return Representative.objects.create(
                user=user, organisation=organisation, role=role, message=message
            )
    except IntegrityError:
        raise RegisterError(
            _("You have already asked to represent %(organisation)s."),
            field="organisation",
            code="already_requested",
            params={"organisation": organisation.name},
        ) from None


def _decide_representative(*, representative, actor, status):
    representative = (
        Representative.objects.select_for_update()
        .select_related("organisation")
        .get(pk=representative.pk)
    )
    if not (is_staff(actor) or user_is_org_admin(actor, representative.organisation)):
        raise PermissionDenied
    if representative.user_id == getattr(actor, "pk", None) and not is_staff(actor):
        raise PermissionDenied
    _require_status(
        representative,
        Representative.Status.REQUESTED,
        _("This request has already been decided."),
    )
    representative.status = status
    representative.decided_by = actor
    representative.decided_at = clock.now()
    representative.save()
    logger.debug("representative %s %s by %s", representative.pk, status, actor.pk)
    return representative


@transaction.atomic
def representative_approve(*, representative: Representative, actor) -> Representative:
    """Staff, or an approved admin of the same organisation, approve a request."""
    return _decide_representative(
        representative=representative, actor=actor, status=Representative.Status.APPROVED
    )


@transaction.atomic
def representative_decline(*, representative: Representative, actor) -> Representative:
    return _decide_representative(
        representative=representative, actor=actor, status=Representative.Status.DECLINED
    )

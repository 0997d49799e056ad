"""Reads of the register that span relations or apply permissions. Every queryset that
leaves here is scoped to the user it was asked for."""

from django.db.models import Prefetch

from .models import Membership, MembershipFee, Organisation, Representative
from .permissions import is_staff


def user_is_org_admin(user, organisation) -> bool:
    """An approved admin representative of the organisation (staff are not, by this)."""
    if not (user and user.is_authenticated):
        return False
    return (
        Representative.objects.admins()
        .filter(user=user, organisation_id=getattr(organisation, "pk", organisation))
        .exists()
    )


def organisations_for_user(user):
    """Organisations the person represents (approved, any role)."""
    if not (user and user.is_authenticated):
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(
            representatives__user=user,
            representatives__status=Representative.Status.APPROVED,
        )
        .with_is_member()
        .distinct()
    )


def organisations_administered_by(user):
    """Organisations whose profile the person may edit: approved admin representations,
    or all of them for staff."""
    if not (user and user.is_authenticated):
        return Organisation.objects.none()
    if is_staff(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(
        representatives__user=user,
        representatives__status=Representative.Status.APPROVED,
        representatives__role=Representative.Role.ADMIN,
    ).distinct()


def organisations_open_for_application(user):
    """Organisations the person represents that have no open application or membership."""
    return (
        organisations_for_user(user)
        .active()
        .exclude(memberships__status__in=[Membership.Status.APPLIED, Membership.Status.ACTIVE])
    )


def representations_for_user(user):
    """The person's own representations with each organisation's memberships and fees,
    for the "my organisations" page (a fixed number of queries)."""
    if not (user and user.is_authenticated):
        return Representative.objects.none()
    memberships = Membership.objects.order_by("-applied_at").prefetch_related(
        Prefetch("fees", queryset=MembershipFee.objects.order_by("-year"))
    )
    return (
        Representative.objects.filter(user=user)
        .select_related("organisation", "organisation__municipality")
        .prefetch_related(Prefetch("organisation__memberships", queryset=memberships))
        .order_by("organisation__name_fi")
    )


def pending_representatives_for_admin(user, *, all_for_staff=True):
    """Requests the person may decide: those of organisations they administer, or all
    of them for staff (unless ``all_for_staff`` is False). Never their own."""
    if not (user and user.is_authenticated):
        return Representative.objects.none()
    pending = Representative.objects.requested().select_related("user", "organisation")
    if all_for_staff and is_staff(user):
        return pending.order_by("requested_at")
    administered = Representative.objects.admins().filter(user=user).values("organisation_id")
    return (
        pending.filter(organisation_id__in=administered)
        .exclude(user=user)
        .order_by("organisation__name_fi", "requested_at")
    )

"""Reads of the register that span relations or apply permissions. Every queryset that
leaves here is scoped to the user it was asked for."""

from django.db.models import Prefetch

from core.access import is_staff

from .models import Membership, MembershipFee, Organisation, Representative


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


# Partnership network ----------------------------------------------------------------------


def represented_organisation_ids(user):
    """Ids of the organisations the person is an approved representative of (a subquery)."""
    return Representative.objects.approved().filter(user=user).values("organisation_id")


def groups_for_representative(user):
    """Cooperation groups one of the person's organisations belongs to, with their member
    organisations and meetings (newest first): a fixed number of queries. Staff see
    only the groups of organisations they represent here; they manage groups elsewhere."""
    from .models import CooperationGroup, GroupMember, Meeting

    if not (user and user.is_authenticated):
        return CooperationGroup.objects.none()
    return (
        CooperationGroup.objects.filter(
            is_active=True, members__organisation_id__in=represented_organisation_ids(user)
        )
        .distinct()
        .prefetch_related(
            Prefetch(
                "members",
                queryset=GroupMember.objects.select_related("organisation").order_by(
                    "organisation__name_fi"
                ),
            ),
            Prefetch("meetings", queryset=Meeting.objects.order_by("-start")),
        )
        .order_by("name_fi", "pk")
    )


def meetings_visible_to(user):
    """Meetings whose agenda and minutes the person may read: staff all of them, a
    representative those of groups their organisation belongs to."""
    from .models import Meeting

    if not (user and user.is_authenticated):
        return Meeting.objects.none()
    if is_staff(user):
        return Meeting.objects.all()
    return Meeting.objects.filter(
        group__members__organisation_id__in=represented_organisation_ids(user)
    ).distinct()


def partnerships_for_staff(user):
    """Every partnership with its partner and the partner's municipality, for staff; none
    for anyone else."""
    from .models import Partnership

    if not is_staff(user):
        return Partnership.objects.none()
    return Partnership.objects.select_related("partner__municipality")

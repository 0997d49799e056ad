"""Who sees which placements: staff all of them; a supervisor (an approved representative
of the host) only those of their own host; nobody else any."""

from core.access import is_staff
from organisations.models import Representative

from .models import Host, Placement


def supervised_placements(user):
    """The placements a user may see and mark: all for staff, their host's for an
    approved representative of a host, none for anybody else."""
    qs = Placement.objects.select_related("participant", "host__organisation", "authority")
    if is_staff(user):
        return qs
    if not (user and user.is_authenticated):
        return qs.none()
    orgs = Representative.objects.filter(user=user, status=Representative.Status.APPROVED).values(
        "organisation"
    )
    return qs.filter(host__organisation__in=orgs)


def may_mark_attendance(user, placement: Placement) -> bool:
    return supervised_placements(user).filter(pk=placement.pk).exists()


def public_hosts():
    return Host.objects.filter(is_public=True).select_related("organisation")


def own_placements(user):
    """The placements of the participant whose account ``user`` is; none for anybody
    else (staff included: this is the participant's own view)."""
    if not (user and user.is_authenticated):
        return Placement.objects.none()
    return Placement.objects.filter(participant__user=user).select_related(
        "host__organisation", "authority", "supervisor__user"
    )

"""Criteria sets: drafted, approved (by whom, when, with which partners), published;
frozen once the first application arrives, changed only through a new version."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core import clock
from grants.errors import GrantError
from grants.models import Call, CriteriaSet

from ._common import _require_staff


def criteria_check_editable(criteria_set: CriteriaSet):
    """A criteria set is edited only as a draft; once approved it is changed through a
    new version (and once frozen, applications have been scored with it)."""
    if criteria_set.is_frozen:
        raise GrantError(
            _(
                "These criteria are frozen: applications have arrived. Make a new version "
                "to change them."
            )
        )
    if criteria_set.status != CriteriaSet.Status.DRAFT:
        raise GrantError(_("Approved criteria are not edited. Make a new version to change them."))


@transaction.atomic
def criteria_approve(*, actor, criteria_set: CriteriaSet, partners=()) -> CriteriaSet:
    """Record who approved the draft, when, and the partners it was prepared with."""
    _require_staff(actor)
    criteria_set = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    if criteria_set.status != CriteriaSet.Status.DRAFT:
        raise GrantError(_("Only a draft is approved."))
    criteria = list(criteria_set.criteria.all())
    if not criteria:
        raise GrantError(_("Add at least one criterion before approving."))
    criteria_set.status = CriteriaSet.Status.APPROVED
    criteria_set.approved_by = actor
    criteria_set.approved_at = clock.now()
    criteria_set.save(update_fields=["status", "approved_by", "approved_at"])
    if partners:
        criteria_set.partners.set(partners)
    return criteria_set


@transaction.atomic
def criteria_publish(*, actor, criteria_set: CriteriaSet) -> CriteriaSet:
    _require_staff(actor)
    criteria_set = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    if criteria_set.status != CriteriaSet.Status.APPROVED:
        raise GrantError(_("Criteria are published after they have been approved."))
    criteria_set.status = CriteriaSet.Status.PUBLISHED
    criteria_set.published_at = clock.now()
    criteria_set.save(update_fields=["status", "published_at"])
    return criteria_set


@transaction.atomic
def criteria_new_version(*, actor, criteria_set: CriteriaSet) -> CriteriaSet:
    """A draft copy of the set as the call's next version; the old one stays for the
    applications scored with it."""
    _require_staff(actor)
    call = Call.objects.select_for_update().get(pk=criteria_set.call_id)
    latest = call.criteria_sets.order_by("-version").first()
    if latest.status == CriteriaSet.Status.DRAFT:
        raise GrantError(_("The call already has a draft version of its criteria."))
    new = CriteriaSet.objects.create(call=call, version=latest.version + 1)
    new.partners.set(criteria_set.partners.all())
    for criterion in criteria_set.criteria.all():
        criterion.pk = None
        criterion.criteria_set = new
        criterion.save()
    return new

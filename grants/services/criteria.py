"""Criteria sets: drafted, approved (by whom, when, with which partners), published;
frozen once the first application arrives, changed only through a new version."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core import clock
from grants.errors import GrantError
from grants.models import Call, CriteriaSet, Criterion

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


@transaction.atomic
def criteria_draft_create(*, actor, call: Call) -> CriteriaSet:
    """A draft criteria set for the call: the first one (empty), or a new version copied
    from the latest one."""
    _require_staff(actor)
    call = Call.objects.select_for_update().get(pk=call.pk)
    latest = call.criteria_sets.order_by("-version").first()
    if latest is None:
        return CriteriaSet.objects.create(call=call, version=1)
    return criteria_new_version(actor=actor, criteria_set=latest)


@dataclass
class CriterionInput:
    name_fi: str
    weight: Decimal | None
    scale_min: int | None = 0
    scale_max: int | None = 5
    allow_na: bool = False
    order: int | None = None
    name_sv: str = ""
    name_en: str = ""
    guidance_fi: str = ""
    guidance_sv: str = ""
    guidance_en: str = ""


def _check_criterion(data: CriterionInput):
    if not (data.name_fi or "").strip():
        raise GrantError(_("Name the criterion in Finnish."), field="name_fi")
    if data.weight is None or data.weight <= 0:
        raise GrantError(_("The weight must be more than 0."), field="weight")
    if data.weight >= 1000:
        raise GrantError(_("The weight must be less than 1000."), field="weight")
    if data.scale_min is None or data.scale_min < 0:
        raise GrantError(_("The lowest score cannot be negative."), field="scale_min")
    if data.scale_max is None or data.scale_max <= data.scale_min:
        raise GrantError(_("The highest score must be above the lowest score."), field="scale_max")
    if data.scale_max > 100:
        raise GrantError(_("The highest score can be at most 100."), field="scale_max")


@transaction.atomic
def criterion_save(
    *, actor, criteria_set: CriteriaSet, data: CriterionInput, criterion: Criterion | None = None
) -> Criterion:
    """Add a criterion to a draft criteria set, or change one of its criteria. Only a
    draft is edited: approved or frozen criteria change through a new version."""
    _require_staff(actor)
    criteria_set = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    if criterion is not None and criterion.criteria_set_id != criteria_set.pk:
        raise GrantError(_("The criterion belongs to another criteria set."))
    criteria_check_editable(criteria_set)
    _check_criterion(data)
    if criterion is None:
        criterion = Criterion(criteria_set=criteria_set)
        if data.order is None:
            last = criteria_set.criteria.order_by("-order").values_list("order", flat=True).first()
            data.order = (last or 0) + 1
    for name in (
        "name_fi",
        "name_sv",
        "name_en",
        "guidance_fi",
        "guidance_sv",
        "guidance_en",
    ):
        setattr(criterion, name, (getattr(data, name) or "").strip())
    criterion.weight = data.weight
    criterion.scale_min = data.scale_min
    criterion.scale_max = data.scale_max
    criterion.allow_na = bool(data.allow_na)
    if data.order is not None:
        criterion.order = data.order
    criterion.save()
    return criterion


@transaction.atomic
def criterion_delete(*, actor, criterion: Criterion) -> None:
    _require_staff(actor)
    criteria_set = CriteriaSet.objects.select_for_update().get(pk=criterion.criteria_set_id)
    criteria_check_editable(criteria_set)
    Criterion.objects.filter(pk=criterion.pk).delete()

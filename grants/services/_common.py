"""What the use cases of grants share: the staff and applicant guards, the notices,
and how money and moments are written in messages."""

import logging
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core.access import is_staff
from core.outbox import send_soon
from core.uploads import DOCX, JPEG, ODS, ODT, PDF, PNG, XLSX
from grants import selectors
from grants.errors import GrantError
from grants.models import Decision, GrantNotice

logger = logging.getLogger("grants.services")

CENT = Decimal("0.01")
ATTACHMENT_TYPES = frozenset({PDF, ODT, ODS, DOCX, XLSX, PNG, JPEG})
SEND_TASK = "grants.tasks.send_notices"


def _require_staff(actor):
    if not is_staff(actor):
        raise PermissionDenied


DECISION_MAKER = "grants.approve_decisions"


def is_decision_maker(user) -> bool:
    """Staff with the permission to approve a call's decisions (a group or the person)."""
    return is_staff(user) and user.has_perm(DECISION_MAKER)


def _local(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def _money(value: Decimal) -> str:
    return formats.number_format(value, 2, use_l10n=True, force_grouping=True)


def _notify(application, kind, round_=1):
    GrantNotice.objects.get_or_create(application=application, kind=kind, round=round_)
    send_soon(SEND_TASK)


def _require_applicant(actor, application_or_org):
    organisation = getattr(application_or_org, "organisation", application_or_org)
    if not (is_staff(actor) or selectors.may_apply_for(actor, organisation)):
        raise PermissionDenied


def _require_granted(application):
    decision = getattr(application, "decision", None)
    if decision is None or decision.outcome != Decision.Outcome.GRANTED:
        raise GrantError(_("Reports and changes are made after a grant has been decided."))

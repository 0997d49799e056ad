"""Sending the monthly attendance report to the referring authority: once per authority
and month (the unique row of ReportDispatch), queued by the monthly beat task for the
month before or by staff with a button, and sent through the placements outbox
(placements.mail) with the PDF and the CSV attached."""

import logging
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from core import clock
from core.access import is_staff
from core.outbox import send_soon

from .errors import PlacementError
from .models import Authority, Placement, ReportDispatch

logger = logging.getLogger(__name__)

SEND_TASK = "placements.tasks.send_monthly_reports"


def _queue(authority: Authority, month: date, language: str, actor=None):
    """The authority's row for the month, created if missing; (row, created)."""
    try:
        with transaction.atomic():
            row, created = ReportDispatch.objects.get_or_create(
                authority=authority,
                month=month,
                defaults={"language": language, "queued_by": actor},
            )
    except IntegrityError:  # another request queued it at the same moment
        return ReportDispatch.objects.get(authority=authority, month=month), False
    if created:
        send_soon(SEND_TASK)
        logger.info("monthly report %s queued for authority %s", month, authority.pk)
    return row, created


def report_dispatch_request(*, actor, authority: Authority, month: date, language: str = "fi"):
    """Staff send a finished month's report now. A month already queued or sent is not
    sent again: (row, False)."""
    if not is_staff(actor):
        raise PermissionDenied
    month = month.replace(day=1)
    if month >= clock.today().replace(day=1):
        raise PlacementError(_("Only a month that has ended can be sent."), field="month")
    return _queue(authority, month, language if language in ("fi", "sv") else "fi", actor)


def queue_last_month(today: date | None = None) -> int:
    """Queue last month's report of every authority with placements in that month; the
    monthly beat task. Safe to run any number of times: return how many were new."""
    today = today or clock.today()
    month = today.replace(day=1) - relativedelta(months=1)
    end = month + relativedelta(months=1)
    authorities = Authority.objects.filter(
        pk__in=Placement.objects.filter(start_date__lt=end, end_date__gte=month).values("authority")
    )
    return sum(_queue(authority, month, "fi")[1] for authority in authorities)

"""Who may ask for a room booking report, and asking for one (from the reports page).
Building, storing and following it is core.reports' pipeline, as for every report."""

from datetime import date

from django.core.exceptions import PermissionDenied

from core import reports as pipeline
from core.access import is_staff
from organisations.models import Organisation, Representative

from .models import Report


def may_request_report(user, *, kind: str, organisation: Organisation | None) -> bool:
    """Staff may ask for any report; an approved representative for the statement of
    their own organisation only."""
    if is_staff(user):
        return True
    if not (user and user.is_authenticated) or kind != Report.Kind.STATEMENT:
        return False
    if organisation is None:
        return False
    return Representative.objects.approved().filter(user=user, organisation=organisation).exists()


def report_request(
    *, actor, kind: str, month: date, organisation: Organisation | None = None, language: str
) -> Report:
    """Ask for a report to be built in the background; the page that asked follows it."""
    if not may_request_report(actor, kind=kind, organisation=organisation):
        raise PermissionDenied
    return pipeline.report_request(
        Report,
        kind=kind,
        month=month,
        organisation=organisation,
        language=language,
        requested_by=actor,
    )

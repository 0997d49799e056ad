"""The monthly attendance report to a referring authority: for each placement the
authority referred that runs in the month, the days present, the hours, the absences
and the expense compensation (days present × the authority's amount per day). As PDF
through core.reports' pipeline (staff page, Celery worker, `manage.py report
attendance`) and as CSV from the same figures."""

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import clock
from core import reports as pipeline
from core.access import is_staff
from core.pdf import html_to_pdf

from .models import Attendance, AttendanceReport, Authority, Placement


@dataclass
class Row:
    placement: Placement
    days_present: int
    hours: Decimal
    days_ill: int
    days_other: int
    compensation: Decimal


def monthly_rows(authority: Authority, month: date) -> list[Row]:
    """One row per placement of the authority that runs in the month, in name order."""
    end = month + relativedelta(months=1)
    in_month = Q(attendances__day__gte=month, attendances__day__lt=end)
    placements = (
        Placement.objects.filter(authority=authority, start_date__lt=end, end_date__gte=month)
        .select_related("participant", "host__organisation")
        .annotate(
            present=Count("attendances", filter=in_month & Q(attendances__status="present")),
            ill=Count("attendances", filter=in_month & Q(attendances__status="ill")),
            other=Count("attendances", filter=in_month & Q(attendances__status="other")),
            hours_sum=Sum("attendances__hours", filter=in_month),
        )
        .order_by("participant__name", "pk")
    )
    return [
        Row(
            placement=p,
            days_present=p.present,
            hours=p.hours_sum or Decimal("0"),
            days_ill=p.ill,
            days_other=p.other,
            compensation=authority.daily_compensation * p.present,
        )
        for p in placements
    ]


def _context(authority, month):
    rows = monthly_rows(authority, month)
    return {
        "authority": authority,
        "month": month,
        "rows": rows,
        "total_days": sum(r.days_present for r in rows),
        "total_compensation": sum((r.compensation for r in rows), Decimal("0")),
    }


def monthly_report_html(authority: Authority, month: date) -> str:
    """The report's HTML in the active language (the outbox sets the recipient's)."""
    context = _context(authority, month)
    context.update(generated_at=clock.now())
    return render_to_string("pdf/placements/attendance.html", context)


def render_report_html(report: AttendanceReport) -> str:
    with translation.override(report.language), timezone.override(timezone.get_default_timezone()):
        return monthly_report_html(report.authority, report.month)


def render_report_pdf(report: AttendanceReport) -> bytes:
    return html_to_pdf(render_report_html(report))


def monthly_csv(authority: Authority, month: date, language: str = "fi") -> str:
    """The report's figures as CSV (semicolon-separated, decimal comma: what Finnish
    spreadsheets open)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    with translation.override(language):
        writer.writerow(
            [
                _("participant"),
                _("referrer's reference"),
                _("kind"),
                _("host"),
                _("Days present"),
                _("hours"),
                _("Days absent: ill"),
                _("Days absent: other reason"),
                _("Compensation (€)"),
            ]
        )
        for r in monthly_rows(authority, month):
            p = r.placement
            writer.writerow(
                [
                    p.participant.name,
                    p.referrer_reference,
                    p.get_kind_display(),
                    p.host.organisation.name,
                    r.days_present,
                    str(r.hours).replace(".", ","),
                    r.days_ill,
                    r.days_other,
                    str(r.compensation).replace(".", ","),
                ]
            )
    return out.getvalue()


def attendance_report_request(*, actor, authority: Authority, month: date, language: str):
    if not is_staff(actor):
        raise PermissionDenied
    return pipeline.report_request(
        AttendanceReport, authority=authority, month=month, language=language, requested_by=actor
    )


__all__ = ["Attendance", "monthly_rows", "monthly_csv", "attendance_report_request"]

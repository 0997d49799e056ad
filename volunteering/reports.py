"""Volunteering's figures and documents: the monthly fee statement of an organisation
(PDF), a person's volunteering certificate (PDF), the payment list for accounting (CSV)
and the figures for the funder. The PDFs are core report jobs (models.Report), built by
core.reports' pipeline from a Celery worker or `manage.py report`. Each reads with a
fixed number of queries."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import ExtractYear, TruncMonth
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import clock
from core import reports as pipeline
from core.access import is_staff
from core.clock import local_datetime
from core.pdf import html_to_pdf

from . import selectors
from .models import HourEntry, Profile, Report, Request, Role

ZERO = Decimal("0.00")


def next_month(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1)


def approved_in_month(month: date):
    return HourEntry.objects.filter(
        status=HourEntry.Status.APPROVED, date__gte=month, date__lt=next_month(month)
    )


# --- The fee statement -------------------------------------------------------------------


@dataclass
class Statement:
    organisation: object
    month: date
    lines: list
    hours: Decimal
    fees: Decimal
    travel: Decimal

    @property
    def total(self) -> Decimal:
        return self.fees + self.travel

    @property
    def last_day(self) -> date:
        return next_month(self.month) - timedelta(days=1)


def fee_statement(organisation, month: date) -> Statement:
    """Approved hours of the organisation's requests in the month, with their frozen
    fees and travel compensation. One query."""
    lines = list(
        approved_in_month(month)
        .filter(assignment__request__organisation=organisation)
        .select_related("assignment__profile", "assignment__request", "fee_tier")
        .order_by("date", "assignment__profile__name", "pk")
    )
    return Statement(
        organisation=organisation,
        month=month,
        lines=lines,
        hours=sum((e.hours for e in lines), ZERO),
        fees=sum((e.fee for e in lines), ZERO),
        travel=sum((e.travel for e in lines), ZERO),
    )


# --- The certificate ---------------------------------------------------------------------


@dataclass
class CertificateRow:
    organisation: str
    year: int
    hours: Decimal
    tasks: int


def certificate_rows(profile: Profile) -> list[CertificateRow]:
    """The person's approved hours by organisation and year. One query."""
    rows = (
        HourEntry.objects.filter(assignment__profile=profile, status=HourEntry.Status.APPROVED)
        .annotate(year=ExtractYear("date"))
        .values("assignment__request__organisation__name_fi", "year")
        .annotate(hours=Sum("hours"), tasks=Count("assignment", distinct=True))
        .order_by("year", "assignment__request__organisation__name_fi")
    )
    return [
        CertificateRow(
            organisation=r["assignment__request__organisation__name_fi"],
            year=r["year"],
            hours=r["hours"],
            tasks=r["tasks"],
        )
        for r in rows
    ]


def render_report_pdf(report: Report) -> bytes:
    with translation.override(report.language), timezone.override(timezone.get_default_timezone()):
        context = {"report": report, "generated_at": clock.now()}
        if report.kind == Report.Kind.STATEMENT:
            context["statement"] = fee_statement(report.organisation, report.month)
            context["month"] = report.month
            html = render_to_string("pdf/volunteering/statement.html", context)
        else:
            rows = certificate_rows(report.profile)
            context.update(
                profile=report.profile,
                rows=rows,
                total=sum((r.hours for r in rows), ZERO),
                roles=report.profile.role_labels(),
            )
            html = render_to_string("pdf/volunteering/certificate.html", context)
    return html_to_pdf(html)


def report_request(*, actor, kind: str, language: str, month=None, organisation=None, profile=None):
    """Staff ask for any report; a requester for their organisation's statement; a person
    for their own certificate."""
    if kind == Report.Kind.STATEMENT:
        if not (is_staff(actor) or selectors.may_request_for(actor, organisation)):
            raise PermissionDenied
        subject = {"month": month, "organisation": organisation}
    else:
        if not (is_staff(actor) or (profile and profile.user_id == actor.pk)):
            raise PermissionDenied
        subject = {"profile": profile}
    return pipeline.report_request(
        Report, kind=kind, language=language, requested_by=actor, **subject
    )


# --- The payment list --------------------------------------------------------------------


def payment_list_csv(month: date) -> str:
    """One line per person and organisation: approved hours of the month with their fees
    and travel, for accounting. One query."""
    rows = (
        approved_in_month(month)
        .filter(Q(fee__gt=0) | Q(travel__gt=0))
        .values(
            "assignment__profile__name",
            "assignment__profile__user__email",
            "assignment__request__organisation__name_fi",
        )
        .annotate(hours=Sum("hours"), fees=Sum("fee"), travel=Sum("travel"), entries=Count("pk"))
        .order_by("assignment__profile__name", "assignment__request__organisation__name_fi")
    )
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            _("Name"),
            _("Email"),
            _("Organisation"),
            _("Month"),
            _("Dates"),
            _("Hours"),
            _("Fees (€)"),
            _("Travel compensation (€)"),
            _("Total (€)"),
        ]
    )

    def euros(value):
        return f"{value:.2f}".replace(".", ",")

    for r in rows:
        writer.writerow(
            [
                r["assignment__profile__name"],
                r["assignment__profile__user__email"],
                r["assignment__request__organisation__name_fi"],
                f"{month:%Y-%m}",
                r["entries"],
                euros(r["hours"]),
                euros(r["fees"]),
                euros(r["travel"]),
                euros(r["fees"] + r["travel"]),
            ]
        )
    return "\ufeff" + out.getvalue()


# --- Figures for the funder --------------------------------------------------------------


@dataclass
class Row:
    label: str
    value: Decimal | int


@dataclass
class Figures:
    first: date
    last: date
    active_volunteers: int
    active_experts: int
    new_volunteers: int
    new_experts: int
    hours_total: Decimal
    hours_by_role: list[Row] = field(default_factory=list)
    hours_by_organisation: list[Row] = field(default_factory=list)
    hours_by_municipality: list[Row] = field(default_factory=list)
    hours_by_month: list[Row] = field(default_factory=list)
    requests_received: int = 0
    requests_filled: int = 0
    requests_unfilled: int = 0
    mean_days_to_fill: Decimal | None = None

    def tables(self) -> list[tuple[str, list[Row]]]:
        return [
            (_("Approved hours by role"), self.hours_by_role),
            (_("Approved hours by organisation"), self.hours_by_organisation),
            (_("Approved hours by municipality"), self.hours_by_municipality),
            (_("Approved hours by month"), self.hours_by_month),
        ]


QUERIES = 8


def figures(first: date, last: date) -> Figures:
    """Between two days (inclusive, local time): people active (approved hours) and new
    (profiles created), approved hours by role, organisation, municipality and month;
    requests received, filled and unfilled, and the mean time to fill. Eight queries."""
    start = local_datetime(first, time(0, 0))
    end = local_datetime(last + timedelta(days=1), time(0, 0))
    hours = HourEntry.objects.filter(
        status=HourEntry.Status.APPROVED, date__gte=first, date__lte=last
    )
    active = Profile.objects.filter(assignments__hours__in=hours.values("pk")).distinct()
    counts = Profile.objects.aggregate(
        active_volunteers=Count("pk", filter=Q(pk__in=active.values("pk"))),
        active_experts=Count(
            "pk", filter=Q(pk__in=active.values("pk"), roles__contains=[Role.EXPERT])
        ),
        new_volunteers=Count("pk", filter=Q(created_at__gte=start, created_at__lt=end)),
        new_experts=Count(
            "pk",
            filter=Q(created_at__gte=start, created_at__lt=end, roles__contains=[Role.EXPERT]),
        ),
    )
    total = hours.aggregate(total=Sum("hours"))["total"] or ZERO
    # A request asks for one or more roles; its hours count under the first of them.
    by_role = {}
    for r in hours.values("assignment__request__roles").annotate(h=Sum("hours")):
        role = (r["assignment__request__roles"] or [Role.VOLUNTEER])[0]
        by_role[role] = by_role.get(role, ZERO) + r["h"]
    by_org = (
        hours.values("assignment__request__organisation__name_fi")
        .annotate(h=Sum("hours"))
        .order_by("-h", "assignment__request__organisation__name_fi")
    )
    by_municipality = (
        hours.values("assignment__request__municipality__name")
        .annotate(h=Sum("hours"))
        .order_by("-h", "assignment__request__municipality__name")
    )
    by_month = (
        hours.annotate(m=TruncMonth("date")).values("m").annotate(h=Sum("hours")).order_by("m")
    )
    received = Request.objects.filter(created_at__gte=start, created_at__lt=end)
    to_fill = ExpressionWrapper(F("filled_at") - F("created_at"), output_field=DurationField())
    requests = received.aggregate(
        received=Count("pk"),
        filled=Count("pk", filter=Q(status=Request.Status.FILLED)),
        unfilled=Count("pk", filter=Q(status=Request.Status.CLOSED)),
    )
    fill_times = list(
        received.filter(status=Request.Status.FILLED)
        .annotate(d=to_fill)
        .values_list("d", flat=True)
    )
    mean = None
    if fill_times:
        seconds = sum(d.total_seconds() for d in fill_times) / len(fill_times)
        mean = Decimal(seconds / 86400).quantize(Decimal("0.1"))
    return Figures(
        first=first,
        last=last,
        hours_total=total,
        hours_by_role=[Row(str(Role(k).label), v) for k, v in sorted(by_role.items())],
        hours_by_organisation=[
            Row(r["assignment__request__organisation__name_fi"], r["h"]) for r in by_org
        ],
        hours_by_municipality=[
            Row(r["assignment__request__municipality__name"] or _("Online"), r["h"])
            for r in by_municipality
        ],
        hours_by_month=[Row(f"{r['m']:%m/%Y}", r["h"]) for r in by_month],
        requests_received=requests["received"],
        requests_filled=requests["filled"],
        requests_unfilled=requests["unfilled"],
        mean_days_to_fill=mean,
        **counts,
    )


def organisation_figures(organisation) -> dict:
    """For the network view: the organisation's requests, filled ones, people who worked
    for it and their approved hours. Two queries."""
    requests = Request.objects.filter(organisation=organisation).aggregate(
        received=Count("pk"),
        filled=Count("pk", filter=Q(status=Request.Status.FILLED)),
        open=Count("pk", filter=Q(status=Request.Status.OPEN)),
    )
    hours = HourEntry.objects.filter(
        assignment__request__organisation=organisation, status=HourEntry.Status.APPROVED
    ).aggregate(
        hours=Sum("hours"),
        people=Count("assignment__profile", distinct=True),
        fees=Sum("fee"),
    )
    return {**requests, **hours}

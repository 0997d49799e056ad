"""What the staff dashboard shows: the approval queues, this week's bookings and training
sessions, key figures with small charts, the background work waiting, and the reports
the staff member has asked for. A fixed number of queries however much data there is
(QUERIES)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db.models import Count, DurationField, ExpressionWrapper, F, Sum, Window
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core import clock, pagecache
from core.clock import local_datetime
from core.models import ReportJob
from core.outbox import outbox_models
from core.outbox import waiting as waiting_to_send
from core.reports import report_models
from events.models import Event
from facilities.models import Booking
from facilities.models import Report as BookingReport
from organisations.models import Membership, Organisation, Representative
from pilots.models import Pilot, PilotReport, PilotStatus
from trainings.models import Session, Training
from yhteisokeskus.models import AnnualReport

from .charts import BarChart, bar_chart

WEEK_LIMIT = 50
# The dashboard reloads itself while a report younger than this is being built; an older
# one still pending (a worker down) does not keep it reloading for ever.
REFRESH_WHILE = timedelta(minutes=15)
RECENT_REPORTS = 10
CHART_MONTHS = 6
HOUR = Decimal(3600)
# queues 4, week 2, key figures 4, charts 2, background work 2, reports 3
QUERIES = 4 + 2 + 4 + 2 + 2 + 3


@dataclass
class Queue:
    label: str
    count: int
    url: str
    link_text: str


def queues() -> list[Queue]:
    """The four approval queues, each with the page where staff handle it. Four queries."""
    membership_admin = reverse("admin:organisations_membership_changelist")
    representative_admin = reverse("admin:organisations_representative_changelist")
    return [
        Queue(
            _("Booking requests"),
            Booking.objects.requested().count(),
            reverse("facilities:booking_queue"),
            _("Handle the booking requests"),
        ),
        Queue(
            _("Membership applications"),
            Membership.objects.applied().count(),
            f"{membership_admin}?status__exact={Membership.Status.APPLIED}",
            _("Handle the membership applications"),
        ),
        Queue(
            _("Representative requests"),
            Representative.objects.requested().count(),
            f"{representative_admin}?status__exact={Representative.Status.REQUESTED}",
            _("Handle the representative requests"),
        ),
        Queue(
            _("Submitted events"),
            Event.objects.submitted().count(),
            reverse("events:moderation_queue"),
            _("Moderate the submitted events"),
        ),
    ]


def week_bounds(today: date | None = None) -> tuple[date, date]:
    """Monday and Sunday of the week of ``today`` (local)."""
    today = today or clock.today()
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


@dataclass
class Week:
    monday: date
    sunday: date
    bookings: list
    booking_count: int
    sessions: list


def this_week(today: date | None = None) -> Week:
    """Bookings that hold a room (requested or confirmed) and sessions of trainings that
    are not drafts or cancelled, starting this week; at most WEEK_LIMIT of each. Two
    queries (the bookings' count comes with them as a window total)."""
    monday, sunday = week_bounds(today)
    start = local_datetime(monday, time(0, 0))
    end = local_datetime(sunday + timedelta(days=1), time(0, 0))
    bookings = list(
        Booking.objects.holding()
        .filter(start__gte=start, start__lt=end)
        .select_related("room", "room__site", "organisation")
        .annotate(total=Window(Count("pk")))
        .order_by("start", "pk")[:WEEK_LIMIT]
    )
    sessions = list(
        Session.objects.filter(starts__gte=start, starts__lt=end)
        .filter(training__status__in=[Training.Status.PUBLISHED, Training.Status.COMPLETED])
        .select_related("training", "room")
        .order_by("starts", "pk")[:WEEK_LIMIT]
    )
    return Week(
        monday=monday,
        sunday=sunday,
        bookings=bookings,
        booking_count=bookings[0].total if bookings else 0,
        sessions=sessions,
    )


@dataclass
class Figure:
    label: str
    value: int | str


@dataclass
class KeyFigures:
    figures: list[Figure]
    hours_chart: BarChart | None
    hours_rows: list[tuple[str, str]]
    pilots_chart: BarChart | None
    pilots_rows: list[tuple[str, int]]


def _months_back(today: date, count: int) -> list[date]:
    months, first = [], today.replace(day=1)
    for _i in range(count):
        months.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return list(reversed(months))


def _hours(duration) -> Decimal:
    seconds = Decimal(duration.total_seconds()) if duration else Decimal(0)
    return (seconds / HOUR).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def key_figures(today: date | None = None) -> KeyFigures:
    """Members now, upcoming public trainings and events, pilots running, and two charts:
    booked hours of the last six months and the pilots by status. Six queries."""
    today = today or clock.today()
    now = clock.now()
    figures = [
        Figure(_("Member organisations"), Organisation.objects.members().count()),
        Figure(
            _("Trainings open for enrolment"),
            Training.objects.filter(
                status=Training.Status.PUBLISHED,
                enrolment_opens__lte=now,
                enrolment_closes__gt=now,
            ).count(),
        ),
        Figure(_("Upcoming public events"), Event.objects.public().upcoming(now).count()),
        Figure(
            _("Pilots running"),
            Pilot.objects.filter(status=PilotStatus.RUNNING).count(),
        ),
    ]

    months = _months_back(today, CHART_MONTHS)
    start = local_datetime(months[0], time(0, 0))
    end = local_datetime((today.replace(day=28) + timedelta(days=4)).replace(day=1), time(0, 0))
    booked = cache.get_or_set(
        # Half a year of bookings summed (40,000 rows at a large centre's volume) is
        # most of the page's database time; kept until a booking changes.
        f"dashboard:booked-hours:{pagecache.version('rooms')}:{start:%Y-%m}:{end:%Y-%m}",
        lambda: _booked_per_month(start, end),
        24 * 3600,
    )
    hours_rows = [
        (formats.date_format(month, "YEAR_MONTH_FORMAT"), _hours(booked.get(month)))
        for month in months
    ]
    hours_chart = bar_chart(hours_rows) if any(v for _label, v in hours_rows) else None
    hours_text = [(label, formats.number_format(v, 1, use_l10n=True)) for label, v in hours_rows]

    by_status = dict(
        Pilot.objects.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    pilots_rows = [(str(s.label), by_status.get(s.value, 0)) for s in PilotStatus]
    return KeyFigures(
        figures=figures,
        hours_chart=hours_chart,
        hours_rows=hours_text,
        pilots_chart=bar_chart(pilots_rows) if any(n for _l, n in pilots_rows) else None,
        pilots_rows=pilots_rows,
    )


def _booked_per_month(start: datetime, end: datetime) -> dict[date, timedelta]:
    tz = timezone.get_default_timezone()
    booked = (
        Booking.objects.filter(status=Booking.Status.CONFIRMED, start__gte=start, start__lt=end)
        .annotate(month=TruncMonth("start", tzinfo=tz))
        .order_by()
        .values("month")
        .annotate(total=Sum(ExpressionWrapper(F("end") - F("start"), output_field=DurationField())))
        .values_list("month", "total")
    )
    return {key.date() if hasattr(key, "date") else key: value for key, value in booked}


@dataclass
class Backlog:
    """When the oldest message still to be sent (in any app's outbox) and the oldest
    report still waiting for a worker (of any kind) were queued; None when none waits.
    Long waits mean the broker or the workers are away."""

    oldest_message_at: datetime | None
    oldest_report_at: datetime | None


def _oldest(querysets) -> datetime | None:
    """The earliest created_at among the rows of ``querysets``, in one query: a UNION ALL
    of each one's oldest row."""
    first, *rest = (
        qs.order_by("created_at").values_list("created_at", flat=True)[:1] for qs in querysets
    )
    return min(first.union(*rest, all=True), default=None)


def backlog() -> Backlog:
    """The background work waiting, across every outbox and every kind of report. Two
    queries."""
    return Backlog(
        oldest_message_at=_oldest(waiting_to_send(model) for model in outbox_models()),
        oldest_report_at=_oldest(
            model.objects.filter(status=ReportJob.Status.PENDING) for model in report_models()
        ),
    )


@dataclass
class ReportRow:
    kind: str
    subject: str
    report: object

    @property
    def detail_url(self) -> str:
        return self.report.get_absolute_url()

    @property
    def download_url(self) -> str | None:
        return self.report.get_download_url() if self.report.file_ready else None

    @property
    def worth_waiting_for(self) -> bool:
        return self.report.in_progress and self.report.created_at > clock.now() - REFRESH_WHILE


def _booking_report_subject(report: BookingReport) -> str:
    month = formats.date_format(report.month, "YEAR_MONTH_FORMAT")
    return f"{report.organisation.name}, {month}" if report.organisation else month


def recent_reports(user) -> list[ReportRow]:
    """The reports of every kind that this staff member asked for, newest first. Three
    queries."""
    annual = AnnualReport.objects.filter(requested_by=user)
    booking = BookingReport.objects.filter(requested_by=user).select_related("organisation")
    pilot = PilotReport.objects.filter(requested_by=user).select_related("pilot")
    rows = [
        *(ReportRow(_("Annual report"), str(r.year), r) for r in annual[:RECENT_REPORTS]),
        *(
            ReportRow(r.get_kind_display(), _booking_report_subject(r), r)
            for r in booking[:RECENT_REPORTS]
        ),
        *(ReportRow(_("Pilot report"), r.pilot.name, r) for r in pilot[:RECENT_REPORTS]),
    ]
    rows.sort(key=lambda row: row.report.created_at, reverse=True)
    return rows[:RECENT_REPORTS]

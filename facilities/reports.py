"""The two PDF reports of room booking, as data and as PDF: the utilisation of the rooms
in a month, and an organisation's monthly booking statement (the basis for invoicing).

The data functions only read, with a fixed number of queries however many rooms and
bookings there are. A month runs from local midnight to local midnight (Europe/Helsinki),
so a booking at 23.30 on the last evening belongs to the month it looks like it does."""

import re
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DurationField, ExpressionWrapper, F, Sum, Value
from django.db.models.functions import Greatest, Least
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core import clock
from core.access import is_staff
from core.pdf import html_to_pdf
from organisations.models import Organisation, Representative

from .availability import SiteHours, local_datetime
from .models import Booking, OpeningException, OpeningHours, Report, Room, Site

HOUR = Decimal(3600)
PERCENT = Decimal("0.1")


# --- Months ----------------------------------------------------------------------------

_MONTH_PATTERNS = (
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})$"),  # <input type="month">, ISO
    # What people type where the browser shows a plain text box instead of a picker.
    re.compile(r"^(?P<month>\d{1,2})[./](?P<year>\d{4})$"),
)


def parse_month(text: str) -> date:
    """'2026-11' (or '11/2026', '11.2026') → date(2026, 11, 1); ValueError otherwise."""
    text = (text or "").strip()
    for pattern in _MONTH_PATTERNS:
        match = pattern.match(text)
        if match:
            return date(int(match["year"]), int(match["month"]), 1)
    raise ValueError(f"not a month: {text!r}")


def next_month(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1)


def month_bounds(month: date):
    """(first day, last day, local midnight starting it, local midnight ending it)."""
    first = month.replace(day=1)
    following = next_month(first)
    return (
        first,
        following - timedelta(days=1),
        local_datetime(first, time(0, 0)),
        local_datetime(following, time(0, 0)),
    )


def _hours(seconds) -> Decimal:
    return (Decimal(seconds) / HOUR).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --- Room utilisation ------------------------------------------------------------------


class _Usage:
    booked_seconds: int
    open_seconds: int

    @property
    def booked_hours(self) -> Decimal:
        return _hours(self.booked_seconds)

    @property
    def open_hours(self) -> Decimal:
        return _hours(self.open_seconds)

    @property
    def percent(self) -> Decimal | None:
        """Booked time as a percentage of open time; None when the room was never open."""
        if not self.open_seconds:
            return None
        share = Decimal(self.booked_seconds) * 100 / Decimal(self.open_seconds)
        return share.quantize(PERCENT, rounding=ROUND_HALF_UP)


@dataclass
class RoomUsage(_Usage):
    room: Room
    booked_seconds: int
    open_seconds: int


@dataclass
class SiteUsage(_Usage):
    site: Site
    rooms: list[RoomUsage] = field(default_factory=list)
    chart: "Chart | None" = None  # drawn only for the PDF

    @property
    def booked_seconds(self) -> int:
        return sum(r.booked_seconds for r in self.rooms)

    @property
    def open_seconds(self) -> int:
        return sum(r.open_seconds for r in self.rooms)


@dataclass
class Utilisation(_Usage):
    month: date
    sites: list[SiteUsage]

    @property
    def booked_seconds(self) -> int:
        return sum(s.booked_seconds for s in self.sites)

    @property
    def open_seconds(self) -> int:
        return sum(s.open_seconds for s in self.sites)


def _site_hours(sites, first: date, last: date) -> dict[int, SiteHours]:
    """SiteHours of many sites in two queries (SiteHours.load takes two per site). All
    rules are passed: open_intervals checks each rule's validity period day by day."""
    rules: dict[int, list] = {site.pk: [] for site in sites}
    exceptions: dict[int, dict] = {site.pk: {} for site in sites}
    for rule in OpeningHours.objects.filter(site__in=sites):
        rules[rule.site_id].append(rule)
    for exc in OpeningException.objects.filter(site__in=sites, date__range=(first, last)):
        exceptions[exc.site_id][exc.date] = exc
    return {
        site.pk: SiteHours(site=site, rules=rules[site.pk], exceptions=exceptions[site.pk])
        for site in sites
    }


def utilisation_rows(month: date) -> Utilisation:
    """Booked hours (confirmed bookings, clipped to the month) against open hours (closed
    days and public holidays count zero) of every bookable room, grouped by site. Four
    queries."""
    first, last, _start, _end = month_bounds(month)
    return utilisation_between(first, last)


def utilisation_between(first: date, last: date) -> Utilisation:
    """utilisation_rows for any run of whole days, from local midnight of ``first`` to
    local midnight after ``last`` (a year for the annual report). Four queries."""
    start = local_datetime(first, time(0, 0))
    end = local_datetime(last + timedelta(days=1), time(0, 0))
    rooms = list(Room.objects.bookable().select_related("site"))
    sites = list({room.site_id: room.site for room in rooms}.values())
    hours = _site_hours(sites, first, last)
    open_seconds = {site.pk: round(hours[site.pk].open_seconds(first, last)) for site in sites}
    clipped = ExpressionWrapper(
        Least(F("end"), Value(end)) - Greatest(F("start"), Value(start)),
        output_field=DurationField(),
    )
    booked = dict(
        Booking.objects.filter(
            status=Booking.Status.CONFIRMED,
            room__is_bookable=True,
            start__lt=end,
            end__gt=start,
        )
        .order_by()
        .values("room")
        .annotate(total=Sum(clipped))
        .values_list("room", "total")
    )
    by_site: dict[int, SiteUsage] = {}
    for room in sorted(rooms, key=lambda r: (r.site.name.casefold(), r.name.casefold())):
        usage = by_site.setdefault(room.site_id, SiteUsage(site=room.site))
        total = booked.get(room.pk) or timedelta(0)
        usage.rooms.append(
            RoomUsage(
                room=room,
                booked_seconds=round(total.total_seconds()),
                open_seconds=open_seconds[room.site_id],
            )
        )
    return Utilisation(month=first, sites=list(by_site.values()))


# The chart is drawn as SVG by the template from these numbers (CSS pixels).
# 680 px is the width of A4 within the page margins.
CHART_LABEL_WIDTH = 230
CHART_BAR_AREA = 380
CHART_VALUE_WIDTH = 70
CHART_ROW = 24
CHART_BAR = 16
CHART_TOP = 6
CHART_AXIS = 24


@dataclass
class ChartBar:
    label: str
    percent: Decimal | None
    y: int
    # SVG attributes as plain strings: a float in a template would be localised (12,5).
    width: str
    value_x: str
    text_y: int


@dataclass
class Chart:
    bars: list[ChartBar]
    ticks: list[tuple[int, str]]  # (percent, x)
    height: int
    width: int = CHART_LABEL_WIDTH + CHART_BAR_AREA + CHART_VALUE_WIDTH
    label_width: int = CHART_LABEL_WIDTH
    bar_height: int = CHART_BAR
    axis_y: int = 0


def utilisation_chart(site: SiteUsage) -> Chart:
    """Horizontal bars, one per room, scaled to 100 % (or more, if a room was booked
    beyond its opening hours)."""
    highest = max((r.percent or Decimal(0) for r in site.rooms), default=Decimal(0))
    scale = max(100, int((highest + 24) // 25 * 25))
    bars = []
    for i, usage in enumerate(site.rooms):
        width = float(usage.percent or 0) / scale * CHART_BAR_AREA
        y = CHART_TOP + i * CHART_ROW
        bars.append(
            ChartBar(
                label=usage.room.name,
                percent=usage.percent,
                y=y,
                width=f"{width:.1f}",
                value_x=f"{CHART_LABEL_WIDTH + width + 5:.1f}",
                text_y=y + CHART_BAR - 3,
            )
        )
    axis_y = CHART_TOP + len(bars) * CHART_ROW
    ticks = [
        (value, f"{CHART_LABEL_WIDTH + value / scale * CHART_BAR_AREA:.1f}")
        for value in range(0, scale + 1, 25)
    ]
    return Chart(bars=bars, ticks=ticks, height=axis_y + CHART_AXIS, axis_y=axis_y)


# --- Booking statement -----------------------------------------------------------------


@dataclass
class StatementLine:
    booking: Booking

    @property
    def hours(self) -> Decimal:
        return _hours(self.booking.duration.total_seconds())


@dataclass
class Statement:
    organisation: Organisation
    month: date
    lines: list[StatementLine]

    @property
    def last_day(self) -> date:
        return next_month(self.month) - timedelta(days=1)

    @property
    def total(self) -> Decimal:
        return sum((line.booking.price for line in self.lines), Decimal("0.00"))

    @property
    def hours(self) -> Decimal:
        return sum((line.hours for line in self.lines), Decimal("0.00"))


def statement_rows(organisation: Organisation, month: date) -> Statement:
    """The organisation's confirmed bookings that start in the month, with the price each
    was booked at. One query."""
    first, _last, start, end = month_bounds(month)
    bookings = (
        Booking.objects.filter(
            organisation=organisation,
            status=Booking.Status.CONFIRMED,
            start__gte=start,
            start__lt=end,
        )
        .select_related("room", "room__site")
        .order_by("start", "pk")
    )
    return Statement(
        organisation=organisation, month=first, lines=[StatementLine(b) for b in bookings]
    )


# --- Who sees which reports ------------------------------------------------------------


def reports_for_user(user):
    """Every report for staff; for anyone else the statements they asked for themselves,
    of organisations they still represent. Another person's report is simply not here."""
    reports = Report.objects.select_related("organisation")
    if is_staff(user):
        return reports
    if not (user and user.is_authenticated):
        return reports.none()
    return reports.filter(
        requested_by=user,
        kind=Report.Kind.STATEMENT,
        organisation__in=Representative.objects.approved().filter(user=user).values("organisation"),
    )


def statement_organisations(user):
    """Organisations whose statements the person may ask for."""
    if is_staff(user):
        return Organisation.objects.active().order_by("name_fi")
    if not (user and user.is_authenticated):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        pk__in=Representative.objects.approved().filter(user=user).values("organisation")
    ).order_by("name_fi")


# --- PDF -------------------------------------------------------------------------------


def render_report_html(report: Report) -> str:
    """The report as HTML, in its language and in the centre's time zone."""
    with translation.override(report.language), timezone.override(timezone.get_default_timezone()):
        context = {"report": report, "month": report.month, "generated_at": clock.now()}
        if report.kind == Report.Kind.UTILISATION:
            utilisation = utilisation_rows(report.month)
            for site in utilisation.sites:
                site.chart = utilisation_chart(site)
            context["utilisation"] = utilisation
            template = "pdf/facilities/utilisation.html"
        else:
            context["statement"] = statement_rows(report.organisation, report.month)
            template = "pdf/facilities/statement.html"
        return render_to_string(template, context)


def render_report_pdf(report: Report) -> bytes:
    return html_to_pdf(render_report_html(report))

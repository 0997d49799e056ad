"""The figures of the centre's annual report, each computed from the database for one
calendar year (local time, Europe/Helsinki). Every figure is aggregated in SQL: the
number of queries is the same however many organisations, bookings, trainings, events
and pilots there are (see QUERIES)."""

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext

from core.clock import local_datetime
from events.models import Event
from facilities.reports import Utilisation, utilisation_between
from grants.models import Call as GrantCall
from grants.models import Decision as GrantDecision
from newsletters.models import Issue, IssueDelivery, Subscriber
from organisations.models import FieldOfActivity, Membership, Municipality, Organisation
from participation.models import Comment as ParticipationComment
from participation.models import Consultation, Workshop
from participation.reports import QUERIES as PARTICIPATION_MODEL_QUERIES
from participation.reports import ModelFigures as ParticipationModel
from participation.reports import annual_figures as participation_model_figures
from pilots.models import Indicator, Measurement, Pilot, PilotStatus, StatusChange, Theme
from pilots.progress import progress_percent, target_reached
from placements.models import Attendance as PlacementAttendance
from placements.models import Placement
from trainings.models import Attendance, Enrolment, Feedback, Session, Training
from volunteering.reports import QUERIES as VOLUNTEERING_QUERIES
from volunteering.reports import Figures as Volunteering
from volunteering.reports import figures as volunteering_figures

from .charts import BarChart, bar_chart

ONE_DECIMAL = Decimal("0.1")
TWO_DECIMALS = Decimal("0.01")
# utilisation_between takes four; the rest are counted in the functions below.
QUERIES = 4 + 4 + 5 + 2 + 2
QUERIES += 3  # grants
QUERIES += 3  # newsletters()
QUERIES += VOLUNTEERING_QUERIES
QUERIES += 3  # participation()
QUERIES += PARTICIPATION_MODEL_QUERIES
QUERIES += 4  # placements()


def _percent(part, whole) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass
class Year:
    year: int
    first: date
    last: date

    @classmethod
    def of(cls, year: int) -> "Year":
        return cls(year=year, first=date(year, 1, 1), last=date(year, 12, 31))

    @property
    def start(self):
        return local_datetime(self.first, time(0, 0))

    @property
    def end(self):
        return local_datetime(self.last + timedelta(days=1), time(0, 0))


# --- Member organisations -----------------------------------------------------------------


@dataclass
class Row:
    label: str
    count: int


@dataclass
class Members:
    during_year: int
    at_year_end: int
    new: int
    ended: int
    by_municipality: list[Row]
    by_field: list[Row]
    municipality_chart: BarChart | None = None


def _members_during(year: Year):
    """Organisations that were members of the centre on some day of the year."""
    memberships = Membership.objects.filter(
        organisation=OuterRef("pk"),
        status__in=[Membership.Status.ACTIVE, Membership.Status.ENDED],
        member_since__lte=year.last,
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=year.first))
    return Organisation.objects.filter(Exists(memberships))


def members(year: Year) -> Members:
    """Four queries."""
    running = Q(status__in=[Membership.Status.ACTIVE, Membership.Status.ENDED])
    totals = Membership.objects.aggregate(
        new=Count("pk", filter=running & Q(member_since__range=(year.first, year.last))),
        ended=Count("pk", filter=running & Q(ended_on__range=(year.first, year.last))),
        at_year_end=Count(
            "organisation",
            distinct=True,
            filter=running
            & Q(member_since__lte=year.last)
            & (Q(ended_on__isnull=True) | Q(ended_on__gt=year.last)),
        ),
        during_year=Count(
            "organisation",
            distinct=True,
            filter=running
            & Q(member_since__lte=year.last)
            & (Q(ended_on__isnull=True) | Q(ended_on__gte=year.first)),
        ),
    )
    member_ids = _members_during(year).values("pk")
    municipalities = (
        Municipality.objects.annotate(
            members=Count("organisations", filter=Q(organisations__in=member_ids), distinct=True)
        )
        .filter(members__gt=0)
        .order_by("-members", "name")
    )
    by_municipality = [Row(m.name, m.members) for m in municipalities]
    without = totals["during_year"] - sum(row.count for row in by_municipality)
    if without:
        by_municipality.append(Row(gettext("No home municipality"), without))
    fields = (
        FieldOfActivity.objects.annotate(
            members=Count("organisations", filter=Q(organisations__in=member_ids), distinct=True)
        )
        .filter(members__gt=0)
        .order_by("-members", "order", "code")
    )
    by_field = [Row(f.name, f.members) for f in fields]
    no_field = _members_during(year).filter(fields_of_activity__isnull=True).count()
    if no_field:
        by_field.append(Row(gettext("No field of activity"), no_field))
    result = Members(by_municipality=by_municipality, by_field=by_field, **totals)
    result.municipality_chart = bar_chart([(row.label, row.count) for row in by_municipality])
    return result


# --- Trainings ----------------------------------------------------------------------------


@dataclass
class Trainings:
    held: int
    cancelled: int
    sessions: int
    participants: int
    attendance_marked: int
    attendance_present: int
    feedback_count: int
    feedback_mean: Decimal | None

    @property
    def attendance_rate(self) -> Decimal | None:
        return _percent(self.attendance_present, self.attendance_marked)


def trainings(year: Year) -> Trainings:
    """Trainings with a session in the year: how many were held (or cancelled), their
    sessions, confirmed participants, the share of marked attendances that were present
    and the mean rating of their feedback (1–5). Five queries."""
    in_year = Q(starts__gte=year.start, starts__lt=year.end)
    with_session = Training.objects.filter(
        Exists(Session.objects.filter(in_year, training=OuterRef("pk")))
    )
    held_statuses = [Training.Status.PUBLISHED, Training.Status.COMPLETED]
    counts = with_session.aggregate(
        held=Count("pk", filter=Q(status__in=held_statuses)),
        cancelled=Count("pk", filter=Q(status=Training.Status.CANCELLED)),
    )
    held = with_session.filter(status__in=held_statuses).values("pk")
    sessions = Session.objects.filter(in_year, training__in=held).count()
    participants = Enrolment.objects.filter(
        training__in=held, status=Enrolment.Status.CONFIRMED
    ).count()
    attendance = Attendance.objects.filter(
        session__starts__gte=year.start, session__starts__lt=year.end, session__training__in=held
    ).aggregate(marked=Count("pk"), present=Count("pk", filter=Q(present=True)))
    feedback = Feedback.objects.filter(enrolment__training__in=held).aggregate(
        count=Count("pk"), mean=Avg("rating")
    )
    mean = feedback["mean"]
    return Trainings(
        held=counts["held"],
        cancelled=counts["cancelled"],
        sessions=sessions,
        participants=participants,
        attendance_marked=attendance["marked"],
        attendance_present=attendance["present"],
        feedback_count=feedback["count"],
        feedback_mean=(
            None if mean is None else Decimal(mean).quantize(TWO_DECIMALS, rounding=ROUND_HALF_UP)
        ),
    )


# --- Events -------------------------------------------------------------------------------


@dataclass
class Events:
    published: int
    cancelled: int
    by_kind: list[Row]


def events(year: Year) -> Events:
    """Published events (not deleted) that start in the year, by kind. Two queries."""
    published = Event.objects.public().filter(start__gte=year.start, start__lt=year.end)
    totals = published.aggregate(
        published=Count("pk"), cancelled=Count("pk", filter=Q(status=Event.Status.CANCELLED))
    )
    labels = dict(Event.Kind.choices)
    rows = published.order_by().values("kind").annotate(n=Count("pk")).order_by("-n", "kind")
    return Events(by_kind=[Row(str(labels[r["kind"]]), r["n"]) for r in rows], **totals)


# --- Pilots -------------------------------------------------------------------------------


@dataclass
class IndicatorRow:
    indicator: Indicator
    value: Decimal | None
    progress: Decimal | None
    reached: bool


@dataclass
class Pilots:
    total: int
    # [(status label, [count per theme], total)], themes in Theme order
    by_status: list[tuple[str, list[int], int]]
    theme_labels: list[str]
    theme_totals: list[int]
    indicators: list[IndicatorRow] = field(default_factory=list)

    @property
    def measured(self) -> int:
        return sum(1 for row in self.indicators if row.value is not None)

    @property
    def reached(self) -> int:
        return sum(1 for row in self.indicators if row.reached)

    @property
    def mean_progress(self) -> Decimal | None:
        values = [row.progress for row in self.indicators if row.progress is not None]
        if not values:
            return None
        return (sum(values) / len(values)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _pilots_in(year: Year):
    """Pilots that ran on some day of the year, with their status at its end: the last
    status change by then, or (when the log starts later) the status the first later
    change moved from, or else the status they have now."""
    changes = StatusChange.objects.filter(pilot=OuterRef("pk"))
    at_end = changes.filter(changed_on__lte=year.last).order_by("-changed_on", "-changed_at")
    later = changes.filter(changed_on__gt=year.last).exclude(from_status="")
    later = later.order_by("changed_on", "changed_at")
    return (
        Pilot.objects.filter(start_date__lte=year.last)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=year.first))
        .annotate(
            status_at_end=Coalesce(
                Subquery(at_end.values("to_status")[:1]),
                Subquery(later.values("from_status")[:1]),
                "status",
            )
        )
    )


def pilots(year: Year) -> Pilots:
    """Pilots of the year by their status at its end and theme, and every indicator of
    them with its attainment by the last measurement of the year (pilots.progress). Two
    queries."""
    rows = _pilots_in(year).order_by().values("status_at_end", "theme").annotate(n=Count("pk"))
    counts = {(r["status_at_end"], r["theme"]): r["n"] for r in rows}
    themes = list(Theme)
    by_status = []
    for status in PilotStatus:
        per_theme = [counts.get((status.value, theme.value), 0) for theme in themes]
        if any(per_theme):
            by_status.append((str(status.label), per_theme, sum(per_theme)))
    theme_totals = [sum(counts.get((s.value, t.value), 0) for s in PilotStatus) for t in themes]

    latest = Measurement.objects.filter(
        indicator=OuterRef("pk"), measured_on__lte=year.last
    ).order_by("-measured_on", "-pk")
    indicators = (
        Indicator.objects.filter(pilot__in=_pilots_in(year).values("pk"))
        .select_related("pilot")
        .annotate(value_at_end=Subquery(latest.values("value")[:1]))
        .order_by("pilot__name_fi", "pilot_id", "order", "pk")
    )
    indicator_rows = [
        IndicatorRow(
            indicator=i,
            value=i.value_at_end,
            progress=progress_percent(
                baseline=i.baseline, target=i.target, value=i.value_at_end, direction=i.direction
            ),
            reached=target_reached(target=i.target, value=i.value_at_end, direction=i.direction),
        )
        for i in indicators
    ]
    return Pilots(
        total=sum(theme_totals),
        by_status=by_status,
        theme_labels=[str(t.label) for t in themes],
        theme_totals=theme_totals,
        indicators=indicator_rows,
    )


# --- Grants ------------------------------------------------------------------------------


@dataclass
class CallRow:
    call: GrantCall
    applications: int
    granted_count: int
    granted: Decimal


@dataclass
class MoneyRow:
    label: str
    count: int
    amount: Decimal


@dataclass
class Grants:
    calls: list[CallRow]
    by_municipality: list[MoneyRow]
    by_field: list[MoneyRow]

    @property
    def applications(self) -> int:
        return sum(row.applications for row in self.calls)

    @property
    def granted(self) -> Decimal:
        return sum((row.granted for row in self.calls), Decimal("0.00"))


def grants(year: Year) -> Grants:
    """The grant calls that closed in the year with their submitted applications and
    grants, and the granted total by the applicant's home municipality and field of
    activity (an organisation in several fields counts in each). Three queries."""
    submitted = ["submitted", "granted", "refused"]
    calls = (
        GrantCall.objects.filter(closes_at__gte=year.start, closes_at__lt=year.end)
        .select_related("funder")
        .annotate(
            n_applications=Count(
                "applications", filter=Q(applications__status__in=submitted), distinct=True
            ),
            n_granted=Count("decisions", filter=Q(decisions__outcome="granted"), distinct=True),
            granted_total=Subquery(
                GrantDecision.objects.filter(call=OuterRef("pk"), outcome="granted")
                .order_by()
                .values("call")
                .annotate(total=Sum("amount"))
                .values("total")[:1]
            ),
        )
        .order_by("closes_at", "pk")
    )
    rows = [
        CallRow(
            call=call,
            applications=call.n_applications,
            granted_count=call.n_granted,
            granted=call.granted_total or Decimal("0.00"),
        )
        for call in calls
    ]
    decisions = GrantDecision.objects.filter(
        call__closes_at__gte=year.start, call__closes_at__lt=year.end, outcome="granted"
    )
    by_municipality = [
        MoneyRow(
            label=r["name"] or gettext("No home municipality"), count=r["n"], amount=r["total"]
        )
        for r in decisions.values(name=F("application__organisation__municipality__name"))
        .annotate(n=Count("pk"), total=Sum("amount"))
        .order_by("-total", "name")
    ]
    by_field = [
        MoneyRow(label=r["name"] or gettext("Unclassified"), count=r["n"], amount=r["total"])
        for r in decisions.values(name=F("application__organisation__fields_of_activity__name"))
        .annotate(n=Count("pk"), total=Sum("amount"))
        .order_by("-total", "name")
    ]
    return Grants(calls=rows, by_municipality=by_municipality, by_field=by_field)


# --- Newsletters ----------------------------------------------------------------------------


@dataclass
class Newsletters:
    issues_sent: int
    recipients: int
    subscribers_at_year_end: int


def newsletters(year: Year) -> Newsletters:
    """Issues whose sending finished in the year, the messages delivered in the year, and
    the confirmed subscribers at its end. Three queries."""
    sent = Issue.objects.filter(
        status=Issue.Status.SENT, sent_at__gte=year.start, sent_at__lt=year.end
    ).count()
    delivered = IssueDelivery.objects.filter(
        sent_at__gte=year.start, sent_at__lt=year.end, last_error=""
    )
    # A subscriber who unsubscribed after the year's end still counts for the year.
    subscribers = Subscriber.objects.filter(confirmed_at__lt=year.end).filter(
        Q(unsubscribed_at__isnull=True) | Q(unsubscribed_at__gte=year.end)
    )
    return Newsletters(sent, delivered.count(), subscribers.count())


# --- Participation ------------------------------------------------------------------------


@dataclass
class Participation:
    consultations: int  # open for comments at some time during the year
    comments: int  # written (or held in a workshop) during the year, hidden ones excluded
    hidden: int
    workshops: int
    workshop_participants: int
    municipalities: int  # municipalities the year's comments came from


def participation(year: Year) -> Participation:
    """Consultations open during the year, the year's comments and workshops. Three
    queries."""
    consultations = Consultation.objects.filter(
        opens_at__lt=year.end, closes_at__gt=year.start
    ).count()
    comments = ParticipationComment.objects.filter(
        Q(workshop__isnull=True, created_at__gte=year.start, created_at__lt=year.end)
        | Q(workshop__held_on__gte=year.first, workshop__held_on__lte=year.last)
    ).aggregate(
        comments=Count("pk", filter=Q(hidden_at__isnull=True)),
        hidden=Count("pk", filter=Q(hidden_at__isnull=False)),
        municipalities=Count("municipality", distinct=True),
    )
    workshops = Workshop.objects.filter(held_on__gte=year.first, held_on__lte=year.last).aggregate(
        workshops=Count("pk"), workshop_participants=Coalesce(Sum("participants"), 0)
    )
    return Participation(consultations=consultations, **comments, **workshops)


# --- Rehabilitative work activity and work trials ------------------------------------------


@dataclass
class Placements:
    total: int
    by_kind: list  # [(label, count)]
    by_host: list  # [(host name, count)]
    by_municipality: list  # [(municipality name, count)]: the host's municipality
    attended_days: int
    completed: int
    interrupted: int


def placements(year: Year) -> Placements:
    """The placements that ran on some day of the year (four queries): by kind, host and
    the host's municipality; the days attended in the year; those completed and
    interrupted."""
    running = Placement.objects.filter(start_date__lte=year.last, end_date__gte=year.first)
    kinds = dict(
        running.order_by().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    by_kind = [(str(k.label), kinds.get(k.value, 0)) for k in Placement.Kind]
    hosts = (
        running.order_by()
        .values("host__organisation__name", "host__organisation__municipality__name")
        .annotate(n=Count("pk"))
    )
    hosts = list(hosts)
    by_host = sorted(
        ((h["host__organisation__name"], h["n"]) for h in hosts), key=lambda x: (-x[1], x[0])
    )
    municipalities: dict[str, int] = {}
    for h in hosts:
        name = h["host__organisation__municipality__name"] or "–"
        municipalities[name] = municipalities.get(name, 0) + h["n"]
    by_municipality = sorted(municipalities.items(), key=lambda x: (-x[1], x[0]))
    ended = running.filter(end_date__lte=year.last).aggregate(
        completed=Count("pk", filter=Q(status=Placement.Status.COMPLETED)),
        interrupted=Count("pk", filter=Q(status=Placement.Status.INTERRUPTED)),
    )
    attended = PlacementAttendance.objects.filter(
        day__gte=year.first, day__lte=year.last, status=PlacementAttendance.Status.PRESENT
    ).count()
    return Placements(
        total=sum(n for _label, n in by_kind),
        by_kind=by_kind,
        by_host=by_host,
        by_municipality=by_municipality,
        attended_days=attended,
        completed=ended["completed"],
        interrupted=ended["interrupted"],
    )


# --- The whole report ---------------------------------------------------------------------


@dataclass
class AnnualFigures:
    year: int
    members: Members
    utilisation: Utilisation
    trainings: Trainings
    events: Events
    pilots: Pilots
    volunteering: Volunteering
    participation: Participation
    participation_model: ParticipationModel
    placements: Placements
    grants: Grants | None = None
    newsletters: Newsletters | None = None


def annual_figures(year: int) -> AnnualFigures:
    """Every figure of the report; call it in the report's language (labels)."""
    period = Year.of(year)
    return AnnualFigures(
        year=year,
        members=members(period),
        utilisation=utilisation_between(period.first, period.last),
        trainings=trainings(period),
        events=events(period),
        pilots=pilots(period),
        grants=grants(period),
        newsletters=newsletters(period),
        volunteering=volunteering_figures(period.first, period.last),
        participation=participation(period),
        participation_model=participation_model_figures(period.first, period.last),
        placements=placements(period),
    )

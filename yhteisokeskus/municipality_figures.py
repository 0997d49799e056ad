"""The centre's own figures per municipality for the insights pages (insights.figures):
what the centre's apps hold about each municipality, computed here on the top floor,
which may read every app, and registered into insights' registry when the project
starts (yhteisokeskus.apps). Every figure is grouped by municipality in SQL: the number
of queries (QUERIES) is the same however many municipalities, organisations and rows.

Whose municipality counts: an organisation's home municipality for members, room
bookings, training participants and grants; where an event is held (its place, or the
site of its room) for events; the request's municipality for volunteering; the host
organisation's for placements."""

from collections import defaultdict
from datetime import time, timedelta
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from core.clock import local_datetime
from events.models import Event
from facilities.models import Booking
from grants.models import Decision as GrantDecision
from insights.figures import CentreFigure, Period
from organisations.models import FieldOfActivity, Membership, Organisation
from placements.models import Placement
from trainings.models import Enrolment, Session
from volunteering.models import HourEntry

QUERIES = 9


def _bounds(period: Period):
    return local_datetime(period.first, time.min), local_datetime(
        period.last + timedelta(days=1), time.min
    )


def municipality_figures(municipalities, period: Period) -> dict:
    """{municipality pk: [CentreFigure]} for the municipalities over the period."""
    pks = [m.pk for m in municipalities]
    start, end = _bounds(period)
    counts = defaultdict(dict)

    def put(key, rows, field="n"):
        for row in rows:
            counts[row["m"]][key] = row[field]

    # 1. Organisations in the register, and those that are members of the centre now.
    organisations = Organisation.objects.filter(
        municipality__in=pks, status=Organisation.Status.ACTIVE
    )
    member_filter = Q(memberships__status=Membership.Status.ACTIVE)
    for row in (
        organisations.order_by()
        .annotate(m=F("municipality"))
        .values("m")
        .annotate(
            n=Count("pk", distinct=True), members=Count("pk", filter=member_filter, distinct=True)
        )
    ):
        counts[row["m"]]["organisations"] = row["n"]
        counts[row["m"]]["members"] = row["members"]
    # 2–3. Members by field of activity (an organisation in several fields counts in each).
    by_field = defaultdict(list)
    field_rows = list(
        organisations.filter(member_filter, fields_of_activity__isnull=False)
        .order_by()
        .annotate(m=F("municipality"))
        .values("m", "fields_of_activity")
        .annotate(n=Count("pk", distinct=True))
    )
    names = {
        f.pk: f.name
        for f in FieldOfActivity.objects.filter(
            pk__in={r["fields_of_activity"] for r in field_rows}
        )
    }
    for row in sorted(field_rows, key=lambda r: (-r["n"], names[r["fields_of_activity"]])):
        by_field[row["m"]].append((names[row["fields_of_activity"]], row["n"]))
    # 4. Public events held in the municipality.
    put(
        "events",
        Event.objects.public()
        .filter(start__gte=start, start__lt=end)
        .annotate(m=Coalesce("place__municipality", "room__site__municipality"))
        .filter(m__in=pks)
        .order_by()
        .values("m")
        .annotate(n=Count("pk")),
    )
    # 5. Confirmed room bookings of its organisations.
    put(
        "bookings",
        Booking.objects.filter(
            status=Booking.Status.CONFIRMED,
            organisation__municipality__in=pks,
            start__gte=start,
            start__lt=end,
        )
        .order_by()
        .annotate(m=F("organisation__municipality"))
        .values("m")
        .annotate(n=Count("pk")),
    )
    # 6. Confirmed participants its organisations sent to trainings with a session then.
    put(
        "participants",
        Enrolment.objects.filter(
            Exists(
                Session.objects.filter(
                    training=OuterRef("training"), starts__gte=start, starts__lt=end
                )
            ),
            status=Enrolment.Status.CONFIRMED,
            organisation__municipality__in=pks,
        )
        .order_by()
        .annotate(m=F("organisation__municipality"))
        .values("m")
        .annotate(n=Count("pk")),
    )
    # 7. Approved volunteer hours on requests in the municipality.
    put(
        "volunteer_hours",
        HourEntry.objects.filter(
            status=HourEntry.Status.APPROVED,
            date__gte=period.first,
            date__lte=period.last,
            assignment__request__municipality__in=pks,
        )
        .order_by()
        .annotate(m=F("assignment__request__municipality"))
        .values("m")
        .annotate(n=Sum("hours")),
    )
    # 8. Grants decided for its organisations.
    for row in (
        GrantDecision.objects.filter(
            outcome="granted",
            decided_at__gte=start,
            decided_at__lt=end,
            application__organisation__municipality__in=pks,
        )
        .order_by()
        .annotate(m=F("application__organisation__municipality"))
        .values("m")
        .annotate(n=Count("pk"), amount=Sum("amount"))
    ):
        counts[row["m"]]["grants"] = row["n"]
        counts[row["m"]]["granted"] = row["amount"]
    # 9. Placements (rehabilitative work, work trials) with its host organisations.
    put(
        "placements",
        Placement.objects.filter(
            start_date__lte=period.last,
            end_date__gte=period.first,
            host__organisation__municipality__in=pks,
        )
        .order_by()
        .annotate(m=F("host__organisation__municipality"))
        .values("m")
        .annotate(n=Count("pk")),
    )

    result = {}
    for pk in pks:
        got = counts.get(pk, {})
        result[pk] = [
            CentreFigure(
                "organisations", _("Associations in the register"), got.get("organisations", 0)
            ),
            CentreFigure(
                "members",
                _("Member associations of the centre"),
                got.get("members", 0),
                breakdown=tuple(by_field.get(pk, ())),
            ),
            CentreFigure("events", _("Public events held there"), got.get("events", 0)),
            CentreFigure(
                "bookings", _("Room bookings by its associations"), got.get("bookings", 0)
            ),
            CentreFigure(
                "participants",
                _("Training participants from its associations"),
                got.get("participants", 0),
            ),
            CentreFigure(
                "volunteer_hours",
                _("Volunteer hours"),
                got.get("volunteer_hours") or Decimal("0"),
                unit="h",
            ),
            CentreFigure("grants", _("Grants to its associations"), got.get("grants", 0)),
            CentreFigure(
                "granted", _("Granted in all"), got.get("granted") or Decimal("0.00"), unit="€"
            ),
            CentreFigure(
                "placements", _("Work placements with its hosts"), got.get("placements", 0)
            ),
        ]
    return result


municipality_figures.queries = QUERIES

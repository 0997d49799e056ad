"""Reads of pilots that span relations or apply permissions. Every queryset that leaves
here is scoped to the user it was asked for: a pilot the person may not see or enter
measurements for is simply not in it, so views answer 404."""

from django.db.models import Prefetch

from core.access import is_staff
from organisations.models import Representative

from .models import Goal, Indicator, Measurement, Pilot, PilotPartner, PilotReport, StatusChange


def _list_details(pilots):
    """What a list row shows, in a constant number of queries."""
    return pilots.select_related("lead_organisation").prefetch_related("municipalities")


def public_pilots():
    return _list_details(Pilot.objects.public())


def staff_pilots():
    return _list_details(Pilot.objects.select_related("responsible"))


def with_details(pilots, *, measurements=True):
    """Everything the detail page and the PDF show, in a constant number of queries."""
    indicators = Indicator.objects.order_by("order", "pk")
    if measurements:
        indicators = indicators.prefetch_related(
            Prefetch(
                "measurements",
                queryset=Measurement.objects.select_related("entered_by").order_by(
                    "measured_on", "pk"
                ),
            )
        )
    return pilots.select_related("lead_organisation", "responsible", "evaluation").prefetch_related(
        "municipalities",
        Prefetch(
            "partnerships",
            queryset=PilotPartner.objects.select_related("organisation").order_by(
                "organisation__name_fi"
            ),
        ),
        Prefetch("goals", queryset=Goal.objects.order_by("order", "pk")),
        Prefetch("indicators", queryset=indicators),
        Prefetch("status_changes", queryset=StatusChange.objects.select_related("changed_by")),
    )


def represented_organisation_ids(user):
    return Representative.objects.approved().filter(user=user).values("organisation_id")


def pilots_for_measurements(user):
    """Pilots the person may enter measurements for: every pilot for staff; for a
    representative the pilots their organisation leads or is a partner in."""
    if is_staff(user):
        return Pilot.objects.all()
    if not (user and user.is_authenticated):
        return Pilot.objects.none()
    return Pilot.objects.with_organisation(represented_organisation_ids(user))


def may_enter_measurements(user, pilot) -> bool:
    return pilots_for_measurements(user).filter(pk=pilot.pk).exists()


def indicators_for_measurements(user):
    return Indicator.objects.filter(pilot__in=pilots_for_measurements(user)).select_related("pilot")


def reports_for_user(user):
    """Pilot reports are staff documents."""
    if not is_staff(user):
        return PilotReport.objects.none()
    return PilotReport.objects.select_related("pilot", "requested_by")

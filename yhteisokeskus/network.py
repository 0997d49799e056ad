"""The network view for staff: all the relations of one organisation in one place.
Each app contributes a section (a title, a template and a loader that takes the
organisation and makes a fixed number of queries); a new app adds its own to SECTIONS. This module sits on top of the
apps, so it may import them all."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Min, OuterRef, Prefetch, Q, Subquery, Sum
from django.utils.translation import gettext_lazy as _

from facilities.models import Booking
from grants.models import Application as GrantApplication
from organisations.models import ContactPerson, GroupMember, Meeting, Partnership
from pilots.models import Pilot
from placements.models import Placement
from trainings.models import Enrolment, Training
from volunteering.models import Assignment, HourEntry
from volunteering.models import Request as VolunteerRequest
from volunteering.reports import organisation_figures

RECENT_BOOKINGS = 20


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    template: str
    load: Callable


@dataclass
class LoadedSection:
    section: Section
    items: list

    @property
    def key(self):
        return self.section.key

    @property
    def title(self):
        return self.section.title

    @property
    def template(self):
        return self.section.template


def _memberships(organisation):
    return list(organisation.memberships.order_by("-applied_at"))


def _partnerships(organisation):
    return list(
        Partnership.objects.filter(partner=organisation)
        .prefetch_related("partner_contacts")
        .order_by("-starts_on", "pk")
    )


def _contacts(organisation):
    return list(ContactPerson.objects.filter(organisation=organisation).order_by("name", "pk"))


def _groups(organisation):
    return list(
        GroupMember.objects.filter(organisation=organisation)
        .select_related("group")
        .prefetch_related(
            Prefetch("group__meetings", queryset=Meeting.objects.order_by("-start")),
            "representatives__user",
        )
        .order_by("group__name_fi", "pk")
    )


def _bookings(organisation):
    return list(
        Booking.objects.filter(organisation=organisation)
        .select_related("room__site", "meeting_link__meeting")
        .order_by("-start")[:RECENT_BOOKINGS]
    )


def _trainings(organisation):
    """Trainings the organisation organises or has people enrolled in, with how many."""
    enrolled = Q(enrolments__organisation=organisation, enrolments__status__in=Enrolment.ACTIVE)
    return list(
        Training.objects.filter(Q(organiser=organisation) | enrolled)
        .annotate(
            enrolled_count=Count("enrolments", filter=enrolled, distinct=True),
            first_session=Min("sessions__starts"),
        )
        .order_by("-first_session", "pk")
    )


def _pilots(organisation):
    """Pilots the organisation leads or is a partner in."""
    return list(
        Pilot.objects.filter(
            Q(lead_organisation=organisation) | Q(partnerships__organisation=organisation)
        )
        .distinct()
        .select_related("lead_organisation")
        .order_by("name_fi", "pk")
    )


def _grants(organisation):
    """The organisation's grant applications (drafts left out): applied, granted and
    paid. One query."""
    return list(
        GrantApplication.objects.filter(organisation=organisation)
        .exclude(status=GrantApplication.Status.DRAFT)
        .select_related("call", "decision")
        .annotate(
            paid=Sum(
                "decision__payments__amount",
                filter=Q(decision__payments__paid_on__isnull=False),
            )
        )
        .order_by("-created_at", "pk")
    )


class WithFigures(list):
    """A section's items with the section's own figures beside them."""

    figures: dict


def _volunteering(organisation):
    """The organisation's requests for volunteers, with the people agreed and the approved
    hours of each, and its totals (organisation_figures). Three queries."""
    requests = WithFigures(
        VolunteerRequest.objects.filter(organisation=organisation)
        .annotate(
            agreed=Count(
                "assignments",
                filter=Q(assignments__status=Assignment.Status.ACTIVE),
                distinct=True,
            ),
            # A subquery: summed over the joins above, each entry would count once per date.
            approved_hours=Subquery(
                HourEntry.objects.filter(
                    assignment__request=OuterRef("pk"), status=HourEntry.Status.APPROVED
                )
                .values("assignment__request")
                .annotate(total=Sum("hours"))
                .values("total")[:1]
            ),
            first_date=Min("dates__start"),
        )
        .order_by("-created_at", "pk")
    )
    requests.figures = organisation_figures(organisation)
    return requests


def _placements(organisation):
    """The organisation as a host of work activity and work trials: its placements (no
    participant's name: the kind, the referring authority, the period, the status and
    the days present) and the count per referring authority. Two queries."""
    placements = WithFigures(
        Placement.objects.filter(host__organisation=organisation)
        .select_related("authority")
        .annotate(days_present=Count("attendances", filter=Q(attendances__status="present")))
        .order_by("-start_date", "pk")
    )
    placements.figures = {
        "by_authority": list(
            Placement.objects.filter(host__organisation=organisation)
            .values("authority__name")
            .annotate(
                total=Count("pk"),
                completed=Count("pk", filter=Q(status=Placement.Status.COMPLETED)),
                interrupted=Count("pk", filter=Q(status=Placement.Status.INTERRUPTED)),
            )
            .order_by("authority__name")
        ),
        "days_present": sum(p.days_present for p in placements),
    }
    return placements


SECTIONS = [
    Section(
        "memberships",
        _("Membership in the centre"),
        "network/sections/memberships.html",
        _memberships,
    ),
    Section("partnerships", _("Partnerships"), "network/sections/partnerships.html", _partnerships),
    Section("contacts", _("Contact persons"), "network/sections/contacts.html", _contacts),
    Section(
        "groups", _("Cooperation groups and meetings"), "network/sections/groups.html", _groups
    ),
    Section("bookings", _("Room bookings"), "network/sections/bookings.html", _bookings),
    Section("trainings", _("Trainings"), "network/sections/trainings.html", _trainings),
    Section("pilots", _("Pilots"), "network/sections/pilots.html", _pilots),
    Section("grants", _("Grants"), "network/sections/grants.html", _grants),
    Section(
        "volunteering",
        _("Volunteering"),
        "network/sections/volunteering.html",
        _volunteering,
    ),
    Section(
        "placements",
        _("Work activity and work trials"),
        "network/sections/placements.html",
        _placements,
    ),
]


def network_of(organisation, sections=None) -> list[LoadedSection]:
    return [LoadedSection(s, s.load(organisation)) for s in (sections or SECTIONS)]

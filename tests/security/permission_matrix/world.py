"""The world the permission matrix runs against: two organisations, A and B, each with
an approved representative (admin role), a person without an organisation, staff, and
objects that belong to A next to public ones."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile

from core import clock
from facilities.models import CalendarFeed, Report
from organisations.services import network as network_services
from pilots.models import PilotReport
from tests.factories.events import EventFactory
from tests.factories.facilities import BookingFactory, RoomFactory
from tests.factories.organisations import (
    CooperationGroupFactory,
    GroupMemberFactory,
    MeetingFactory,
    OrganisationFactory,
    PartnershipFactory,
    RepresentativeFactory,
    StaffFactory,
    UserFactory,
)
from tests.factories.pilots import IndicatorFactory, PartnerFactory, PilotFactory
from tests.factories.trainings import EnrolmentFactory, SessionFactory, TrainingFactory
from tests.organisations import files
from trainings.models import Certificate, Enrolment
from yhteisokeskus.models import AnnualReport

ROLES = ("anonymous", "person", "rep_a", "rep_b", "staff")

# Words found only in A's private objects: no refused response may contain them.
SECRETS = ("Kuoron harjoitusilta", "Kuoron salainen luonnos", "Osallistuja Aalto", "Kevätkokous")


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.objects[name]
        except KeyError:
            raise AttributeError(name) from None


def build_world() -> World:
    world = World()
    org_a = OrganisationFactory(name_fi="Porin Kuoro ry")
    org_b = OrganisationFactory(name_fi="Rauman Partio ry")
    rep_a = RepresentativeFactory(organisation=org_a, user__username="edustaja-a")
    rep_b = RepresentativeFactory(organisation=org_b, user__username="edustaja-b")
    staff = StaffFactory(username="henkilokunta")
    world.users = {
        "anonymous": None,
        "person": UserFactory(username="henkilo"),
        "rep_a": rep_a.user,
        "rep_b": rep_b.user,
        "staff": staff,
    }
    o = world.objects
    o["org_a"], o["org_b"] = org_a, org_b
    o["representative_a"] = rep_a
    # A person asking to represent A, waiting for A's representative to decide.
    o["pending_rep"] = RepresentativeFactory(
        organisation=org_a, user__username="pyytaja-a", status="requested"
    )

    # Facilities: a public room, A's booking, A's statement, A's private calendar feed.
    o["room"] = RoomFactory()
    o["booking"] = BookingFactory(
        room=o["room"], organisation=org_a, created_by=rep_a.user, purpose=SECRETS[0]
    )
    o["pending_booking"] = BookingFactory(
        room=o["room"],
        organisation=org_a,
        created_by=rep_a.user,
        status="requested",
        start=o["booking"].start + datetime.timedelta(days=1),
        end=o["booking"].end + datetime.timedelta(days=1),
    )
    report = Report.objects.create(
        kind=Report.Kind.STATEMENT,
        month=clock.today().replace(day=1),
        organisation=org_a,
        status=Report.Status.DONE,
        requested_by=rep_a.user,
        finished_at=clock.now(),
    )
    report.file.save("statement.pdf", ContentFile(files.PDF), save=True)
    o["report"] = report
    o["feed_token"] = CalendarFeed.objects.create(organisation=org_a).token

    # Trainings: a published training with a session; A's representative enrolled,
    # with a certificate; an offered place for A's representative in another training.
    training = TrainingFactory()
    o["training"] = training
    o["session"] = SessionFactory(training=training)
    enrolment = EnrolmentFactory(
        training=training, user=rep_a.user, organisation=org_a, name=SECRETS[2]
    )
    Certificate.objects.create(
        enrolment=enrolment, number="MATRIX-1", issued_at=clock.now(), issued_by=staff
    )
    o["enrolment"] = enrolment
    o["offer"] = EnrolmentFactory(
        training=TrainingFactory(),
        user=rep_a.user,
        organisation=org_a,
        status=Enrolment.Status.OFFERED,
        confirmed_at=None,
        offer_expires_at=clock.now() + datetime.timedelta(days=2),
    )

    # Events: A's draft, and a published event.
    o["draft_event"] = EventFactory(
        organisation=org_a,
        publication="draft",
        published_at=None,
        created_by=rep_a.user,
        name_fi=SECRETS[1],
    )
    o["submitted_event"] = EventFactory(
        organisation=org_a, publication="submitted", published_at=None, created_by=rep_a.user
    )
    o["event"] = EventFactory()

    # The partnership network: A's partnership with a document, a group of which A is a
    # member, and its meeting with an agenda.
    partnership = PartnershipFactory(partner=org_a)
    o["partnership"] = partnership
    o["document"] = network_services.partnership_document_add(
        actor=staff, partnership=partnership, title="Sopimus", file=files.upload(files.PDF)
    )
    group = CooperationGroupFactory(convener=org_a)
    GroupMemberFactory(group=group, organisation=org_a)
    o["group"] = group
    meeting = MeetingFactory(group=group, title=SECRETS[3])
    meeting.agenda_file.save("agenda.pdf", ContentFile(files.PDF), save=True)
    o["meeting"] = meeting

    # Pilots: a non-public pilot with A as partner, and a public pilot.
    pilot = PilotFactory(is_public=False, budget=Decimal("1000.00"))
    PartnerFactory(pilot=pilot, organisation=org_a)
    o["indicator"] = IndicatorFactory(pilot=pilot)
    o["pilot"] = pilot
    pilot_report = PilotReport.objects.create(
        pilot=pilot, status=PilotReport.Status.DONE, requested_by=staff, finished_at=clock.now()
    )
    pilot_report.file.save("pilot.pdf", ContentFile(files.PDF), save=True)
    o["pilot_report"] = pilot_report
    o["public_pilot"] = PilotFactory()

    # Placements: A hosts a placement that A's representative supervises.
    from tests.factories.placements import HostFactory, PlacementFactory

    o["placement"] = PlacementFactory(host=HostFactory(organisation=org_a), supervisor=rep_a)
    from placements.models import AttendanceReport

    attendance_report = AttendanceReport.objects.create(
        authority=o["placement"].authority,
        month=datetime.date(2026, 10, 1),
        status=AttendanceReport.Status.DONE,
        requested_by=staff,
        finished_at=clock.now(),
    )
    attendance_report.file.save("attendance.pdf", ContentFile(files.PDF), save=True)
    o["attendance_report"] = attendance_report

    # The centre's annual report, built.
    annual = AnnualReport.objects.create(
        year=2025, status=AnnualReport.Status.DONE, requested_by=staff, finished_at=clock.now()
    )
    annual.file.save("annual.pdf", ContentFile(files.PDF), save=True)
    o["annual_report"] = annual
    return world

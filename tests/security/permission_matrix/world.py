"""The world the permission matrix runs against: two organisations, A and B, each with
an approved representative (admin role), a person without an organisation, staff, and
objects that belong to A next to public ones."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile

from core import clock
from facilities.models import CalendarFeed, Report
from insights.models import Indicator, Interpretation, KnowledgeSummary, Observation
from organisations.models import Municipality
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
SECRETS = (
    "Kuoron harjoitusilta",
    "Kuoron salainen luonnos",
    "Osallistuja Aalto",
    "Kevätkokous",
    "Kuoron avustushanke",
    "Kuoron tulkintaluonnos",
)


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
    o["placement_host"] = o["placement"].host
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
    _grants(world, org_a, rep_a, staff)

    # Newsletters: a published news item, a confirmed subscriber with a sent issue (and
    # its delivery's unsubscribe link), a pending subscriber, and a draft with an item.
    from newsletters import links as news_links
    from newsletters.models import IssueDelivery
    from tests.factories.newsletters import (
        IssueFactory,
        MailingListFactory,
        NewsItemFactory,
        SubscriberFactory,
    )

    o["news"] = NewsItemFactory()
    monthly = MailingListFactory()
    subscriber = SubscriberFactory(lists=[monthly])
    sent = IssueFactory(lists=[monthly], status="sent", send_started_at=clock.now())
    sent.sent_at = clock.now()
    sent.save()
    delivery = IssueDelivery.objects.create(
        issue=sent, email=subscriber.email, subscriber=subscriber, sent_at=clock.now()
    )
    o["sent_issue"] = sent
    o["draft_issue"] = draft = IssueFactory(lists=[monthly])
    o["issue_item"] = draft.items.create(kind="news", object_id=o["news"].pk)
    pending = SubscriberFactory(status="pending", confirmed_at=None, lists=[monthly])
    o["confirm_token"] = news_links.confirm_url(pending).rstrip("/").rsplit("/", 1)[1]
    o["preferences_token"] = news_links.preferences_url(subscriber).rstrip("/").rsplit("/", 1)[1]
    o["unsubscribe_token"] = news_links.unsubscribe_url(delivery).rstrip("/").rsplit("/", 1)[1]

    # Participation: an open consultation with a section, a comment, a poll and a
    # workshop; an unpublished consultation.
    from tests.factories.participation import (
        CommentFactory,
        FeedbackFormFactory,
        PollOptionFactory,
        ThemeFactory,
        WorkshopFactory,
    )
    from tests.factories.participation import IndicatorFactory as GoalIndicatorFactory

    comment = CommentFactory()
    o["comment"] = comment
    o["section"] = comment.section
    o["consultation"] = comment.section.consultation
    o["poll"] = PollOptionFactory(poll__section=comment.section).poll
    o["workshop"] = WorkshopFactory(consultation=o["consultation"])
    o["goal_indicator"] = GoalIndicatorFactory()
    o["goal"] = o["goal_indicator"].goal
    from tests.factories.participation import ActionFactory, StrategyItemFactory

    o["goal_action"] = ActionFactory(goals=[o["goal"]])
    o["strategy_item"] = StrategyItemFactory()
    o["theme"] = ThemeFactory(consultation=o["consultation"])
    o["feedback_form"] = FeedbackFormFactory()
    o["feedback_code"] = o["feedback_form"].code
    o["feedback_statement"] = o["feedback_form"].statements.get()
    o["draft_consultation"] = CommentFactory(
        section__consultation__is_published=False
    ).section.consultation
    from participation.models import ConsultationReport, ModelReport

    for key, report in (
        ("consultation_report", ConsultationReport(consultation=o["consultation"])),
        ("model_report", ModelReport()),
    ):
        report.status, report.finished_at = report.Status.DONE, clock.now()
        report.save()
        report.file.save("report.pdf", ContentFile(files.PDF), save=True)
        o[key] = report
    # Insights: an indicator of the catalogue
    o["insights_indicator"] = Indicator.objects.create(
        source="sotkanet", source_id="127", title_fi="Väestö"
    )
    o["insights_followed"] = Indicator.objects.create(
        source="sotkanet", source_id="4", title_fi="Hoito", theme="wellbeing", followed=True
    )
    helsinki = Municipality.objects.get(code="091")
    o["insights_observation"] = Observation.objects.create(
        indicator=o["insights_followed"],
        municipality=helsinki,
        year=2024,
        value=Decimal("3.5"),
        source="sotkanet",
        source_id="4",
        source_region="46",
        read_at=clock.now(),
    )
    o["insights_interpretation"] = Interpretation.objects.create(
        municipality=helsinki,
        theme="wellbeing",
        text_fi="Tulkinta",
        written_on=datetime.date(2026, 1, 5),
    )
    o["insights_summary"] = KnowledgeSummary.objects.create(municipality=helsinki)
    # A's representative's draft interpretation: theirs alone until staff publish it.
    o["insights_draft"] = Interpretation.objects.create(
        municipality=helsinki,
        theme="families",
        text_fi=SECRETS[5],
        author=rep_a.user,
        written_on=datetime.date(2026, 1, 6),
    )
    return world


def _grants(world, org_a, rep_a, staff):
    """Grants: an open call reviewed by the person (an external reviewer), with A's
    draft (with an attachment) and A's submitted application; a closed call with A's
    granted application, its payment, final report, change request and the summary."""
    from core.uploads import PDF
    from grants import services as grant_services
    from grants.models import DecisionSummary
    from tests.factories.grants import (
        ApplicationFactory,
        CallFactory,
        CriteriaSetFactory,
        CriterionFactory,
        DecisionFactory,
        ReviewerFactory,
        submitted,
    )

    o = world.objects
    call = CallFactory()
    criteria = CriteriaSetFactory(call=call)
    o["grant_criterion"] = CriterionFactory(criteria_set=criteria)
    o["grant_criteria"] = criteria
    o["grant_call"] = call
    ReviewerFactory(call=call, user=world.users["person"])
    draft = ApplicationFactory(
        call=call, organisation=org_a, created_by=rep_a.user, project_name=SECRETS[4]
    )
    o["grant_draft"] = draft
    o["grant_attachment"] = grant_services.attachment_add(
        actor=rep_a.user, application=draft, title="Liite", file=files.upload(files.PDF)
    )
    assert o["grant_attachment"].content_type == PDF
    o["grant_submitted"] = submitted(
        ApplicationFactory(call=call, organisation=org_a, created_by=rep_a.user), criteria
    )
    past = CallFactory(
        opens_at=clock.now() - datetime.timedelta(days=60),
        closes_at=clock.now() - datetime.timedelta(days=30),
    )
    past_criteria = CriteriaSetFactory(call=past)
    CriterionFactory(criteria_set=past_criteria)
    draft_criteria = CriteriaSetFactory(call=past, version=2, status="draft")
    o["grant_criteria_draft"] = draft_criteria
    o["grant_criterion_draft"] = CriterionFactory(criteria_set=draft_criteria)
    o["grant_past"] = past
    decided = submitted(
        ApplicationFactory(call=past, organisation=org_a, created_by=rep_a.user), past_criteria
    )
    decided.status = "granted"
    decided.save()
    decision = DecisionFactory(application=decided, amount=Decimal("1000.00"))
    o["grant_decided"] = decided
    o["grant_payment"] = grant_services.payment_add(
        actor=staff, decision=decision, amount=Decimal("700.00")
    )
    o["grant_report"] = grant_services.grant_report_submit(
        actor=rep_a.user,
        application=decided,
        kind="final",
        results="Tehtiin",
        actuals={"personnel": "1000"},
    )
    o["grant_change"] = grant_services.change_request_create(
        actor=rep_a.user,
        application=decided,
        kind="move_money",
        description="Siirto",
        move_from="personnel",
        move_to="materials",
        move_amount=Decimal("100.00"),
    )
    summary = DecisionSummary.objects.create(
        call=past, status=DecisionSummary.Status.DONE, requested_by=staff, finished_at=clock.now()
    )
    summary.file.save("summary.pdf", ContentFile(files.PDF), save=True)
    o["grant_summary"] = summary

    _volunteering(world, staff)
    return world


def _volunteering(world, staff):
    """Volunteering: the person is an approved experience expert with an offer of one of
    A's requests and a task in another (with reported hours); A's fee statement and the
    person's certificate, built."""
    from tests.factories.volunteering import ProfileFactory, RequestFactory, assign, past_request
    from volunteering.models import HourEntry, Offer
    from volunteering.models import Report as VolunteeringReport

    o = world.objects
    profile = ProfileFactory(user=world.users["person"], name="Henkilö Vapaaehtoinen")
    o["volunteer"] = profile
    o["vol_request"] = RequestFactory(organisation=o["org_a"], is_public=True)
    o["vol_offer"] = Offer.objects.create(
        request=o["vol_request"],
        profile=profile,
        respond_by=clock.now() + datetime.timedelta(days=1),
        offered_by=staff,
        created_at=clock.now(),
    )
    done = past_request(organisation=o["org_a"])
    o["vol_assignment"] = assign(done, profile, staff)
    o["vol_hours"] = HourEntry.objects.create(
        assignment=o["vol_assignment"],
        date=done.dates.get().start.date(),
        hours=Decimal("1.5"),
        reported_at=clock.now(),
    )
    statement = VolunteeringReport.objects.create(
        kind=VolunteeringReport.Kind.STATEMENT,
        month=clock.today().replace(day=1),
        organisation=o["org_a"],
        status=VolunteeringReport.Status.DONE,
        requested_by=world.users["rep_a"],
        finished_at=clock.now(),
    )
    statement.file.save("statement.pdf", ContentFile(files.PDF), save=True)
    o["vol_statement"] = statement
    certificate = VolunteeringReport.objects.create(
        kind=VolunteeringReport.Kind.CERTIFICATE,
        profile=profile,
        status=VolunteeringReport.Status.DONE,
        requested_by=world.users["person"],
        finished_at=clock.now(),
    )
    certificate.file.save("certificate.pdf", ContentFile(files.PDF), save=True)
    o["vol_certificate"] = certificate

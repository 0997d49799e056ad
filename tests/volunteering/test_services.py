"""The use cases of volunteering and their rules: requests, offers, assignments, hours
and fees. Each bad input gets its translated message and saves nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import translation

from core import clock
from tests.factories.facilities import at, next_weekday
from tests.factories.organisations import (
    ContactPersonFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PartnershipFactory,
    RepresentativeFactory,
    StaffFactory,
    UserFactory,
)
from tests.factories.volunteering import (
    ExperienceAreaFactory,
    ProfileFactory,
    RequestFactory,
    SkillFactory,
    assign,
    fee_tiers,
    past_request,
)
from volunteering import mail as volunteering_mail
from volunteering import services
from volunteering.errors import AssignmentConflict, VolunteeringError
from volunteering.models import (
    Assignment,
    ExperienceRecord,
    HourEntry,
    Offer,
    Request,
    TrainingRecord,
    TravelRule,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    """The messages are asserted in English; test_messages_are_translated checks fi."""
    translation.activate("en")
    yield


def _messages(error) -> str:
    return " ".join(error.value.messages)


# --- Requests ------------------------------------------------------------------------------


def _request_kwargs(**overrides):
    day = next_weekday(2)
    values = {
        "title": "Kokemuspuheenvuoro",
        "description": "Hoitajien koulutukseen",
        "dates": [(at(day, 9), at(day, 11))],
        "roles": ["expert"],
        "answer_by": clock.today(),
    }
    values.update(overrides)
    return values


def test_a_representative_asks_for_people_for_their_organisation_only():
    rep = RepresentativeFactory()
    created = services.request_create(
        actor=rep.user, organisation=rep.organisation, **_request_kwargs()
    )
    assert created.status == Request.Status.OPEN
    assert created.dates.count() == 1
    with pytest.raises(PermissionDenied):
        services.request_create(
            actor=rep.user, organisation=OrganisationFactory(), **_request_kwargs()
        )


def test_a_partners_contact_with_an_account_asks_for_the_partner():
    county = OrganisationFactory(name_fi="Satakunnan hyvinvointialue")
    user = UserFactory(email="hoitaja@example.fi")
    contact = ContactPersonFactory(organisation=county, email="Hoitaja@example.fi")
    partnership = PartnershipFactory(partner=county)
    partnership.partner_contacts.add(contact)
    created = services.request_create(actor=user, organisation=county, **_request_kwargs())
    assert created.organisation == county


def test_a_weekly_request_keeps_its_local_time_across_daylight_saving():
    staff = StaffFactory()
    # The last Sunday of March moves the clocks; a weekly Tuesday 18:00 stays 18:00.
    year = clock.today().year + 1
    first = datetime.date(year, 3, 17)
    first += datetime.timedelta(days=(1 - first.weekday()) % 7)
    created = services.request_create(
        actor=staff,
        organisation=OrganisationFactory(),
        weekly_until=first + datetime.timedelta(weeks=3),
        **_request_kwargs(dates=[(at(first, 18), at(first, 20))], answer_by=clock.today()),
    )
    from django.utils import timezone

    hours = {timezone.localtime(d.start).hour for d in created.dates.all()}
    assert created.dates.count() == 4
    assert hours == {18}


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ("end_before_start", "dates", "The end must be after the start."),
        ("past", "dates", "A date is in the past."),
        ("no_dates", "dates", "Give at least one date."),
        ("answer_late", "answer_by", "Answers are needed by the first date at the latest."),
        ("no_title", "title", "Give the task a title."),
    ],
)
def test_bad_requests_save_nothing(overrides, field, message):
    staff = StaffFactory()
    day = next_weekday(2)
    yesterday = clock.today() - datetime.timedelta(days=1)
    values = {
        "end_before_start": {"dates": [(at(day, 11), at(day, 9))]},
        "past": {"dates": [(at(yesterday, 9), at(yesterday, 11))]},
        "no_dates": {"dates": []},
        "answer_late": {"answer_by": day + datetime.timedelta(days=1)},
        "no_title": {"title": " "},
    }[overrides]
    with pytest.raises(VolunteeringError) as error:
        services.request_create(
            actor=staff, organisation=OrganisationFactory(), **_request_kwargs(**values)
        )
    assert error.value.field == field
    assert message in _messages(error)
    assert not Request.objects.exists()


def test_messages_are_translated():
    staff = StaffFactory()
    day = next_weekday(2)
    with translation.override("fi"):
        with pytest.raises(VolunteeringError) as error:
            services.request_create(
                actor=staff,
                organisation=OrganisationFactory(),
                **_request_kwargs(dates=[(at(day, 11), at(day, 9))]),
            )
        assert "Päättymisajan on oltava alkamisajan jälkeen." in _messages(error)
    with translation.override("sv"):
        assert _messages(error) != "The end must be after the start."


# --- Experience areas ---------------------------------------------------------------------


def test_experience_areas_only_with_consent_and_removed_when_it_is_withdrawn():
    profile = ProfileFactory()
    area = ExperienceAreaFactory()
    with pytest.raises(VolunteeringError) as error:
        services.experience_save(
            actor=profile.user, profile=profile, areas=[area], consent=False, consent_version="1"
        )
    assert error.value.field == "consent"
    assert not ExperienceRecord.objects.exists()
    record = services.experience_save(
        actor=profile.user, profile=profile, areas=[area], consent=True, consent_version="2026-1"
    )
    assert record.consent_version == "2026-1" and record.consent_given_at
    with pytest.raises(PermissionDenied):
        services.experience_withdraw(actor=UserFactory(), profile=profile)
    services.experience_withdraw(actor=profile.user, profile=profile)
    assert not ExperienceRecord.objects.exists()
    assert area.records.count() == 0


# --- Offers and assignments ---------------------------------------------------------------


def test_an_offer_is_emailed_with_an_ics_and_accepting_it_makes_an_assignment(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    staff = StaffFactory()
    profile = ProfileFactory(language="sv")
    request = RequestFactory()
    offer = services.offer_create(
        actor=staff,
        request=request,
        profile=profile,
        respond_by=clock.now() + datetime.timedelta(days=1),
    )
    assert volunteering_mail.send_pending() == 1
    message = mail.outbox[-1]
    assert message.to == [profile.user.email]
    assert "uppdrag" in message.subject.lower()  # in the person's language
    calendars = [p for p in message.message().walk() if p.get_content_type() == "text/calendar"]
    assert calendars and "TENTATIVE" in calendars[0].get_payload(decode=True).decode()
    with pytest.raises(PermissionDenied):
        services.offer_respond(actor=UserFactory(), offer=offer, accept=True)
    services.offer_respond(actor=profile.user, offer=offer, accept=True)
    offer.refresh_from_db()
    assert offer.status == Offer.Status.ACCEPTED
    assert offer.assignment.status == Assignment.Status.ACTIVE
    request.refresh_from_db()
    assert request.status == Request.Status.FILLED
    assert volunteering_mail.send_pending() == 1
    assert volunteering_mail.send_pending() == 0  # never twice


def test_an_overlapping_assignment_is_a_conflict_and_saves_nothing():
    staff = StaffFactory()
    person = ProfileFactory()
    day = next_weekday(3)
    services.assignment_create(
        actor=staff, request=RequestFactory(dates=[(at(day, 9), at(day, 12))]), profile=person
    )
    other = RequestFactory(dates=[(at(day, 11), at(day, 13))])
    with pytest.raises(AssignmentConflict) as error:
        services.assignment_create(actor=staff, request=other, profile=person)
    assert "already has a task at that time" in _messages(error)
    assert not other.assignments.exists()
    # Back to back is fine.
    services.assignment_create(
        actor=staff, request=RequestFactory(dates=[(at(day, 12), at(day, 13))]), profile=person
    )


def test_cancelling_frees_the_time_reopens_the_request_and_tells_the_person(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    staff = StaffFactory()
    rep = RepresentativeFactory()
    person = ProfileFactory()
    request = RequestFactory(organisation=rep.organisation)
    assignment = services.assignment_create(actor=staff, request=request, profile=person)
    with pytest.raises(VolunteeringError):
        services.assignment_cancel(actor=rep.user, assignment=assignment, reason=" ")
    with pytest.raises(PermissionDenied):
        services.assignment_cancel(actor=UserFactory(), assignment=assignment, reason="x")
    services.assignment_cancel(actor=rep.user, assignment=assignment, reason="Tilaisuus peruttu")
    request.refresh_from_db()
    assert request.status == Request.Status.OPEN
    assert not assignment.slots.filter(held=True).exists()
    volunteering_mail.send_pending()
    assert any("Tilaisuus peruttu" in m.body for m in mail.outbox)


# --- Hours and fees ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ("not_held", "assignment"),
        ("future", "date"),
        ("negative", "hours"),
        ("too_long", "hours"),
        ("no_such_date", "date"),
    ],
)
def test_bad_hours_save_nothing(case, field):
    person = ProfileFactory()
    request = past_request(hours=2)
    assignment = assign(request, person)
    day = request.dates.get().start.date()
    values = {"assignment": assignment, "date": day, "hours": Decimal("2"), "actor": person.user}
    if case == "not_held":
        values["actor"] = ProfileFactory().user
    elif case == "future":
        values["date"] = clock.today() + datetime.timedelta(days=1)
    elif case == "negative":
        values["hours"] = Decimal("-1")
    elif case == "too_long":
        values["hours"] = Decimal("2.5")
    else:
        values["date"] = day - datetime.timedelta(days=1)
    with pytest.raises(VolunteeringError) as error:
        services.hours_report(**values)
    assert error.value.field == field
    assert not HourEntry.objects.exists()


def test_hours_are_confirmed_approved_and_their_fee_frozen():
    staff = StaffFactory()
    rep = RepresentativeFactory()
    trained, untrained = fee_tiers()
    TravelRule.objects.create(valid_from=datetime.date(2020, 1, 1), per_date=Decimal("8.00"))
    person = ProfileFactory()
    TrainingRecord.objects.create(
        profile=person, completed_on=datetime.date(2024, 5, 1), trained_by="Kokemuskoulutus"
    )
    request = past_request(
        hours=3,
        organisation=rep.organisation,
        place=Request.Place.ADDRESS,
        address="Kauppakatu 1",
        municipality=MunicipalityFactory(),
    )
    assignment = assign(request, person)
    entry = services.hours_report(
        actor=person.user,
        assignment=assignment,
        date=request.dates.get().start.date(),
        hours=Decimal("2.5"),
    )
    with pytest.raises(PermissionDenied):
        services.hours_confirm(actor=RepresentativeFactory().user, entry=entry)
    services.hours_confirm(actor=rep.user, entry=entry)
    with pytest.raises(VolunteeringError) as error:
        services.hours_decide(actor=staff, entry=entry, approve=False, reason="")
    assert error.value.field == "reason"
    entry = services.hours_decide(actor=staff, entry=entry, approve=True)
    assert entry.status == HourEntry.Status.APPROVED
    assert entry.fee == Decimal("62.50") and entry.travel == Decimal("8.00")
    assert entry.fee_tier == trained
    # A new tier does not change a frozen fee.
    services.fee_tier_create(
        actor=staff, name="Koulutettu 2027", hourly_rate=Decimal("30"), for_trained=True
    )
    entry.refresh_from_db()
    assert entry.fee == Decimal("62.50")


def test_a_fee_tier_without_a_rate_is_refused():
    staff = StaffFactory()
    with pytest.raises(VolunteeringError) as error:
        services.fee_tier_create(
            actor=staff, name="Kouluttamaton", hourly_rate=None, for_trained=False
        )
    assert error.value.field == "hourly_rate"
    assert "Give the hourly fee" in _messages(error)


def test_suggestions_rank_with_reasons_and_leave_out_busy_people():
    from volunteering.matching import suggestions

    staff = StaffFactory()
    area = ExperienceAreaFactory(name_fi="Mielenterveys", name_en="Mental health")
    skill = SkillFactory(name_fi="Esiintyminen", name_en="Public speaking")
    home = MunicipalityFactory(name="Pori")
    day = next_weekday(2)
    request = RequestFactory(dates=[(at(day, 10), at(day, 12))], municipality=home)
    request.experience_areas.add(area)
    request.skills.add(skill)
    best = ProfileFactory(name="Paras", municipalities=[home])
    services.experience_save(
        actor=best.user, profile=best, areas=[area], consent=True, consent_version="1"
    )
    best.skills.add(skill)
    plain = ProfileFactory(name="Tavallinen")
    busy = ProfileFactory(name="Kiireinen", municipalities=[home])
    services.assignment_create(
        actor=staff, request=RequestFactory(dates=[(at(day, 11), at(day, 13))]), profile=busy
    )
    ProfileFactory(name="Vapaaehtoinen", roles=["volunteer"])  # no expert role
    ProfileFactory(name="Odottaa", status="pending")
    rows = suggestions(request)
    assert [s.profile.name for s in rows] == ["Paras", "Tavallinen"]
    assert any("Mental health" in r for r in rows[0].reasons)
    assert any("Public speaking" in r for r in rows[0].reasons)
    assert any("Pori" in r for r in rows[0].reasons)
    assert plain  # kept for the reader: ranked below the better fit


def test_an_offer_not_answered_by_its_deadline_expires():
    staff = StaffFactory()
    profile = ProfileFactory()
    offer = services.offer_create(
        actor=staff,
        request=RequestFactory(),
        profile=profile,
        respond_by=clock.now() + datetime.timedelta(hours=1),
    )
    assert services.offers_expire(clock.now()) == 0
    assert services.offers_expire(clock.now() + datetime.timedelta(hours=2)) == 1
    offer.refresh_from_db()
    assert offer.status == Offer.Status.EXPIRED
    with pytest.raises(VolunteeringError):
        services.offer_respond(actor=profile.user, offer=offer, accept=True)


def test_the_certificate_of_a_marked_training_counts_as_expert_training():
    from tests.factories.trainings import EnrolmentFactory
    from trainings.models import Certificate
    from volunteering.models import ExpertTrainingCourse

    profile = ProfileFactory()
    enrolment = EnrolmentFactory(user=profile.user)
    Certificate.objects.create(
        enrolment=enrolment, number="KOKEMUS-1", issued_at=clock.now() - datetime.timedelta(days=9)
    )
    assert not services.is_trained(profile, clock.today())  # not an expert training
    ExpertTrainingCourse.objects.create(training=enrolment.training)
    assert services.is_trained(profile, clock.today())
    record = TrainingRecord.objects.get(profile=profile)
    assert record.certificate.number == "KOKEMUS-1"


def test_a_request_in_a_room_of_the_centre_takes_the_sites_municipality():
    from tests.factories.facilities import RoomFactory

    room = RoomFactory()
    created = services.request_create(
        actor=StaffFactory(),
        organisation=OrganisationFactory(),
        place=Request.Place.ROOM,
        room=room,
        **_request_kwargs(),
    )
    assert created.municipality == room.site.municipality
    assert str(room) in created.place_text
    with pytest.raises(VolunteeringError) as error:
        services.request_create(
            actor=StaffFactory(),
            organisation=OrganisationFactory(),
            place=Request.Place.ROOM,
            **_request_kwargs(),
        )
    assert error.value.field == "room"


def test_rejected_hours_tell_the_person_and_may_be_reported_again(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    person = ProfileFactory()
    request = past_request(hours=2)
    assignment = assign(request, person)
    day = request.dates.get().start.date()
    entry = services.hours_report(
        actor=person.user, assignment=assignment, date=day, hours=Decimal("2")
    )
    services.hours_decide(actor=StaffFactory(), entry=entry, approve=False, reason="Väärä päivä")
    volunteering_mail.send_pending()
    assert "Väärä päivä" in mail.outbox[-1].body
    again = services.hours_report(
        actor=person.user, assignment=assignment, date=day, hours=Decimal("1.5")
    )
    assert again.status == HourEntry.Status.REPORTED


def test_suggestions_read_with_a_fixed_number_of_queries(django_assert_max_num_queries):
    from volunteering.matching import QUERIES, suggestions

    request = RequestFactory()
    request.experience_areas.add(ExperienceAreaFactory())
    ProfileFactory()
    with django_assert_max_num_queries(QUERIES):
        few = suggestions(request)
    for _ in range(6):
        profile = ProfileFactory()
        profile.skills.add(SkillFactory())
        services.experience_save(
            actor=profile.user,
            profile=profile,
            areas=[ExperienceAreaFactory()],
            consent=True,
            consent_version="1",
        )
    with django_assert_max_num_queries(QUERIES):
        many = suggestions(request)
    assert len(many) == len(few) + 6

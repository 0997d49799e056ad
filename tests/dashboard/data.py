"""A year of the centre's activity (2025) built from the factories, with the figures the
annual report must show worked out by hand in EXPECTED, not by the report's code."""

import datetime
from datetime import date
from decimal import Decimal

from core import clock
from events.models import Event
from facilities.models import Booking
from organisations.models import Membership
from pilots.models import Indicator, StatusChange, Theme
from tests.factories.events import EventFactory
from tests.factories.facilities import BookingFactory, RoomFactory, at
from tests.factories.organisations import (
    FieldOfActivityFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from tests.factories.pilots import IndicatorFactory, MeasurementFactory, PilotFactory
from tests.factories.trainings import EnrolmentFactory, SessionFactory, TrainingFactory
from trainings.models import Attendance, Enrolment, Feedback, Training

YEAR = 2025

EXPECTED = {
    "members_during": 3,  # A, B and C
    "members_at_end": 2,  # A and B
    "new": 1,  # B
    "ended": 1,  # C
    "by_municipality": {"Pori": 2, "Rauma": 1},
    "fields": {"Culture": 2, "Sports": 1, "No field of activity": 1},
    "booked_hours": "5.0",  # 2 h + 3 h of confirmed bookings
    "trainings_held": 1,
    "trainings_cancelled": 1,
    "sessions": 2,
    "participants": 3,
    "attendance": "83.3 %",  # 5 present of 6 marked
    "feedback": "4.50",  # (4 + 5) / 2
    "events": 3,
    "events_general": 2,
    "events_course": 1,
    "pilots": 2,
}


def build_year(year: int = YEAR, *, scale: int = 1):
    """``scale`` repeats the whole set (for the query-count test); EXPECTED is for 1."""
    pori = MunicipalityFactory()
    rauma = MunicipalityFactory(code="684", name_fi="Rauma", name_sv="Raumo", name_en="Rauma")
    culture = FieldOfActivityFactory(code="test-culture", name_fi="Kulttuuri", name_en="Culture")
    sports = FieldOfActivityFactory(code="test-sports", name_fi="Liikunta", name_en="Sports")
    room = RoomFactory(name_fi="Sali Karhu", name_en="Hall Karhu")
    for n in range(scale):
        _one_set(year, pori, rauma, culture, sports, room, n)


def _one_set(year, pori, rauma, culture, sports, room, n):
    def member(municipality, fields=(), **membership):
        organisation = OrganisationFactory(municipality=municipality)
        organisation.fields_of_activity.set(fields)
        MembershipFactory(organisation=organisation, **membership)
        return organisation

    ended = Membership.Status.ENDED
    member(pori, [culture, sports], member_since=date(year - 1, 3, 1))  # A
    member(rauma, [culture], member_since=date(year, 5, 1))  # B: new
    member(pori, [], status=ended, member_since=date(year - 2, 1, 1), ended_on=date(year, 6, 30))
    member(
        rauma, [], status=ended, member_since=date(year - 3, 1, 1), ended_on=date(year - 1, 12, 31)
    )
    member(pori, [], status=Membership.Status.APPLIED, member_since=None)  # applied only
    member(pori, [], member_since=date(year + 1, 1, 10))  # joins the year after

    # Rooms: 2 h and 3 h confirmed; a cancelled booking and one the year before don't count.
    day = n * 7  # each set a week later, so no two bookings overlap
    base = date(year, 3, 4) + datetime.timedelta(days=day)
    BookingFactory(room=room, start=at(base, 10), end=at(base, 12))
    later = date(year, 11, 11) + datetime.timedelta(days=day)
    BookingFactory(room=room, start=at(later, 9), end=at(later, 12))
    BookingFactory(
        room=room, start=at(later, 14), end=at(later, 16), status=Booking.Status.CANCELLED
    )
    before = date(year - 1, 5, 6) + datetime.timedelta(days=day)
    BookingFactory(room=room, start=at(before, 10), end=at(before, 12))

    # Trainings: one held with two sessions, one cancelled; a draft and last year's don't.
    held = TrainingFactory()
    first = SessionFactory(
        training=held, starts=at(date(year, 4, 8), 17), ends=at(date(year, 4, 8), 19)
    )
    second = SessionFactory(
        training=held, starts=at(date(year, 4, 15), 17), ends=at(date(year, 4, 15), 19)
    )
    enrolments = EnrolmentFactory.create_batch(3, training=held)
    EnrolmentFactory(training=held, status=Enrolment.Status.CANCELLED)
    marks = {first: [True, True, False], second: [True, True, True]}
    for session, present in marks.items():
        for enrolment, was_there in zip(enrolments, present, strict=True):
            Attendance.objects.create(
                enrolment=enrolment, session=session, present=was_there, marked_at=clock.now()
            )
    for enrolment, rating in zip(enrolments[:2], [4, 5], strict=True):
        Feedback.objects.create(enrolment=enrolment, rating=rating, created_at=clock.now())
    cancelled = TrainingFactory(status=Training.Status.CANCELLED)
    SessionFactory(
        training=cancelled, starts=at(date(year, 5, 6), 17), ends=at(date(year, 5, 6), 19)
    )
    draft = TrainingFactory(status=Training.Status.DRAFT)
    SessionFactory(training=draft, starts=at(date(year, 5, 7), 17), ends=at(date(year, 5, 7), 19))
    old = TrainingFactory()
    SessionFactory(
        training=old, starts=at(date(year - 1, 5, 7), 17), ends=at(date(year - 1, 5, 7), 19)
    )
    EnrolmentFactory(training=old)

    # Events: three published in the year (one cancelled); others don't count.
    def event(day, **kwargs):
        start = at(day, 18)
        return EventFactory(start=start, end=start + datetime.timedelta(hours=2), **kwargs)

    event(date(year, 2, 3))
    event(date(year, 2, 4), status=Event.Status.CANCELLED)
    event(date(year, 9, 1), kind=Event.Kind.COURSE)
    event(date(year, 9, 2), publication=Event.Publication.SUBMITTED, published_at=None)
    event(date(year, 9, 3), deleted_at=clock.now())
    event(date(year - 1, 9, 3))

    # Pilots: one running at the year's end (completed since), one in planning; one
    # that ended the year before.
    running = PilotFactory(
        theme=Theme.EDUCATION, status="completed", start_date=date(year, 1, 1), end_date=None
    )
    for on, old_status, new_status in [
        (date(year, 2, 1), "planning", "running"),
        (date(year + 1, 1, 15), "running", "evaluating"),
        (date(year + 1, 2, 15), "evaluating", "completed"),
    ]:
        StatusChange.objects.create(
            pilot=running, from_status=old_status, to_status=new_status, changed_on=on
        )
    rising = IndicatorFactory(pilot=running, name_fi="Osallistujat", baseline=0, target=40)
    for on, value in [(date(year, 3, 1), 10), (date(year, 12, 15), 30), (date(year + 1, 2, 1), 45)]:
        MeasurementFactory(indicator=rising, measured_on=on, value=Decimal(value))
    falling = IndicatorFactory(
        pilot=running,
        name_fi="Odotusaika",
        baseline=20,
        target=10,
        direction=Indicator.Direction.DECREASE,
    )
    MeasurementFactory(indicator=falling, measured_on=date(year, 10, 1), value=Decimal(8))
    planning = PilotFactory(
        theme=Theme.WELLBEING, status="planning", start_date=date(year, 6, 1), end_date=None
    )
    IndicatorFactory(pilot=planning, name_fi="Mukana olevat kunnat", baseline=0, target=5)
    PilotFactory(theme=Theme.WORK, start_date=date(year - 1, 1, 1), end_date=date(year - 1, 12, 31))

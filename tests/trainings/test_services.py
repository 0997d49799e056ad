"""Enrolment, waiting list, offers, sessions with rooms, certificates and feedback: the
rules of trainings as services on real PostgreSQL."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from core import clock
from facilities.errors import BookingConflict
from facilities.models import Booking
from tests.factories.facilities import BookingFactory, RoomFactory, at, next_weekday
from tests.factories.organisations import (
    MembershipFactory,
    OrganisationFactory,
    RepresentativeFactory,
    StaffFactory,
    UserFactory,
)
from tests.factories.trainings import EnrolmentFactory, SessionFactory, TrainingFactory
from trainings import services
from trainings.errors import TrainingError
from trainings.models import (
    Certificate,
    Enrolment,
    NotificationKind,
    Session,
    Training,
    TrainingNotification,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def enrol(user, training, **kwargs):
    kwargs.setdefault("name", user.get_full_name() or user.username)
    return services.enrolment_create(actor=user, training=training, **kwargs)


def kinds(enrolment):
    return set(enrolment.notifications.values_list("kind", flat=True))


def test_a_person_enrols_themself_with_their_own_address():
    user = UserFactory(email="heli@example.fi")
    training = TrainingFactory()
    enrolment = enrol(user, training, email="someone.else@example.fi", needs=" Gluteeniton ")
    assert enrolment.status == Enrolment.Status.CONFIRMED
    assert enrolment.email == "heli@example.fi" and enrolment.user == user
    assert enrolment.needs == "Gluteeniton"
    assert enrolment.price == Decimal("20.00") and not enrolment.member_price
    assert kinds(enrolment) == {NotificationKind.CONFIRMED}


def test_a_representative_enrols_people_of_their_organisation_at_member_price():
    rep = RepresentativeFactory()
    MembershipFactory(organisation=rep.organisation)
    account = UserFactory(email="matti@example.fi")
    training = TrainingFactory(price_member=Decimal("5.00"))
    enrolment = enrol(
        rep.user,
        training,
        name="Matti Meikäläinen",
        email="MATTI@example.fi",
        organisation=rep.organisation,
    )
    assert enrolment.organisation == rep.organisation
    assert enrolment.user == account  # the account with that verified address
    assert enrolment.price == Decimal("5.00") and enrolment.member_price


def test_enrolling_for_an_organisation_one_does_not_represent_is_refused():
    user = UserFactory()
    with pytest.raises(PermissionDenied):
        enrol(user, TrainingFactory(), email="x@example.fi", organisation=OrganisationFactory())
    assert not Enrolment.objects.exists()


def test_past_capacity_people_wait_in_order():
    training = TrainingFactory(capacity=2)
    users = [UserFactory() for _ in range(4)]
    enrolments = [enrol(u, training) for u in users]
    assert [e.status for e in enrolments] == ["confirmed", "confirmed", "waiting", "waiting"]
    assert [services.waiting_position(e) for e in enrolments[2:]] == [1, 2]
    assert kinds(enrolments[2]) == {NotificationKind.WAITING}


def test_the_same_email_twice_is_refused_and_nothing_is_saved():
    user = UserFactory()
    training = TrainingFactory()
    enrol(user, training)
    with pytest.raises(TrainingError) as error:
        enrol(user, training)
    assert error.value.field == "email"
    assert "already enrolled" in " ".join(error.value.messages)
    assert Enrolment.objects.count() == 1


def test_the_database_refuses_a_duplicate_email_too():
    first = EnrolmentFactory(email="Sama@example.fi")
    with pytest.raises(IntegrityError), transaction.atomic():
        EnrolmentFactory(training=first.training, email="sama@EXAMPLE.fi")


@pytest.mark.parametrize(
    ("opens", "closes", "text"),
    [(1, 3, "Enrolment opens"), (-3, -1, "Enrolment closed")],
)
def test_outside_the_window_is_refused(opens, closes, text):
    now = clock.now()
    training = TrainingFactory(
        enrolment_opens=now + datetime.timedelta(days=opens),
        enrolment_closes=now + datetime.timedelta(days=closes),
    )
    with pytest.raises(TrainingError) as error:
        enrol(UserFactory(), training)
    assert text in " ".join(error.value.messages)
    assert not Enrolment.objects.exists()


def test_a_draft_cannot_be_enrolled_in():
    with pytest.raises(TrainingError):
        enrol(UserFactory(), TrainingFactory(status=Training.Status.DRAFT))


def test_the_maximum_per_organisation_holds():
    rep = RepresentativeFactory()
    training = TrainingFactory(max_per_organisation=2)
    for n in range(2):
        enrol(
            rep.user,
            training,
            name=f"P{n}",
            email=f"p{n}@example.fi",
            organisation=rep.organisation,
        )
    with pytest.raises(TrainingError) as error:
        enrol(rep.user, training, name="P3", email="p3@example.fi", organisation=rep.organisation)
    assert error.value.field == "organisation"
    assert "at most 2" in " ".join(error.value.messages)
    assert training.enrolments.count() == 2
    # Oneself is not the organisation's quota.
    assert enrol(rep.user, training).status == "confirmed"


def test_a_cancelled_place_promotes_the_next_at_once():
    training = TrainingFactory(capacity=1)
    first, second, third = (enrol(UserFactory(), training) for _ in range(3))
    services.enrolment_cancel(actor=first.user, enrolment=first)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == "confirmed" and third.status == "waiting"
    assert services.waiting_position(third) == 1
    assert NotificationKind.PROMOTED in kinds(second)


def test_in_offer_mode_the_place_is_offered_and_can_be_accepted():
    training = TrainingFactory(capacity=1, waitlist_mode="offer", offer_hours=24)
    first, second = enrol(UserFactory(), training), enrol(UserFactory(), training)
    services.enrolment_cancel(actor=first.user, enrolment=first)
    second.refresh_from_db()
    assert second.status == "offered"
    assert second.offer_expires_at == pytest.approx(
        clock.now() + datetime.timedelta(hours=24), abs=datetime.timedelta(seconds=30)
    )
    assert NotificationKind.OFFERED in kinds(second)
    # Nobody else gets the offered place.
    assert enrol(UserFactory(), training).status == "waiting"
    services.offer_accept(actor=second.user, enrolment=second)
    second.refresh_from_db()
    assert second.status == "confirmed" and second.offer_expires_at is None


def test_an_expired_offer_moves_on_and_running_twice_changes_nothing():
    training = TrainingFactory(capacity=1, waitlist_mode="offer", offer_hours=2)
    first, second, third = (enrol(UserFactory(), training) for _ in range(3))
    services.enrolment_cancel(actor=first.user, enrolment=first)
    later = clock.now() + datetime.timedelta(hours=3)
    with time_machine.travel(later, tick=False):
        with pytest.raises(TrainingError):
            services.offer_accept(actor=second.user, enrolment=second)
        assert services.expire_offers() == 1
        assert services.expire_offers() == 0
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == "expired" and third.status == "offered"


def test_cancelling_after_enrolment_closed_is_refused_but_staff_may():
    training = TrainingFactory()
    enrolment = enrol(UserFactory(), training)
    with time_machine.travel(training.enrolment_closes + datetime.timedelta(minutes=1)):
        with pytest.raises(TrainingError) as error:
            services.enrolment_cancel(actor=enrolment.user, enrolment=enrolment)
        assert "closed" in " ".join(error.value.messages)
        enrolment.refresh_from_db()
        assert enrolment.status == "confirmed"
        services.enrolment_cancel(actor=StaffFactory(), enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == "cancelled"


def test_cancelling_someone_elses_enrolment_is_refused():
    enrolment = enrol(UserFactory(), TrainingFactory())
    other_rep = RepresentativeFactory()
    for actor in (UserFactory(), other_rep.user):
        with pytest.raises(PermissionDenied):
            services.enrolment_cancel(actor=actor, enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == "confirmed"


def test_a_representative_may_cancel_their_organisations_enrolment():
    rep = RepresentativeFactory()
    enrolment = enrol(
        rep.user, TrainingFactory(), name="A", email="a@example.fi", organisation=rep.organisation
    )
    colleague = RepresentativeFactory(organisation=rep.organisation)
    services.enrolment_cancel(actor=colleague.user, enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == "cancelled"


# --- Sessions and rooms ------------------------------------------------------------------


def test_a_session_in_a_room_books_it_through_facilities():
    staff = StaffFactory()
    room = RoomFactory(capacity=20)
    training = TrainingFactory(capacity=15)
    day = next_weekday(2, weeks=2)
    session = services.session_create(
        actor=staff, training=training, starts=at(day, 10), ends=at(day, 12), room=room
    )
    booking = session.booking
    assert booking.room == room and booking.organisation == training.organiser
    assert booking.status == Booking.Status.CONFIRMED and booking.start == at(day, 10)


def test_a_taken_room_refuses_the_session_with_the_booking_message():
    staff = StaffFactory()
    room = RoomFactory(capacity=20)
    day = next_weekday(2, weeks=2)
    BookingFactory(room=room, start=at(day, 11), end=at(day, 13))
    training = TrainingFactory()
    with pytest.raises(BookingConflict) as error:
        services.session_create(
            actor=staff, training=training, starts=at(day, 10), ends=at(day, 12), room=room
        )
    assert "already booked" in " ".join(error.value.messages)
    assert not Session.objects.exists()
    assert Booking.objects.count() == 1


def test_a_session_needs_a_room_or_a_link():
    staff = StaffFactory()
    day = next_weekday(2, weeks=2)
    with pytest.raises(TrainingError) as error:
        services.session_create(
            actor=staff, training=TrainingFactory(), starts=at(day, 10), ends=at(day, 12)
        )
    assert error.value.field == "room"
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(online_url="")


def test_only_staff_add_sessions():
    day = next_weekday(2, weeks=2)
    with pytest.raises(PermissionDenied):
        services.session_create(
            actor=UserFactory(),
            training=TrainingFactory(),
            starts=at(day, 10),
            ends=at(day, 12),
            online_url="https://meet.example.fi/x",
        )


@pytest.mark.parametrize(
    "fields",
    [
        {"capacity": 0},
        {"price_member": Decimal("-1")},
        {"certificate_rule": "min", "certificate_min_sessions": None},
        {"certificate_rule": "all", "certificate_min_sessions": 2},
        {"waitlist_mode": "offer", "offer_hours": None},
        {"max_per_organisation": 0},
    ],
)
def test_the_database_refuses_a_bad_training(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingFactory(**fields)


def test_publishing_needs_a_session():
    staff = StaffFactory()
    training = TrainingFactory(status=Training.Status.DRAFT)
    with pytest.raises(TrainingError):
        services.training_publish(actor=staff, training=training)
    SessionFactory(training=training)
    services.training_publish(actor=staff, training=training)
    training.refresh_from_db()
    assert training.status == "published" and training.published_at is not None


def test_cancelling_a_training_releases_its_rooms_and_tells_the_participants():
    staff = StaffFactory()
    training = TrainingFactory()
    day = next_weekday(2, weeks=2)
    session = services.session_create(
        actor=staff, training=training, starts=at(day, 10), ends=at(day, 12), room=RoomFactory()
    )
    enrolment = enrol(UserFactory(), training)
    services.training_cancel(actor=staff, training=training)
    session.booking.refresh_from_db()
    assert session.booking.status == Booking.Status.CANCELLED
    assert NotificationKind.CANCELLED in kinds(enrolment)


# --- Attendance, certificates, feedback --------------------------------------------------


def _two_sessions(**training_fields):
    training = TrainingFactory(**training_fields)
    first = SessionFactory(training=training)
    second = SessionFactory(
        training=training,
        starts=first.starts + datetime.timedelta(days=7),
        ends=first.ends + datetime.timedelta(days=7),
    )
    return training, first, second


def test_attendance_of_every_session_issues_the_certificate():
    staff = StaffFactory()
    training, first, second = _two_sessions()
    a, b = enrol(UserFactory(), training), enrol(UserFactory(), training)
    services.attendance_mark(actor=staff, session=first, present_ids=[a.pk, b.pk])
    assert not Certificate.objects.exists()
    services.attendance_mark(actor=staff, session=second, present_ids=[a.pk])
    certificate = Certificate.objects.get()
    assert certificate.enrolment == a
    assert certificate.number.startswith("YK-")
    assert NotificationKind.CERTIFICATE in kinds(a)
    # Marking again issues nothing twice.
    services.attendance_mark(actor=staff, session=second, present_ids=[a.pk])
    assert Certificate.objects.count() == 1


def test_at_least_n_sessions_rule():
    training, first, _second = _two_sessions(certificate_rule="min", certificate_min_sessions=1)
    enrolment = enrol(UserFactory(), training)
    services.attendance_mark(actor=StaffFactory(), session=first, present_ids=[enrolment.pk])
    assert Certificate.objects.filter(enrolment=enrolment).exists()


def test_staff_decide_rule_issues_only_by_hand():
    staff = StaffFactory()
    training, first, second = _two_sessions(certificate_rule="staff")
    enrolment = enrol(UserFactory(), training)
    for session in (first, second):
        services.attendance_mark(actor=staff, session=session, present_ids=[enrolment.pk])
    assert not Certificate.objects.exists()
    services.certificate_issue(actor=staff, enrolment=enrolment)
    with pytest.raises(TrainingError):
        services.certificate_issue(actor=staff, enrolment=enrolment)
    assert Certificate.objects.count() == 1


def test_a_trainer_marks_attendance_and_others_may_not():
    trainer = UserFactory()
    training, first, _second = _two_sessions()
    training.trainer_accounts.add(trainer)
    enrolment = enrol(UserFactory(), training)
    services.attendance_mark(actor=trainer, session=first, present_ids=[enrolment.pk])
    with pytest.raises(PermissionDenied):
        services.attendance_mark(actor=UserFactory(), session=first, present_ids=[])
    other = enrol(UserFactory(), TrainingFactory())
    with pytest.raises(TrainingError):
        services.attendance_mark(actor=trainer, session=first, present_ids=[other.pk])


def test_feedback_once_after_the_training_began():
    training, first, _second = _two_sessions()
    enrolment = enrol(UserFactory(), training)
    with pytest.raises(TrainingError):
        services.feedback_submit(actor=enrolment.user, enrolment=enrolment, rating=5)
    with time_machine.travel(first.starts + datetime.timedelta(hours=3)):
        with pytest.raises(TrainingError) as error:
            services.feedback_submit(actor=enrolment.user, enrolment=enrolment, rating=6)
        assert error.value.field == "rating"
        with pytest.raises(PermissionDenied):
            services.feedback_submit(actor=UserFactory(), enrolment=enrolment, rating=4)
        services.feedback_submit(
            actor=enrolment.user, enrolment=enrolment, rating=4, comment="Hyvä"
        )
        with pytest.raises(TrainingError):
            services.feedback_submit(actor=enrolment.user, enrolment=enrolment, rating=5)
    assert enrolment.feedback.rating == 4


def test_notifications_are_queued_once_per_kind():
    enrolment = enrol(UserFactory(), TrainingFactory())
    from trainings import notifications

    notifications.queue(enrolment, NotificationKind.CONFIRMED)
    assert TrainingNotification.objects.filter(enrolment=enrolment).count() == 1

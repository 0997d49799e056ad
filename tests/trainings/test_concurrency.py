"""Many people enrol in the last places at the same moment: exactly ``capacity`` are
confirmed and the rest wait in a strict order. Threads on real PostgreSQL."""

import datetime

import pytest

from core import clock
from tests.factories.organisations import RepresentativeFactory, UserFactory
from tests.factories.trainings import EnrolmentFactory, TrainingFactory
from tests.support.concurrency import race
from trainings import services
from trainings.errors import TrainingError
from trainings.models import Enrolment

THREADS = 8


@pytest.mark.django_db(transaction=True)
def test_exactly_capacity_enrolments_are_confirmed():
    training = TrainingFactory(capacity=3)
    users = [UserFactory() for _ in range(THREADS)]

    results = race(
        lambda i: services.enrolment_create(actor=users[i], training=training, name=f"P{i}"),
        THREADS,
    )
    assert all(isinstance(r, Enrolment) for r in results), results
    assert training.enrolments.filter(status="confirmed").count() == 3
    waiting = list(training.enrolments.waiting())
    assert len(waiting) == THREADS - 3
    positions = [services.waiting_position(e) for e in waiting]
    assert positions == list(range(1, THREADS - 2))


@pytest.mark.django_db(transaction=True)
def test_racing_for_the_last_place_after_some_are_taken():
    training = TrainingFactory(capacity=5)
    for _ in range(4):
        EnrolmentFactory(training=training)
    users = [UserFactory() for _ in range(THREADS)]
    race(lambda i: services.enrolment_create(actor=users[i], training=training, name="X"))
    assert training.enrolments.filter(status="confirmed").count() == 5


@pytest.mark.django_db(transaction=True)
def test_the_per_organisation_maximum_holds_under_concurrency():
    rep = RepresentativeFactory()
    training = TrainingFactory(capacity=20, max_per_organisation=2)

    def enrol(i):
        return services.enrolment_create(
            actor=rep.user,
            training=training,
            name=f"P{i}",
            email=f"p{i}@example.fi",
            organisation=rep.organisation,
        )

    results = race(enrol)
    assert sum(isinstance(r, Enrolment) for r in results) == 2
    assert sum(isinstance(r, TrainingError) for r in results) == THREADS - 2
    assert training.enrolments.count() == 2


@pytest.mark.django_db(transaction=True)
def test_cancellations_and_enrolments_racing_never_overfill():
    training = TrainingFactory(
        capacity=3, enrolment_closes=clock.now() + datetime.timedelta(days=3)
    )
    holders = [EnrolmentFactory(training=training) for _ in range(3)]
    users = [UserFactory() for _ in range(THREADS)]

    def act(i):
        if i < 3:
            return services.enrolment_cancel(actor=holders[i].user, enrolment=holders[i])
        return services.enrolment_create(actor=users[i], training=training, name="X")

    race(act)
    assert training.enrolments.holding().count() == 3
    assert training.enrolments.waiting().count() == THREADS - 3 - 3

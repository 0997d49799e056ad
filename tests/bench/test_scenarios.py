"""bench/scenarios.py: the popular course's capacity check."""

from datetime import timedelta

import pytest

from bench.scenarios import popular_check
from core import clock
from tests.factories.trainings import EnrolmentFactory, TrainingFactory
from trainings.models import Enrolment

pytestmark = pytest.mark.django_db


def test_the_popular_course_check_counts_places_held_against_the_capacity():
    training = TrainingFactory(capacity=2)
    EnrolmentFactory(training=training)
    EnrolmentFactory(
        training=training,
        status=Enrolment.Status.OFFERED,
        offer_expires_at=clock.now() + timedelta(days=1),
    )
    EnrolmentFactory(
        training=training,
        status=Enrolment.Status.WAITING,
        confirmed_at=None,
        waiting_since=clock.now(),
    )
    assert popular_check(training.pk).endswith(
        "2 holding a place of 2, 1 waiting (within the capacity: yes)"
    )
    EnrolmentFactory(training=training)
    assert popular_check(training.pk).endswith("(within the capacity: **NO**)")

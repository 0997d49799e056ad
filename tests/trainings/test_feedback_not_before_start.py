""" "Give feedback" is offered only once the training has begun (issue 16): before that
the link is not there, and the feedback page says why instead of a form to be refused."""

import datetime

import pytest
from django.urls import reverse

from core import clock
from tests.factories.trainings import EnrolmentFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_feedback_is_offered_only_after_the_first_session_began(client):
    enrolment = EnrolmentFactory()
    session = SessionFactory(training=enrolment.training)
    client.force_login(enrolment.user)
    feedback = reverse("trainings:feedback", args=[enrolment.pk])

    mine = client.get(reverse("trainings:my_enrolments")).content.decode()
    assert feedback not in mine
    page = client.get(feedback).content.decode()
    assert "Palautetta voi antaa, kun koulutus on alkanut." in page
    assert 'name="rating"' not in page

    session.starts = clock.now() - datetime.timedelta(hours=1)
    session.ends = clock.now() + datetime.timedelta(hours=1)
    session.save()
    assert feedback in client.get(reverse("trainings:my_enrolments")).content.decode()
    assert 'name="rating"' in client.get(feedback).content.decode()


def test_my_enrolments_ask_no_more_queries_for_more_trainings(
    client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = EnrolmentFactory()
    SessionFactory(training=first.training)
    client.force_login(first.user)
    client.get(reverse("trainings:my_enrolments"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("trainings:my_enrolments"))
    for _n in range(4):
        SessionFactory(training=EnrolmentFactory(user=first.user).training)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("trainings:my_enrolments"))
    assert len(many) == len(few)

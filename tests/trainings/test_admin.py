"""The trainings back office opens for staff: lists and forms of every model."""

import pytest
from django.urls import reverse

from tests.factories.organisations import StaffFactory
from tests.factories.trainings import EnrolmentFactory, ProgrammeFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    [
        "trainings_programme_changelist",
        "trainings_programme_add",
        "trainings_training_changelist",
        "trainings_training_add",
        "trainings_enrolment_changelist",
        "trainings_feedback_changelist",
        "trainings_certificate_changelist",
        "trainings_trainingnotification_changelist",
    ],
)
def test_admin_pages_open(client, name):
    SessionFactory()
    EnrolmentFactory()
    ProgrammeFactory()
    client.force_login(StaffFactory())
    assert client.get(reverse(f"admin:{name}")).status_code == 200


def test_training_change_page_shows_sessions_read_only(client):
    session = SessionFactory()
    client.force_login(StaffFactory())
    response = client.get(reverse("admin:trainings_training_change", args=[session.training.pk]))
    assert response.status_code == 200
    assert "meet.example.fi" in response.content.decode()

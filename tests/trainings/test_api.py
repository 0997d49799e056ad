"""JSON API of trainings: /api/v1/trainings/ (public catalogue with filters, the list
envelope, constant queries) and /api/v1/trainings/{id}/enrolments/ (create; all for
staff, one's own otherwise)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tests.factories.organisations import RepresentativeFactory, StaffFactory, UserFactory
from tests.factories.trainings import EnrolmentFactory, SessionFactory, TrainingFactory
from trainings.models import Enrolment, Training

pytestmark = pytest.mark.django_db

API = "/api/v1/trainings/"


@pytest.fixture
def api():
    return APIClient()


def enrolments_url(training):
    return f"{API}{training.pk}/enrolments/"


def _trainings(n):
    for _ in range(n):
        session = SessionFactory()
        SessionFactory(
            training=session.training,
            starts=session.starts + datetime.timedelta(days=1),
            ends=session.ends + datetime.timedelta(days=1),
        )
        EnrolmentFactory(training=session.training)


def test_catalogue_envelope_and_shape(api):
    session = SessionFactory(
        training__title_fi="Talous", training__title_sv="Ekonomi", training__capacity=3
    )
    EnrolmentFactory(training=session.training)
    TrainingFactory(status=Training.Status.DRAFT)
    body = api.get(API).json()
    assert set(body) == {"meta", "data"}
    assert body["meta"] == {"count": 1, "next": None, "previous": None}
    (item,) = body["data"]
    assert item["title"] == {"fi": "Talous", "sv": "Ekonomi", "en": session.training.title_en}
    assert item["places_left"] == 2 and item["waiting_count"] == 0
    assert item["@id"].endswith(f"{API}{session.training.pk}/")
    (api_session,) = item["sessions"]
    assert api_session["online"] is True and "online_url" not in api_session
    assert api_session["starts"].endswith("+02:00")  # Helsinki time with its offset
    assert item["price_other"] == "20.00"


def test_catalogue_filters(api):
    SessionFactory(training__title_en="Online one", training__format="online")
    SessionFactory(training__title_en="Paid one", training__format="in_person")

    def titles(**params):
        response = api.get(API, params)
        assert response.status_code == 200
        return {item["title"]["en"] for item in response.json()["data"]}

    assert titles(mode="online") == {"Online one"}
    assert titles(q="paid") == {"Paid one"}
    assert titles(free="no") == {"Online one", "Paid one"}
    assert titles(upcoming="no") == set()
    assert api.get(API, {"mode": "nonsense"}).status_code == 400


def test_catalogue_query_count_is_constant(api):
    _trainings(2)
    with CaptureQueriesContext(connection) as small:
        assert len(api.get(API).json()["data"]) == 2
    _trainings(6)
    with CaptureQueriesContext(connection) as large:
        assert len(api.get(API).json()["data"]) == 8
    assert len(large.captured_queries) == len(small.captured_queries)


def test_enrolments_need_login(api):
    training = TrainingFactory()
    assert api.get(enrolments_url(training)).status_code in (401, 403)
    assert api.post(enrolments_url(training), {"name": "X"}).status_code in (401, 403)
    assert not Enrolment.objects.exists()


def test_a_person_enrols_through_the_api_and_sees_only_their_own(api):
    training = TrainingFactory(capacity=1)
    EnrolmentFactory(training=training, name="Someone else")
    user = UserFactory()
    api.force_authenticate(user)
    response = api.post(
        enrolments_url(training), {"name": "Minä", "needs": "Laktoositon"}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "waiting" and body["waiting_position"] == 1
    assert body["email"] == user.email
    listed = api.get(enrolments_url(training)).json()
    assert [e["name"] for e in listed["data"]] == ["Minä"]
    assert listed["meta"]["count"] == 1


def test_staff_see_every_enrolment_with_constant_queries(api):
    training = TrainingFactory(capacity=2)
    api.force_authenticate(StaffFactory())
    EnrolmentFactory(training=training)
    with CaptureQueriesContext(connection) as small:
        api.get(enrolments_url(training))
    EnrolmentFactory(training=training)
    for _ in range(4):
        EnrolmentFactory(
            training=training,
            status="waiting",
            confirmed_at=None,
            waiting_since=training.created_at,
        )
    with CaptureQueriesContext(connection) as large:
        body = api.get(enrolments_url(training)).json()
    assert body["meta"]["count"] == 6
    assert sorted(e["waiting_position"] or 0 for e in body["data"]) == [0, 0, 1, 2, 3, 4]
    assert len(large.captured_queries) <= len(small.captured_queries) + 1  # + the positions


def test_bad_input_answers_400_with_the_message(api):
    training = TrainingFactory()
    rep = RepresentativeFactory()
    api.force_authenticate(rep.user)
    assert api.post(enrolments_url(training), {"name": "A"}, format="json").status_code == 201
    response = api.post(enrolments_url(training), {"name": "A"}, format="json")
    assert response.status_code == 400
    # In the request's language (Finnish by default).
    assert "jo ilmoittauduttu" in response.json()["email"][0]
    other = RepresentativeFactory().organisation
    response = api.post(
        enrolments_url(training),
        {"name": "B", "email": "b@example.fi", "organisation": other.pk},
        format="json",
    )
    assert response.status_code == 400 and "organisation" in response.json()
    response = api.post(
        enrolments_url(training),
        {"name": "", "email": "c@example.fi", "organisation": rep.organisation.pk},
        format="json",
    )
    assert response.status_code == 400 and "name" in response.json()
    assert training.enrolments.count() == 1


def test_a_draft_has_no_enrolments_endpoint(api):
    training = TrainingFactory(status=Training.Status.DRAFT)
    api.force_authenticate(UserFactory())
    assert api.post(enrolments_url(training), {"name": "A"}, format="json").status_code == 404


def test_schema_documents_the_training_api(tmp_path):
    from django.core.management import call_command

    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = out.read_text()
    assert "/api/v1/trainings/:" in schema
    assert "/api/v1/trainings/{id}/enrolments/:" in schema

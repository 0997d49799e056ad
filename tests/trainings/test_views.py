"""Training pages: the catalogue and its filters (constant queries), the detail with the
enrolment form, the participant's own enrolments, certificates (the participant only),
staff pages for enrolments, attendance, feedback and reports."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from tests.factories.organisations import RepresentativeFactory, StaffFactory, UserFactory
from tests.factories.trainings import (
    EnrolmentFactory,
    ProgrammeFactory,
    SessionFactory,
    TrainingFactory,
)
from trainings import services
from trainings.models import Enrolment, Training

pytestmark = pytest.mark.django_db


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def login(client, user=None):
    user = user or UserFactory()
    client.force_login(user)
    return user


def pdf_text(content: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())  # table cells wrap names onto lines


def _catalogue_data(n):
    programme = ProgrammeFactory()
    for i in range(n):
        training = TrainingFactory(programme=programme if i % 2 else None)
        SessionFactory(training=training)
        SessionFactory(
            training=training,
            starts=training.sessions.get().starts + datetime.timedelta(days=7),
            ends=training.sessions.get().ends + datetime.timedelta(days=7),
        )
        EnrolmentFactory(training=training)


def test_catalogue_lists_public_trainings_with_constant_queries(
    client, django_assert_max_num_queries
):
    _catalogue_data(2)
    TrainingFactory(status=Training.Status.DRAFT, title_en="Secret draft")
    response = client.get(url("trainings:catalogue"))
    assert response.status_code == 200
    assert "Secret draft" not in response.content.decode()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url("trainings:catalogue"))
    _catalogue_data(6)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url("trainings:catalogue"))
    assert len(response.context["trainings"]) == 8
    assert len(large.captured_queries) == len(small.captured_queries)


def test_catalogue_filters(client):
    online = TrainingFactory(title_en="Online basics", format="online", price_other=Decimal("0"))
    SessionFactory(training=online)
    paid = TrainingFactory(title_en="Paid hall course", format="in_person")
    SessionFactory(training=paid)
    past = TrainingFactory(title_en="Old course")
    SessionFactory(
        training=past,
        starts=datetime.datetime(2020, 1, 1, 10, tzinfo=datetime.UTC),
        ends=datetime.datetime(2020, 1, 1, 12, tzinfo=datetime.UTC),
    )

    def titles(**params):
        response = client.get(url("trainings:catalogue"), params)
        return {t.title for t in response.context["trainings"]}

    assert titles() == {"Online basics", "Paid hall course"}
    assert titles(mode="online") == {"Online basics"}
    assert titles(free="yes") == {"Online basics"}
    assert titles(q="paid hall") == {"Paid hall course"}
    assert titles(upcoming="no") == {"Old course"}


def test_detail_shows_sessions_and_the_form(client):
    session = SessionFactory(training__title_en="Board work")
    response = client.get(url("trainings:detail", session.training.pk))
    text = response.content.decode()
    assert "Board work" in text and "Log in to enrol" in text
    login(client)
    response = client.get(url("trainings:detail", session.training.pk))
    assert 'name="needs"' in response.content.decode()


def test_a_draft_answers_404_to_the_public(client):
    training = TrainingFactory(status=Training.Status.DRAFT)
    assert client.get(url("trainings:detail", training.pk)).status_code == 404
    login(client, StaffFactory())
    assert client.get(url("trainings:detail", training.pk)).status_code == 200


def test_enrolling_on_the_page_and_seeing_it(client):
    training = TrainingFactory(title_en="Finances")
    user = login(client)
    response = client.post(
        url("trainings:enrol", training.pk), {"name": "Heli H", "needs": "Vegan"}
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    assert enrolment.user == user and enrolment.needs == "Vegan" and enrolment.language == "en"
    response = client.get(url("trainings:my_enrolments"))
    assert "Finances" in response.content.decode() and "Confirmed" in response.content.decode()


def test_enrolling_twice_shows_the_message_next_to_the_field(client):
    training = TrainingFactory()
    login(client)
    client.post(url("trainings:enrol", training.pk), {"name": "A"})
    response = client.post(url("trainings:enrol", training.pk), {"name": "A"})
    assert response.status_code == 400
    assert "already enrolled" in response.content.decode()
    assert Enrolment.objects.count() == 1


def test_a_representative_enrols_a_colleague_and_the_maximum_is_shown(client):
    rep = RepresentativeFactory()
    training = TrainingFactory(max_per_organisation=1)
    login(client, rep.user)
    data = {"organisation": rep.organisation.pk, "name": "Kaisa", "email": "kaisa@example.fi"}
    assert client.post(url("trainings:enrol", training.pk), data).status_code == 302
    data.update(name="Ville", email="ville@example.fi")
    response = client.post(url("trainings:enrol", training.pk), data)
    assert response.status_code == 400
    assert "at most 1" in response.content.decode()


def test_someone_elses_enrolment_answers_404(client):
    enrolment = EnrolmentFactory()
    login(client)
    assert client.post(url("trainings:enrolment_cancel", enrolment.pk)).status_code == 404
    assert client.post(url("trainings:offer_accept", enrolment.pk)).status_code == 404
    assert client.get(url("trainings:feedback", enrolment.pk)).status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.status == "confirmed"


def test_cancel_on_the_page(client):
    enrolment = EnrolmentFactory()
    login(client, enrolment.user)
    response = client.post(url("trainings:enrolment_cancel", enrolment.pk), follow=True)
    enrolment.refresh_from_db()
    assert enrolment.status == "cancelled"
    assert "Enrolment cancelled" in response.content.decode()


def test_my_enrolments_has_constant_queries(client):
    user = UserFactory()
    login(client, user)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    EnrolmentFactory(user=user)
    full = TrainingFactory(capacity=1)
    EnrolmentFactory(training=full)
    EnrolmentFactory(
        training=full, user=user, status="waiting", confirmed_at=None, waiting_since=full.created_at
    )
    with CaptureQueriesContext(connection) as small:
        client.get(url("trainings:my_enrolments"))
    for _ in range(5):
        training = TrainingFactory(capacity=1)
        EnrolmentFactory(training=training)
        EnrolmentFactory(
            training=training,
            user=user,
            status="waiting",
            confirmed_at=None,
            waiting_since=training.created_at,
        )
    with CaptureQueriesContext(connection) as large:
        response = client.get(url("trainings:my_enrolments"))
    assert len(response.context["enrolments"]) == 7
    assert "number 1 in line" in response.content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_certificate_is_the_participants_only(client):
    staff = StaffFactory()
    session = SessionFactory(training__title_fi="Yhdistyksen talous")
    rep = RepresentativeFactory()
    participant = UserFactory(first_name="Päivi", last_name="Äijälä", email="paivi@example.fi")
    enrolment = services.enrolment_create(
        actor=rep.user,
        training=session.training,
        name="Päivi Äijälä",
        email="paivi@example.fi",
        organisation=rep.organisation,
    )
    assert enrolment.user == participant
    services.attendance_mark(actor=staff, session=session, present_ids=[enrolment.pk])
    certificate = enrolment.certificate
    certificate_url = url("trainings:certificate", enrolment.pk, language="fi")
    for other in (rep.user, UserFactory(), staff):
        login(client, other)
        assert client.get(certificate_url).status_code == 404
    login(client, participant)
    response = client.get(certificate_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Päivi Äijälä" in text and "Yhdistyksen talous" in text
    assert certificate.number in text


def test_staff_manage_page_lists_confirmed_and_waiting(client, django_assert_max_num_queries):
    training = TrainingFactory(capacity=1)
    EnrolmentFactory(training=training, name="Eka")
    EnrolmentFactory(
        training=training,
        name="Toka",
        status="waiting",
        confirmed_at=None,
        waiting_since=training.created_at,
    )
    login(client)
    assert client.get(url("trainings:manage", training.pk)).status_code == 404  # not staff
    login(client, StaffFactory())
    with django_assert_max_num_queries(20):
        response = client.get(url("trainings:manage", training.pk))
    text = response.content.decode()
    assert "Eka" in text and "Toka" in text and "Waiting list" in text


def test_staff_add_a_session_and_a_taken_room_shows_the_booking_message(client):
    from tests.factories.facilities import BookingFactory, RoomFactory, at, next_weekday

    login(client, StaffFactory())
    training = TrainingFactory(status=Training.Status.DRAFT)
    room = RoomFactory(capacity=30)
    day = next_weekday(2, weeks=2)
    BookingFactory(room=room, start=at(day, 9), end=at(day, 11))
    data = {"date": day.isoformat(), "start_time": "10:00", "end_time": "12:00", "room": room.pk}
    response = client.post(url("trainings:session_add", training.pk), data)
    assert response.status_code == 400
    assert "already booked" in response.content.decode()
    assert not training.sessions.exists()
    data.update(start_time="12:00", end_time="14:00")
    assert client.post(url("trainings:session_add", training.pk), data).status_code == 302
    assert training.sessions.get().booking.room == room
    client.post(url("trainings:training_action", training.pk), {"action": "publish"})
    training.refresh_from_db()
    assert training.status == "published"


def test_attendance_by_the_trainer_and_the_printable_list(client):
    trainer = UserFactory()
    session = SessionFactory()
    session.training.trainer_accounts.add(trainer)
    a = EnrolmentFactory(training=session.training, name="Anna")
    b = EnrolmentFactory(training=session.training, name="Bertta")
    login(client)
    assert client.get(url("trainings:attendance", session.pk)).status_code == 404
    assert client.get(url("trainings:attendance_print", session.pk)).status_code == 404
    login(client, trainer)
    detail = client.get(url("trainings:detail", session.training.pk)).content.decode()
    assert url("trainings:attendance", session.pk) in detail
    response = client.get(url("trainings:attendance_print", session.pk))
    assert "Anna" in response.content.decode() and "Signature" in response.content.decode()
    response = client.post(url("trainings:attendance", session.pk), {"present": [a.pk]})
    assert response.status_code == 302
    assert {x.enrolment_id: x.present for x in session.attendance.all()} == {
        a.pk: True,
        b.pk: False,
    }
    response = client.post(url("trainings:attendance", session.pk), {"present": ["999999"]})
    assert response.status_code == 400


def test_feedback_form_and_summary(client):
    session = SessionFactory()
    enrolment = EnrolmentFactory(training=session.training)
    login(client, enrolment.user)
    with time_machine.travel(session.ends + datetime.timedelta(hours=1)):
        response = client.post(url("trainings:feedback", enrolment.pk), {"rating": "9"})
        assert response.status_code == 400
        response = client.post(
            url("trainings:feedback", enrolment.pk), {"rating": "4", "comment": "Hyödyllinen"}
        )
        assert response.status_code == 302
    login(client, StaffFactory())
    response = client.get(url("trainings:feedback_summary", session.training.pk))
    text = response.content.decode()
    assert "4.0 / 5" in text and "Hyödyllinen" in text


@pytest.mark.parametrize("kind", ["participants", "attendance", "feedback"])
def test_staff_reports_as_csv_and_pdf(client, kind):
    session = SessionFactory(training__title_fi="Talouskoulutus")
    enrolment = EnrolmentFactory(training=session.training, name="Åsa Öberg")
    services.attendance_mark(actor=StaffFactory(), session=session, present_ids=[enrolment.pk])
    login(client)
    assert client.get(url("trainings:report", session.training.pk, kind, "csv")).status_code == 404
    login(client, StaffFactory())
    response = client.get(url("trainings:report", session.training.pk, kind, "csv", language="fi"))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    if kind != "feedback":
        assert "Åsa Öberg" in text
    response = client.get(url("trainings:report", session.training.pk, kind, "pdf", language="fi"))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Talouskoulutus" in text
    if kind != "feedback":
        assert "Åsa Öberg" in text
    assert (
        client.get(url("trainings:report", session.training.pk, "other", "csv")).status_code == 404
    )


def test_staff_list_has_constant_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, StaffFactory())
    _catalogue_data(1)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url("trainings:staff_list")).status_code == 200
    _catalogue_data(5)
    TrainingFactory(status=Training.Status.DRAFT, title_en="A draft")
    with CaptureQueriesContext(connection) as large:
        response = client.get(url("trainings:staff_list"))
    assert "A draft" in response.content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)


def test_staff_list_is_404_for_people_who_train_nothing(client):
    login(client)
    assert client.get(url("trainings:staff_list")).status_code == 404

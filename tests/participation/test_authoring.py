"""Staff write consultations, sections and polls on their own pages (not only in the
admin): bad input is shown next to its field and saves nothing; a poll with answers
keeps its options and kind."""

import pytest
from django.urls import reverse

from participation import authoring, services
from participation.errors import ParticipationError
from participation.models import Consultation, Poll, PollOption, Section
from tests.factories.organisations import StaffFactory
from tests.factories.participation import PollOptionFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def consultation_data(**extra):
    data = {
        "title_fi": "Kirjaston aukioloajat",
        "title_sv": "Bibliotekets öppettider",
        "introduction_fi": "Kerro toiveesi.",
        "opens_at": "2026-03-01T09:00",
        "closes_at": "2026-03-31T16:00",
        "commenters": "anyone",
        "show_names": "on",
        "is_published": "on",
    }
    data.update(extra)
    return data


def test_staff_create_a_consultation_with_a_section_and_a_poll(staff_client):
    response = staff_client.post(reverse("participation:create"), consultation_data())
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("participation:edit", args=[consultation.pk])
    assert consultation.title_sv == "Bibliotekets öppettider" and consultation.is_published

    response = staff_client.post(
        reverse("participation:section_create", args=[consultation.pk]),
        {"title_fi": "Aukioloajat", "body_fi": "Nyt auki 9–16.", "order": "1"},
    )
    section = Section.objects.get()
    assert response.status_code == 302 and section.consultation == consultation

    response = staff_client.post(
        reverse("participation:poll_create", args=[section.pk]),
        {
            "question_fi": "Milloin käytte?",
            "kind": "single",
            "options_fi": "Aamulla\n\nIllalla\n",
            "options_sv": "På morgonen\n\nPå kvällen",
        },
    )
    assert response.status_code == 302
    poll = Poll.objects.get()
    assert [(o.text_fi, o.text_sv) for o in poll.options.all()] == [
        ("Aamulla", "På morgonen"),
        ("Illalla", "På kvällen"),
    ]
    page = staff_client.get(reverse("participation:edit", args=[consultation.pk])).content.decode()
    assert "Aukioloajat" in page and "Milloin käytte?" in page


def test_bad_input_is_shown_at_its_field_and_saves_nothing(staff_client):
    response = staff_client.post(
        reverse("participation:create"),
        consultation_data(title_fi="", closes_at="2026-02-01T09:00"),
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kuulemisen on päätyttävä sen alkamisen jälkeen." in page
    assert not Consultation.objects.exists()

    section = SectionFactory()
    response = staff_client.post(
        reverse("participation:poll_create", args=[section.pk]),
        {"question_fi": "Yksi vaihtoehto?", "kind": "single", "options_fi": "Vain tämä"},
    )
    assert response.status_code == 400
    assert "Kyselyssä on oltava vähintään kaksi vaihtoehtoa." in response.content.decode()
    assert not Poll.objects.exists() and not PollOption.objects.exists()


def test_a_poll_with_answers_keeps_its_options_and_kind():
    staff = StaffFactory()
    option = PollOptionFactory(text_fi="Aamu")
    poll = option.poll
    PollOptionFactory(poll=poll, text_fi="Ilta")
    services.poll_answer(actor=None, session_key="abc", poll=poll, option_ids=[option.pk])
    fields = {"section": poll.section, "poll": poll, "question_fi": "Milloin?"}
    with pytest.raises(ParticipationError):
        authoring.poll_save(actor=staff, kind="single", options=[{"fi": "Aamu"}], **fields)
    with pytest.raises(ParticipationError):
        authoring.poll_save(
            actor=staff, kind="multiple", options=[{"fi": "Aamu"}, {"fi": "Ilta"}], **fields
        )
    authoring.poll_save(
        actor=staff,
        kind="single",
        options=[{"fi": "Aamulla"}, {"fi": "Illalla"}, {"fi": "Yöllä"}],
        **fields,
    )
    assert list(poll.options.values_list("text_fi", flat=True)) == ["Aamulla", "Illalla", "Yöllä"]
    assert poll.answers.get().option_id == option.pk  # the answer stays with its option

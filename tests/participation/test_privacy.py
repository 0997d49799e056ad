"""A commenter's data in the privacy export, and its erasure: the comment stays for the
results without the name, the link to the account or the person's name in the text."""

import pytest

from participation import services
from participation.models import Comment, PollAnswer, Vote
from tests.factories.organisations import UserFactory
from tests.factories.participation import CommentFactory, PollOptionFactory, SectionFactory
from yhteisokeskus.privacy import person_erase, personal_data

pytestmark = pytest.mark.django_db


def test_export_and_erase_of_a_commenter():
    person = UserFactory(first_name="Aino", last_name="Virtanen")
    section = SectionFactory(title_fi="Tilat")
    services.comment_create(
        actor=person,
        session_key=None,
        section=section,
        text="Olen Aino Virtanen ja tarvitsen iltatiloja.",
        name="Aino Virtanen",
    )
    services.comment_vote(actor=person, session_key=None, comment=CommentFactory(section=section))
    option = PollOptionFactory(poll__section=section, text_fi="Iltaisin")
    services.poll_answer(actor=person, session_key=None, poll=option.poll, option_ids=[option.pk])

    data = personal_data(person)["participation"]
    assert data["comments"][0]["section"] == "Tilat"
    assert data["comments"][0]["name"] == "Aino Virtanen"
    assert data["votes"] == 1
    assert data["poll_answers"] == [{"question": option.poll.question, "option": "Iltaisin"}]

    person_erase(user=person)
    comment = Comment.objects.get(text__contains="iltatiloja")
    assert comment.user is None and comment.name == ""
    assert "Aino" not in comment.text and "Virtanen" not in comment.text
    assert Vote.objects.get().user is None and PollAnswer.objects.get().user is None
    assert Vote.objects.get().voter_key.startswith("erased-")

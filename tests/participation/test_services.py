"""Comments, replies, votes, polls and moderation through the services: what is saved,
and each bad input's translated message with nothing saved."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import translation

from core import clock
from participation import services
from participation.errors import ParticipationError
from participation.models import Comment, Consultation, Flag, PollAnswer, Vote
from tests.factories.organisations import (
    MunicipalityFactory,
    RepresentativeFactory,
    StaffFactory,
    UserFactory,
)
from tests.factories.participation import (
    CommentFactory,
    ConsultationFactory,
    PollFactory,
    PollOptionFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def comment(section, text="Hyvä ajatus", session="sess1", actor=None, **kw):
    return services.comment_create(
        actor=actor, session_key=session, section=section, text=text, **kw
    )


def messages(error, language="en"):
    with translation.override(language):
        return " ".join(error.value.messages)


def test_a_comment_is_saved_with_its_municipality_and_language():
    section = SectionFactory()
    pori = MunicipalityFactory()
    saved = comment(section, name="Maija", municipality=pori, language="sv")
    assert (saved.text, saved.name, saved.municipality, saved.language) == (
        "Hyvä ajatus",
        "Maija",
        pori,
        "sv",
    )
    assert saved.author_key == "ssess1"


def test_markup_is_removed_and_characters_kept():
    saved = comment(SectionFactory(), text="<b>Lisää</b> penkkejä <script>alert(1)</script>& 3 < 5")
    assert saved.text == "Lisää penkkejä & 3 < 5"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "Write a comment."),
        ("   ", "Write a comment."),
        ("<p></p>", "Write a comment."),
        ("x" * 2001, "at most 2000 characters"),
    ],
)
def test_empty_or_too_long_comments_are_refused(text, expected):
    section = SectionFactory()
    with translation.override("en"), pytest.raises(ParticipationError) as error:
        comment(section, text=text)
    assert expected in messages(error)
    assert error.value.field == "text"
    assert not Comment.objects.exists()


def test_comments_before_opening_and_after_closing_are_refused():
    upcoming = SectionFactory(
        consultation__opens_at=clock.now() + datetime.timedelta(days=1),
        consultation__closes_at=clock.now() + datetime.timedelta(days=5),
    )
    closed = SectionFactory(
        consultation__opens_at=clock.now() - datetime.timedelta(days=5),
        consultation__closes_at=clock.now() - datetime.timedelta(minutes=1),
    )
    with translation.override("en"):
        with pytest.raises(ParticipationError) as error:
            comment(upcoming)
        assert "has not opened yet" in messages(error)
        with pytest.raises(ParticipationError) as error:
            comment(closed)
        assert "has closed" in messages(error)
    with translation.override("fi"), pytest.raises(ParticipationError) as error:
        comment(closed)
    assert "Kuuleminen on päättynyt" in messages(error, "fi")
    assert not Comment.objects.exists()


def test_closing_is_in_helsinki_time_to_the_minute():
    # Closes at 16.00 Helsinki time (14.00 UTC in winter).
    closes = datetime.datetime(
        2026, 12, 4, 16, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
    )
    section = SectionFactory(
        consultation__opens_at=closes - datetime.timedelta(days=3), consultation__closes_at=closes
    )
    with time_machine.travel(
        datetime.datetime(2026, 12, 4, 13, 59, tzinfo=datetime.UTC), tick=False
    ):
        comment(section)
    with (
        time_machine.travel(datetime.datetime(2026, 12, 4, 14, 0, tzinfo=datetime.UTC), tick=False),
        pytest.raises(ParticipationError),
    ):
        comment(section, session="other")
    assert Comment.objects.count() == 1


def test_closing_now_freezes_comments_votes_and_answers():
    section = SectionFactory()
    staff = StaffFactory()
    first = comment(section)
    option = PollOptionFactory(poll__section=section)
    services.consultation_close(actor=staff, consultation=section.consultation)
    assert Consultation.objects.get().is_closed
    with pytest.raises(ParticipationError):
        comment(section, session="late")
    with pytest.raises(ParticipationError):
        services.comment_vote(actor=None, session_key="late", comment=first)
    with pytest.raises(ParticipationError):
        services.poll_answer(
            actor=None, session_key="late", poll=option.poll, option_ids=[option.pk]
        )
    assert (Comment.objects.count(), Vote.objects.count(), PollAnswer.objects.count()) == (1, 0, 0)


def test_only_staff_close_a_consultation():
    with pytest.raises(PermissionDenied):
        services.consultation_close(actor=UserFactory(), consultation=ConsultationFactory())


def test_who_may_comment():
    signed_in = SectionFactory(consultation__commenters=Consultation.Commenters.SIGNED_IN)
    reps = SectionFactory(consultation__commenters=Consultation.Commenters.REPRESENTATIVES)
    person = UserFactory()
    rep = RepresentativeFactory(status="approved").user
    with translation.override("en"):
        with pytest.raises(ParticipationError) as error:
            comment(signed_in)
        assert "Sign in" in messages(error)
        comment(signed_in, actor=person)
        with pytest.raises(ParticipationError) as error:
            comment(reps, actor=person)
        assert "Only representatives" in messages(error)
        with pytest.raises(ParticipationError):
            comment(reps, actor=RepresentativeFactory(status="requested").user)
        comment(reps, actor=rep)
    assert Comment.objects.count() == 2


def test_an_anonymous_comment_needs_a_session():
    with pytest.raises(ParticipationError):
        comment(SectionFactory(), session="")
    assert not Comment.objects.exists()


def test_the_rate_limit_counts_a_persons_recent_comments():
    section = SectionFactory()
    for _ in range(services.RATE_LIMIT_COMMENTS):
        comment(section)
    with translation.override("en"), pytest.raises(ParticipationError) as error:
        comment(section)
    assert "Please wait" in messages(error)
    comment(section, session="someone-else")  # another person is not limited
    later = clock.now() + services.RATE_LIMIT_WINDOW + datetime.timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        comment(section)
    assert Comment.objects.count() == services.RATE_LIMIT_COMMENTS + 2


def test_replies_stay_one_level_and_in_their_section():
    section = SectionFactory()
    parent = comment(section)
    reply = comment(section, session="b", parent=parent)
    reply_to_reply = comment(section, session="c", parent=reply)
    assert reply.parent == parent and reply_to_reply.parent == parent
    with pytest.raises(ParticipationError):
        comment(SectionFactory(consultation=section.consultation), session="d", parent=parent)


def test_one_vote_per_person_or_session():
    target = CommentFactory()
    person = UserFactory()
    services.comment_vote(actor=person, session_key="x", comment=target)
    services.comment_vote(actor=None, session_key="x", comment=target)
    with translation.override("en"), pytest.raises(ParticipationError) as error:
        services.comment_vote(actor=person, session_key="y", comment=target)
    assert "already voted" in messages(error)
    with pytest.raises(ParticipationError):
        services.comment_vote(actor=None, session_key="x", comment=target)
    assert target.votes.count() == 2


def test_moderation_hide_with_a_reason_pin_and_flags():
    target = CommentFactory()
    staff = StaffFactory()
    services.comment_flag(actor=None, session_key="a", comment=target)
    services.comment_flag(actor=None, session_key="a", comment=target)
    assert Flag.objects.count() == 1
    with pytest.raises(ParticipationError) as error:
        services.comment_hide(actor=staff, comment=target, reason="  ")
    assert error.value.field == "reason"
    with pytest.raises(PermissionDenied):
        services.comment_hide(actor=UserFactory(), comment=target, reason="Asiaton")
    services.comment_pin(actor=staff, comment=target)
    hidden = services.comment_hide(actor=staff, comment=target, reason="Asiaton kielenkäyttö")
    assert hidden.is_hidden and hidden.hidden_reason == "Asiaton kielenkäyttö"
    assert not hidden.is_pinned
    assert Flag.objects.get().handled_at is not None
    assert list(Comment.objects.visible()) == []
    with pytest.raises(ParticipationError):
        services.comment_pin(actor=staff, comment=hidden)
    with pytest.raises(ParticipationError):
        services.comment_vote(actor=None, session_key="v", comment=hidden)
    services.comment_unhide(actor=staff, comment=hidden)
    assert list(Comment.objects.visible()) == [target]


def test_poll_answers():
    section = SectionFactory()
    single = PollFactory(section=section)
    a, b = PollOptionFactory(poll=single), PollOptionFactory(poll=single)
    multiple = PollFactory(section=section, kind="multiple")
    c, d = PollOptionFactory(poll=multiple), PollOptionFactory(poll=multiple)
    other = PollOptionFactory()
    with pytest.raises(ParticipationError):
        services.poll_answer(actor=None, session_key="s", poll=single, option_ids=[a.pk, b.pk])
    with pytest.raises(ParticipationError):
        services.poll_answer(actor=None, session_key="s", poll=single, option_ids=[])
    with pytest.raises(ParticipationError):
        services.poll_answer(actor=None, session_key="s", poll=single, option_ids=[other.pk])
    services.poll_answer(actor=None, session_key="s", poll=single, option_ids=[a.pk])
    with pytest.raises(ParticipationError):
        services.poll_answer(actor=None, session_key="s", poll=single, option_ids=[b.pk])
    services.poll_answer(actor=None, session_key="s", poll=multiple, option_ids=[c.pk, d.pk])
    assert PollAnswer.objects.count() == 3

"""One vote per person: the same person's votes sent at the same moment from eight
connections leave exactly one row, decided by PostgreSQL's unique constraint. Threads
on real PostgreSQL."""

import pytest

from participation import services
from participation.errors import ParticipationError
from participation.models import Comment, Vote
from tests.factories.organisations import UserFactory
from tests.factories.participation import CommentFactory, SectionFactory
from tests.support.concurrency import THREADS, race


@pytest.mark.django_db(transaction=True)
def test_a_person_voting_eight_times_at_once_gets_one_vote():
    target = CommentFactory()
    person = UserFactory()
    results = race(
        lambda i: services.comment_vote(actor=person, session_key=f"s{i}", comment=target)
    )
    winners = [r for r in results if isinstance(r, Vote)]
    assert len(winners) == 1, results
    assert all(isinstance(r, ParticipationError) for r in results if r not in winners), results
    assert Vote.objects.filter(comment=target).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_session_voting_eight_times_at_once_gets_one_vote():
    target = CommentFactory()
    results = race(lambda i: services.comment_vote(actor=None, session_key="same", comment=target))
    assert sum(isinstance(r, Vote) for r in results) == 1, results
    assert Vote.objects.filter(comment=target).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_rate_limit_holds_for_parallel_posts():
    section = SectionFactory()
    results = race(
        lambda i: services.comment_create(
            actor=None, session_key="same", section=section, text=f"Kommentti {i}"
        )
    )
    saved = [r for r in results if isinstance(r, Comment)]
    assert len(saved) == services.RATE_LIMIT_COMMENTS, results
    assert Comment.objects.count() == services.RATE_LIMIT_COMMENTS
    assert THREADS > services.RATE_LIMIT_COMMENTS

"""The demo consultations: an open one with a poll and comments, a closed one with about
a hundred workshop comments from four municipalities coded with themes, the
participation model's actions (one goal measured by them), and a feedback form with
three statements and answers; made once."""

import io

import pytest
from django.core.management import call_command

from participation.models import (
    Action,
    Comment,
    Consultation,
    FeedbackForm,
    FeedbackRating,
    Goal,
    PollAnswer,
    Vote,
    Workshop,
)

pytestmark = pytest.mark.django_db


def test_demo_consultations(settings):
    settings.DEBUG = True
    call_command("load_demo_data", stdout=io.StringIO())
    call_command("load_participation_demo", stdout=io.StringIO())
    open_one, closed = Consultation.objects.order_by("-closes_at")
    assert open_one.is_open and closed.is_closed
    assert open_one.sections.filter(polls__isnull=False).exists()
    assert Vote.objects.count() == 3 and PollAnswer.objects.count() == 3
    workshop_comments = Comment.objects.filter(section__consultation=closed)
    assert workshop_comments.count() == 100
    assert Workshop.objects.values("municipality").distinct().count() == 4
    assert not workshop_comments.filter(workshop__isnull=True).exists()
    assert not workshop_comments.filter(themes__isnull=True).exists()
    by_actions = Goal.objects.prefetch_related("actions").get(progress_source="actions")
    assert by_actions.actions.count() == 4
    assert by_actions.progress_percent == 40  # (2 × 60 + 3 × 40 + 1 × 0) / 6, one cancelled
    assert Action.objects.filter(organisation__isnull=False).exists()
    form = FeedbackForm.objects.get()
    assert form.statements.count() == 3 and form.answers.count() == 6
    assert FeedbackRating.objects.count() == 18
    before = Comment.objects.count()
    call_command("load_participation_demo", stdout=io.StringIO())
    assert Comment.objects.count() == before and Action.objects.count() == 6

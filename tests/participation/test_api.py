"""The public participation API: published consultations with sections and polls, the
shown comments without personal data, themes and goals with their progress; list
endpoints read a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participation import services
from tests.factories.organisations import StaffFactory, UserFactory
from tests.factories.participation import (
    ActionFactory,
    CommentFactory,
    GoalFactory,
    IndicatorFactory,
    PollOptionFactory,
    SectionFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def test_comments_leave_out_hidden_ones_and_personal_data(client):
    person = UserFactory(email="maija@example.com")
    section = SectionFactory(consultation__show_names=False)
    shown = CommentFactory(section=section, name="Maija", user=person, text="Penkkejä lisää")
    hidden = CommentFactory(section=section, text="Asiaton teksti")
    services.comment_hide(actor=StaffFactory(), comment=hidden, reason="Asiaton")
    goal = GoalFactory()
    services.comment_code(actor=StaffFactory(), comment=shown, themes=[], goals=[goal])
    url = reverse("participation-consultation-comments", args=[section.consultation_id])
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    data = response.json()["data"]
    assert [c["id"] for c in data] == [shown.pk]
    assert data[0]["name"] is None and data[0]["goals"] == [goal.pk]
    assert "Asiaton teksti" not in body and "maija@example.com" not in body
    assert "author_key" not in body and "user" not in data[0]
    draft = SectionFactory(consultation__is_published=False).consultation
    assert (
        client.get(reverse("participation-consultation-detail", args=[draft.pk])).status_code == 404
    )


def test_lists_read_a_fixed_number_of_queries(client):
    def add():
        option = PollOptionFactory()
        CommentFactory(section=option.poll.section)
        ThemeFactory(consultation=option.poll.section.consultation)
        ActionFactory(goals=[IndicatorFactory().goal])

    def counts():
        result = []
        for name in (
            "participation-consultation-list",
            "participation-section-list",
            "participation-theme-list",
            "participation-goal-list",
        ):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(name)).status_code == 200
            result.append(len(queries))
        return result

    add()
    first = counts()
    add()
    add()
    assert counts() == first
    goal = client.get(reverse("participation-goal-list")).json()["data"][0]
    assert goal["title"]["fi"] and goal["indicators"][0]["progress"] is None
    assert goal["progress_source"] == "indicators"
    assert goal["actions"][0]["progress"] == 50 and goal["actions"][0]["status"] == "in_progress"

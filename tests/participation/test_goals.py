"""The participation model: an indicator's progress from its baseline to its target,
a goal's progress from its indicators, measurements within the goal's period, and the
trace from residents' comments (directly or through themes) to a goal."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participation import goals, services
from participation.errors import ParticipationError
from participation.models import Measurement
from tests.factories.organisations import StaffFactory
from tests.factories.participation import (
    CommentFactory,
    GoalFactory,
    IndicatorFactory,
    StrategyItemFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def measure(indicator, day, value):
    return Measurement.objects.create(
        indicator=indicator, measured_on=datetime.date(2026, 1, day), value=value
    )


def test_progress_runs_from_baseline_to_target_either_way():
    goal = GoalFactory()
    rising = IndicatorFactory(goal=goal, baseline=10, target=20)
    falling = IndicatorFactory(goal=goal, baseline=Decimal("35"), target=Decimal("20"))
    unmeasured = IndicatorFactory(goal=goal)
    assert goal.progress is None and unmeasured.progress is None
    measure(rising, 1, 30)  # past the target: counts as reached
    measure(rising, 2, 14)  # the newest value counts
    measure(falling, 1, 32)
    assert rising.progress == pytest.approx(0.4)
    assert falling.progress == pytest.approx(0.2)
    assert goal.progress == pytest.approx(0.3) and goal.progress_percent == 30
    measure(falling, 3, 40)  # worse than the baseline
    assert falling.progress == 0


def test_a_measurement_outside_the_goal_period_or_twice_a_day_is_refused():
    staff = StaffFactory()
    indicator = IndicatorFactory(goal__starts_on=datetime.date(2026, 1, 1))
    with pytest.raises(ParticipationError) as error:
        goals.measurement_add(
            actor=staff, indicator=indicator, measured_on=datetime.date(2025, 12, 31), value=5
        )
    assert "measured_on" in error.value.errors_by_field
    day = datetime.date(2026, 6, 1)
    goals.measurement_add(actor=staff, indicator=indicator, measured_on=day, value=5, note="<b>x")
    with pytest.raises(ParticipationError):
        goals.measurement_add(actor=staff, indicator=indicator, measured_on=day, value=6)
    assert list(Measurement.objects.values_list("value", "note")) == [(Decimal("5.00"), "x")]


def test_the_goal_page_shows_the_comments_behind_it_and_the_comment_its_goal(
    client, django_assert_max_num_queries
):
    staff = StaffFactory()
    theme = ThemeFactory()
    section_kw = {"section__consultation": theme.consultation}
    by_theme, direct, hidden, other = (CommentFactory(**section_kw) for _ in range(4))
    goal = GoalFactory(title_fi="Nuoret mukaan")
    indicator = IndicatorFactory(goal=goal)
    measure(indicator, 5, 15)
    goals.goal_link(actor=staff, goal=goal, themes=[theme], strategy_items=[StrategyItemFactory()])
    services.comment_code(actor=staff, comment=by_theme, themes=[theme])
    services.comment_code(actor=staff, comment=hidden, themes=[theme])
    services.comment_hide(actor=staff, comment=hidden, reason="Asiaton")
    services.comment_code(actor=staff, comment=direct, themes=[], goals=[goal])

    with django_assert_max_num_queries(12):
        page = client.get(reverse("participation:goal", args=[goal.pk])).content.decode()
    assert by_theme.text in page and direct.text in page
    assert hidden.text not in page and other.text not in page
    assert 'role="img"' in page and "50 %" in page

    detail = client.get(reverse("participation:detail", args=[theme.consultation_id]))
    text = detail.content.decode()
    assert text.count(reverse("participation:goal", args=[goal.pk])) == 2  # by_theme, direct
    overview = client.get(reverse("participation:model")).content.decode()
    assert "Nuoret mukaan" in overview


def test_the_overview_reads_a_fixed_number_of_queries(client):
    def add_goal():
        indicator = IndicatorFactory()
        measure(indicator, 1, 12)
        indicator.goal.strategy_items.add(StrategyItemFactory())
        indicator.goal.themes.add(ThemeFactory())

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("participation:model")).status_code == 200
        return len(queries)

    add_goal()
    one = count()
    for _ in range(3):
        add_goal()
    assert count() == one


def test_staff_record_a_measurement_on_the_goal_page(client):
    client.force_login(StaffFactory())
    indicator = IndicatorFactory()
    url = reverse("participation:measurement_add", args=[indicator.pk])
    prefix = f"i{indicator.pk}-"
    response = client.post(url, {prefix + "measured_on": "2030-01-01", prefix + "value": "3"})
    assert response.status_code == 400
    assert "tavoitteen kauden" in response.content.decode()
    response = client.post(url, {prefix + "measured_on": "2026-05-01", prefix + "value": "3"})
    assert response.status_code == 302 and indicator.measurements.get().value == 3

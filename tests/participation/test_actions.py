"""Actions of the participation model and the staff pages that keep the model: a goal's
progress from the weighted progress of its actions (worked out by hand), and staff
creating and changing strategy items, goals, indicators and actions without the admin,
where bad input is shown at its field and saves nothing."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participation import goals
from participation.errors import ParticipationError
from participation.models import Action, Goal, Indicator, Measurement, StrategyItem
from tests.factories.organisations import StaffFactory
from tests.factories.participation import (
    ActionFactory,
    GoalFactory,
    IndicatorFactory,
    StrategyItemFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
ACTIONS = Goal.ProgressSource.ACTIONS


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def test_a_goal_progress_is_the_weighted_progress_of_its_actions():
    goal = GoalFactory(progress_source=ACTIONS)
    other = GoalFactory(progress_source=ACTIONS)
    assert goal.progress is None  # no actions yet
    ActionFactory(goals=[goal, other], weight=2, progress=60)
    ActionFactory(goals=[goal], weight=3, progress=40)
    ActionFactory(goals=[goal], weight=Decimal("1.5"), progress=0, status="planned")
    ActionFactory(goals=[goal], weight=5, progress=100, status="cancelled")  # left out
    # (2 × 60 + 3 × 40 + 1.5 × 0) / (2 + 3 + 1.5) = 240 / 6.5 = 36.92… %
    goal = Goal.objects.prefetch_related("actions", "indicators").get(pk=goal.pk)
    assert goal.progress == pytest.approx(240 / 6.5 / 100)
    assert goal.progress_percent == 37
    assert Goal.objects.get(pk=other.pk).progress_percent == 60  # the shared action alone

    # Measured indicators do not change a goal measured by its actions, and the other
    # way round.
    indicator = IndicatorFactory(goal=goal, baseline=10, target=20)
    Measurement.objects.create(indicator=indicator, measured_on=datetime.date(2026, 3, 1), value=18)
    goal = Goal.objects.prefetch_related("actions", "indicators__measurements").get(pk=goal.pk)
    assert goal.progress_percent == 37
    goal.progress_source = Goal.ProgressSource.INDICATORS
    assert goal.progress_percent == 80


def test_a_done_action_counts_as_complete():
    staff = StaffFactory()
    goal = GoalFactory(progress_source=ACTIONS)
    action = goals.action_save(
        actor=staff,
        goals=[goal],
        title_fi="Yhteinen kalenteri",
        responsible="Viestintä",
        starts_on=datetime.date(2026, 2, 1),
        ends_on=datetime.date(2026, 2, 1),
        status=Action.Status.DONE,
        progress=30,
        weight=1,
    )
    assert action.progress == 100
    assert Goal.objects.get(pk=goal.pk).progress_percent == 100


def post_goal(client, goal=None, **extra):
    data = {
        "title_fi": "Nuoret mukaan hallituksiin",
        "title_sv": "Unga med i styrelserna",
        "starts_on": "2026-01-01",
        "ends_on": "2028-12-31",
        "progress_source": "actions",
        "order": "1",
    }
    data.update(extra)
    url = reverse("participation:goal_edit", args=[goal.pk]) if goal else None
    return client.post(url or reverse("participation:goal_create"), data)


def test_staff_build_the_model_on_their_own_pages(staff_client):
    theme = ThemeFactory(name_fi="Nuoret")
    response = staff_client.post(
        reverse("participation:strategy_item_create"),
        {"title_fi": "Jaksava vapaaehtoistoiminta", "order": "1", "themes": [theme.pk]},
    )
    item = StrategyItem.objects.get()
    assert response.status_code == 302 and list(item.themes.all()) == [theme]

    response = post_goal(staff_client, themes=[theme.pk], strategy_items=[item.pk])
    goal = Goal.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("participation:goal", args=[goal.pk])
    assert goal.title_sv == "Unga med i styrelserna" and goal.from_actions
    assert list(goal.themes.all()) == [theme] and list(goal.strategy_items.all()) == [item]

    response = staff_client.post(
        reverse("participation:indicator_create", args=[goal.pk]),
        {
            "name_fi": "Alle 30-vuotiaita hallituksissa",
            "unit": "%",
            "baseline": "8",
            "target": "20",
            "direction": "increase",
            "frequency": "yearly",
            "order": "0",
        },
    )
    assert response.status_code == 302 and goal.indicators.get().target == 20

    action_data = {
        "title_fi": "Nuorten hallituskoulu",
        "goals": [goal.pk],
        "responsible": "Yhteisökeskus",
        "starts_on": "2026-03-01",
        "ends_on": "2026-11-30",
        "status": "in_progress",
        "progress": "40",
        "weight": "2",
        "order": "0",
    }
    response = staff_client.post(
        reverse("participation:action_create") + f"?tavoite={goal.pk}", action_data
    )
    action = Action.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("participation:goal", args=[goal.pk])
    response = staff_client.post(
        reverse("participation:action_edit", args=[action.pk]), {**action_data, "progress": "70"}
    )
    assert response.status_code == 302 and Action.objects.get().progress == 70

    page = staff_client.get(reverse("participation:goal", args=[goal.pk])).content.decode()
    assert "Nuorten hallituskoulu" in page and "70 %" in page
    assert "toimenpiteidensä painotettu eteneminen" in page  # the progress source, in Finnish
    staff_page = staff_client.get(reverse("participation:model_staff")).content.decode()
    assert reverse("participation:action_edit", args=[action.pk]) in staff_page
    assert reverse("participation:strategy_item_edit", args=[item.pk]) in staff_page


def test_bad_input_is_shown_at_its_field_and_saves_nothing(staff_client):
    response = post_goal(staff_client, starts_on="2027-01-01", ends_on="2026-01-01")
    assert response.status_code == 400
    assert "Tavoitteen kauden on päätyttävä sen alkamisen jälkeen." in response.content.decode()
    assert not Goal.objects.exists()

    indicator = IndicatorFactory(baseline=10, target=20)
    goal = indicator.goal
    Measurement.objects.create(indicator=indicator, measured_on=datetime.date(2026, 6, 1), value=12)
    response = post_goal(staff_client, goal, starts_on="2026-07-01", title_fi="Uusi nimi")
    assert response.status_code == 400
    assert "mittaus päivältä 1.6.2026" in response.content.decode()
    assert Goal.objects.get().title_fi == goal.title_fi

    url = reverse("participation:indicator_edit", args=[indicator.pk])
    data = {"name_fi": "Mittari", "baseline": "10", "target": "10", "frequency": "yearly"}
    response = staff_client.post(url, {**data, "direction": "increase", "order": "0"})
    assert response.status_code == 400
    assert "Tavoitearvon on erottava lähtötasosta" in response.content.decode()
    response = staff_client.post(url, {**data, "target": "5", "direction": "increase", "order": 0})
    assert response.status_code == 400
    assert "tavoitearvon on oltava lähtötasoa suurempi" in response.content.decode()
    assert Indicator.objects.get().target == 20

    action = {
        "title_fi": "Kampanja",
        "goals": [goal.pk],
        "responsible": "Yhteisökeskus",
        "starts_on": "2026-03-01",
        "ends_on": "2026-11-30",
        "status": "planned",
        "progress": "0",
        "weight": "1",
        "order": "0",
    }
    url = reverse("participation:action_create")
    for bad, message in (
        ({"weight": "0"}, "Painoarvon on oltava suurempi kuin nolla."),
        ({"weight": "-2"}, "Painoarvon on oltava suurempi kuin nolla."),
        ({"progress": "150"}, "Eteneminen on prosenttiluku 0–100."),
        ({"goals": []}, "Valitse ainakin yksi tavoite"),
        ({"responsible": ""}, "Kerro, kuka vastaa"),
        ({"ends_on": "2026-01-01"}, "Toimenpide ei voi päättyä ennen kuin se alkaa."),
    ):
        response = staff_client.post(url, {**action, **bad})
        assert response.status_code == 400, bad
        assert message in response.content.decode(), bad
    assert not Action.objects.exists()


def test_an_indicator_target_must_lie_the_chosen_way():
    staff = StaffFactory()
    goal = GoalFactory()
    with pytest.raises(ParticipationError) as error:
        goals.indicator_save(
            actor=staff, goal=goal, name_fi="x", baseline=5, target=1, direction="increase"
        )
    assert "target" in error.value.errors_by_field
    indicator = goals.indicator_save(
        actor=staff, goal=goal, name_fi="Uupumus", baseline=35, target=20, direction="decrease"
    )
    assert not indicator.increases


def test_the_staff_model_page_reads_a_fixed_number_of_queries(staff_client):
    def add():
        goal = IndicatorFactory().goal
        goal.strategy_items.add(StrategyItemFactory())
        goal.themes.add(ThemeFactory())
        ActionFactory(goals=[goal, GoalFactory()])

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(url).status_code == 200
        return len(queries)

    add()
    urls = [reverse("participation:model_staff"), reverse("participation:model")]
    one = [count(url) for url in urls]
    for _ in range(3):
        add()
    assert [count(url) for url in urls] == one

"""Status changes with their log, the evaluation rule, measurements and who may enter
them, and the rules the database keeps."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from pilots import services
from pilots.errors import PilotError
from pilots.models import Indicator, Pilot, PilotStatus, StatusChange
from tests.factories.organisations import (
    OrganisationFactory,
    RepresentativeFactory,
    StaffFactory,
    UserFactory,
)
from tests.factories.pilots import IndicatorFactory, PartnerFactory, PilotFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 9, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def staff():
    return StaffFactory()


def evaluate(pilot, staff):
    return services.evaluation_save(
        actor=staff,
        pilot=pilot,
        results="Kävijämäärä kasvoi.",
        impact="Yksinäisyys väheni.",
        lessons="Ilmoittautuminen kannattaa tehdä helpoksi.",
        recommendation="scale_up",
        evaluator="Satakunnan ammattikorkeakoulu",
        evaluated_on=TODAY,
    )


def test_the_life_cycle_is_logged_with_dates(staff):
    pilot = PilotFactory(status="idea")
    services.pilot_transition(
        actor=staff, pilot=pilot, to_status="planning", on=datetime.date(2026, 1, 5)
    )
    services.pilot_transition(actor=staff, pilot=pilot, to_status="running")
    pilot.refresh_from_db()
    assert pilot.status == "running"
    log = list(
        StatusChange.objects.filter(pilot=pilot).values_list(
            "from_status", "to_status", "changed_on"
        )
    )
    assert log == [
        ("idea", "planning", datetime.date(2026, 1, 5)),
        ("planning", "running", TODAY),
    ]


@pytest.mark.parametrize(
    ("current", "new"),
    [("idea", "running"), ("idea", "completed"), ("running", "idea"), ("completed", "running")],
)
def test_a_transition_outside_the_life_cycle_is_refused(staff, current, new):
    pilot = PilotFactory(status=current)
    with pytest.raises(PilotError) as caught:
        services.pilot_transition(actor=staff, pilot=pilot, to_status=new)
    assert caught.value.field == "to_status"
    pilot.refresh_from_db()
    assert pilot.status == current
    assert not StatusChange.objects.filter(pilot=pilot).exists()


def test_a_pilot_cannot_be_completed_without_an_evaluation(staff):
    pilot = PilotFactory(status="evaluating")
    with pytest.raises(PilotError, match="ilman arviointia"):
        services.pilot_transition(actor=staff, pilot=pilot, to_status="completed")
    pilot.refresh_from_db()
    assert pilot.status == "evaluating"

    evaluate(pilot, staff)
    services.pilot_transition(actor=staff, pilot=pilot, to_status="completed")
    pilot.refresh_from_db()
    assert pilot.status == "completed"
    assert services.allowed_transitions(pilot) == []


def test_the_date_of_a_change_is_neither_future_nor_before_the_previous(staff):
    pilot = PilotFactory(status="idea")
    with pytest.raises(PilotError, match="tulevaisuudessa"):
        services.pilot_transition(
            actor=staff, pilot=pilot, to_status="planning", on=TODAY + datetime.timedelta(days=1)
        )
    services.pilot_transition(
        actor=staff, pilot=pilot, to_status="planning", on=datetime.date(2026, 3, 1)
    )
    with pytest.raises(PilotError, match="ennen edellistä"):
        services.pilot_transition(
            actor=staff, pilot=pilot, to_status="running", on=datetime.date(2026, 2, 1)
        )


def test_only_staff_change_the_status():
    pilot = PilotFactory(status="idea")
    representative = RepresentativeFactory(organisation=pilot.lead_organisation).user
    with pytest.raises(PermissionDenied):
        services.pilot_transition(actor=representative, pilot=pilot, to_status="planning")


def test_allowed_transitions_follow_the_life_cycle():
    assert services.allowed_transitions(PilotFactory.build(status="running")) == [
        "evaluating",
        "stopped",
    ]
    assert services.allowed_transitions(PilotFactory.build(status="evaluating")) == [
        "running",
        "completed",
        "stopped",
    ]


# --- Measurements ----------------------------------------------------------------------


def test_staff_lead_and_partner_representatives_enter_measurements(staff):
    indicator = IndicatorFactory()
    partner = PartnerFactory(pilot=indicator.pilot)
    lead_rep = RepresentativeFactory(organisation=indicator.pilot.lead_organisation).user
    partner_rep = RepresentativeFactory(organisation=partner.organisation, role="member").user
    for day, actor in ((1, staff), (2, lead_rep), (3, partner_rep)):
        measurement = services.measurement_create(
            actor=actor,
            indicator=indicator,
            measured_on=datetime.date(2026, 5, day),
            value=Decimal("12.5"),
            note="Kevät",
        )
        assert measurement.entered_by == actor
    assert indicator.measurements.count() == 3


def test_others_may_not_enter_measurements():
    indicator = IndicatorFactory()
    outsider = RepresentativeFactory(organisation=OrganisationFactory()).user
    requested = RepresentativeFactory(
        organisation=indicator.pilot.lead_organisation, status="requested"
    ).user
    for actor in (outsider, requested, UserFactory()):
        with pytest.raises(PermissionDenied):
            services.measurement_create(
                actor=actor, indicator=indicator, measured_on=TODAY, value=Decimal(1)
            )
    assert not indicator.measurements.exists()


def test_measurement_rules(staff):
    indicator = IndicatorFactory()
    services.measurement_create(actor=staff, indicator=indicator, measured_on=TODAY, value=1)
    with pytest.raises(PilotError, match="jo mittaus") as caught:
        services.measurement_create(actor=staff, indicator=indicator, measured_on=TODAY, value=2)
    assert caught.value.field == "measured_on"
    with pytest.raises(PilotError, match="tulevaisuudessa"):
        services.measurement_create(
            actor=staff,
            indicator=indicator,
            measured_on=TODAY + datetime.timedelta(days=1),
            value=2,
        )
    with pytest.raises(PilotError, match="ennen pilotin alkua"):
        services.measurement_create(
            actor=staff, indicator=indicator, measured_on=datetime.date(2025, 12, 31), value=2
        )
    indicator.pilot.status = PilotStatus.PLANNING
    indicator.pilot.save()
    with pytest.raises(PilotError, match="käynnissä"):
        services.measurement_create(
            actor=staff, indicator=indicator, measured_on=datetime.date(2026, 6, 1), value=2
        )


# --- Database rules --------------------------------------------------------------------


def test_a_pilot_cannot_end_before_it_starts():
    pilot = PilotFactory()
    pilot.end_date = pilot.start_date - datetime.timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        pilot.save()


def test_the_target_lies_in_the_direction_of_the_indicator():
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorFactory(baseline=10, target=5, direction=Indicator.Direction.INCREASE)
    IndicatorFactory(baseline=10, target=5, direction=Indicator.Direction.DECREASE)
    IndicatorFactory(baseline=10, target=10, direction=Indicator.Direction.INCREASE)


def test_evaluation_requires_results_and_evaluator(staff):
    pilot = PilotFactory(status="evaluating")
    with pytest.raises(PilotError) as caught:
        services.evaluation_save(
            actor=staff,
            pilot=pilot,
            results=" ",
            impact="",
            lessons="",
            recommendation="continue",
            evaluator="Arvioija",
            evaluated_on=TODAY,
        )
    assert caught.value.field == "results"
    evaluate(pilot, staff)
    evaluation = evaluate(pilot, staff)  # saving again updates the one evaluation
    assert Pilot.objects.get(pk=pilot.pk).evaluation == evaluation

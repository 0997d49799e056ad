"""The pilots in the Django admin: the list and a pilot's page with its inlines open for
staff; the status is read-only there (it changes on the staff page, with its log)."""

import pytest
from django.urls import reverse

from tests.factories.organisations import StaffFactory
from tests.factories.pilots import GoalFactory, IndicatorFactory, MeasurementFactory, PilotFactory

pytestmark = pytest.mark.django_db


def test_staff_open_the_pilot_admin(client):
    pilot = PilotFactory(name_fi="Liikuntalähettiläät")
    GoalFactory(pilot=pilot)
    MeasurementFactory(indicator=IndicatorFactory(pilot=pilot))
    client.force_login(StaffFactory())
    for name, args in [
        ("admin:pilots_pilot_changelist", []),
        ("admin:pilots_pilot_change", [pilot.pk]),
        ("admin:pilots_pilot_add", []),
        ("admin:pilots_measurement_changelist", []),
        ("admin:pilots_pilotreminder_changelist", []),
        ("admin:pilots_pilotreport_changelist", []),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
    change = client.get(reverse("admin:pilots_pilot_change", args=[pilot.pk])).content.decode()
    assert 'name="status"' not in change
    assert reverse("pilots:staff_detail", args=[pilot.pk]) in change

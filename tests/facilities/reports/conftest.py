"""Fixtures of the room booking report tests."""

import pytest

from tests.facilities.reports.helpers import WEEKDAYS_8_TO_20
from tests.factories.facilities import SiteFactory
from tests.factories.organisations import OrganisationFactory


@pytest.fixture
def weekday_site():
    return SiteFactory(name_fi="Järjestötalo Pori", opening_hours=WEEKDAYS_8_TO_20)


@pytest.fixture
def choir():
    return OrganisationFactory(name_fi="Porin Kuoroyhdistys ry", business_id="1234567-1")

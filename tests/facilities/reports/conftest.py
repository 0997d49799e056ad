"""Fixtures of the room booking report tests."""

import pytest

from tests.facilities.reports.helpers import WEEKDAYS_8_TO_20
from tests.factories.facilities import SiteFactory
from tests.factories.organisations import OrganisationFactory
from yhteisokeskus.celery import app as celery_app


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Every booking's factory makes a user; a slow hasher would dominate these tests.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def eager_celery():
    """Tasks run in the calling process (the real-worker test is test_report_worker.py)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def weekday_site():
    return SiteFactory(name_fi="Järjestötalo Pori", opening_hours=WEEKDAYS_8_TO_20)


@pytest.fixture
def choir():
    return OrganisationFactory(name_fi="Porin Kuoroyhdistys ry", business_id="1234567-1")

"""The person's volunteering data in the privacy export and erasure, and anonymisation
after inactivity: experience areas (health data) first of all."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from core import clock
from core.models import AuditEntry
from tests.factories.volunteering import (
    ExperienceAreaFactory,
    ProfileFactory,
    RequestFactory,
    assign,
    past_request,
)
from volunteering import services
from volunteering.models import ExperienceRecord, HourEntry, Profile
from yhteisokeskus.privacy import PrivacyError, person_erase, personal_data
from yhteisokeskus.privacy.retention import apply_retention

pytestmark = pytest.mark.django_db


def _expert(**kwargs):
    profile = ProfileFactory(name="Kerttu Kokemus", phone="040 765 4321", **kwargs)
    area = ExperienceAreaFactory(name_fi="Päihdetyö")
    services.experience_save(
        actor=profile.user, profile=profile, areas=[area], consent=True, consent_version="2026-1"
    )
    return profile


def test_the_export_holds_the_profile_experience_areas_and_hours():
    profile = _expert()
    request = past_request(hours=2)
    assignment = assign(request, profile)
    services.hours_report(
        actor=profile.user,
        assignment=assignment,
        date=request.dates.get().start.date(),
        hours=Decimal("1.5"),
        note="Muistiinpano",
    )
    data = personal_data(profile.user)["volunteering"]
    assert data["name"] == "Kerttu Kokemus"
    assert data["experience_areas"]["areas"] == ["Päihdetyö"]
    assert data["experience_areas"]["consent_version"] == "2026-1"
    assert data["tasks"][0]["hours"][0]["note"] == "Muistiinpano"


def test_erasure_waits_for_a_task_still_to_come_then_removes_the_health_data():
    profile = _expert()
    coming = assign(RequestFactory(), profile)
    with pytest.raises(PrivacyError) as error:
        person_erase(user=profile.user)
    assert "1" in error.value.message
    services.assignment_cancel(actor=profile.user, assignment=coming, reason="Muutto")
    past = assign(past_request(), profile)
    HourEntry.objects.create(
        assignment=past,
        date=past.request.dates.get().start.date(),
        hours=Decimal("1"),
        reported_at=clock.now(),
    )
    person_erase(user=profile.user)
    profile.refresh_from_db()
    assert not ExperienceRecord.objects.exists()
    assert profile.name == "[poistettu]" and profile.phone == ""
    assert profile.anonymised_at is not None
    assert HourEntry.objects.count() == 1  # the hours stay for the figures
    assert not AuditEntry.objects.filter(object_repr__icontains="Kerttu").exists()


def test_inactive_profiles_are_anonymised_after_the_retention_period(settings):
    settings.RETENTION_VOLUNTEER_DAYS = 30
    active = _expert()
    inactive = ProfileFactory(name="Ilmari Inaktiivinen")
    services.experience_save(
        actor=inactive.user,
        profile=inactive,
        areas=[ExperienceAreaFactory()],
        consent=True,
        consent_version="1",
    )
    Profile.objects.filter(pk=inactive.pk).update(
        last_active_at=clock.now() - datetime.timedelta(days=31)
    )
    with time_machine.travel(clock.now(), tick=False):
        assert apply_retention()["volunteer_profiles"] == 1
        assert apply_retention()["volunteer_profiles"] == 0  # idempotent
    inactive.refresh_from_db()
    assert inactive.name == "[poistettu]"
    assert not ExperienceRecord.objects.filter(profile=inactive).exists()
    assert ExperienceRecord.objects.filter(profile=active).exists()

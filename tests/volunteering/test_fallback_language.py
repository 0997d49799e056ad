"""Vocabulary names and fee tiers kept only in Finnish are marked lang="fi" on Swedish
and English pages (WCAG 3.1.2), and not where the page's own language has the name."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories.organisations import StaffFactory
from tests.factories.volunteering import (
    ExperienceAreaFactory,
    ProfileFactory,
    RequestFactory,
    SkillFactory,
    fee_tiers,
)
from volunteering import services

pytestmark = pytest.mark.django_db


def _get(client, name, language, *args):
    with translation.override(language):
        url = reverse(name, args=args)
    return client.get(url).content.decode()


def test_the_staff_pages_mark_finnish_only_names(client):
    client.force_login(StaffFactory())
    skill = SkillFactory(name_fi="Kahvinkeitto", name_sv="Kaffekokning")
    area = ExperienceAreaFactory(name_fi="Omaishoito", name_en="", name_sv="")
    person = ProfileFactory()
    person.skills.add(skill)
    services.experience_save(
        actor=person.user, profile=person, areas=[area], consent=True, consent_version="1"
    )
    request = RequestFactory()
    request.skills.add(skill)
    request.experience_areas.add(area)
    fee_tiers()

    for page in (
        _get(client, "volunteering:staff_profile", "sv", person.pk),
        _get(client, "volunteering:staff_request", "sv", request.pk),
    ):
        assert '<span lang="fi">Omaishoito</span>' in page
        assert "Kaffekokning" in page and '<span lang="fi">Kaffekokning' not in page
    assert '<span lang="fi">Koulutettu</span>' in _get(client, "volunteering:fees", "en")
    page = _get(client, "volunteering:staff_profile", "fi", person.pk)
    assert "Omaishoito" in page and 'lang="fi">Omaishoito' not in page

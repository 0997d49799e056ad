"""Theme coding: counts per theme in all, by municipality and by workshop (hidden
comments left out), the coding page's query count, and a theme of another consultation
refused."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participation import selectors, services
from participation.errors import ParticipationError
from tests.factories.organisations import MunicipalityFactory, StaffFactory
from tests.factories.participation import (
    CommentFactory,
    SectionFactory,
    ThemeFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db


def test_theme_counts_by_municipality_and_workshop():
    staff = StaffFactory()
    section = SectionFactory()
    consultation = section.consultation
    pori = MunicipalityFactory()
    rauma = MunicipalityFactory(code="684", name_fi="Rauma")
    premises = ThemeFactory(consultation=consultation, name_fi="Tilat")
    youth = ThemeFactory(consultation=consultation, name_fi="Nuoret")
    workshop = WorkshopFactory(
        consultation=consultation, place="Rauman kirjasto", municipality=rauma
    )
    for comment in CommentFactory.create_batch(
        3, section=section, workshop=workshop, municipality=rauma
    ):
        services.comment_code(actor=staff, comment=comment, themes=[premises, youth])
    services.comment_code(
        actor=staff, comment=CommentFactory(section=section, municipality=pori), themes=[premises]
    )
    hidden = CommentFactory(section=section, municipality=pori)
    services.comment_code(actor=staff, comment=hidden, themes=[youth])
    services.comment_hide(actor=staff, comment=hidden, reason="Roskaa")

    themes = {t.name_fi: t for t in selectors.theme_counts(consultation)["themes"]}
    assert themes["Tilat"].count == 4
    assert themes["Tilat"].by_municipality == [("Rauma", 3), ("Pori", 1)]
    assert themes["Tilat"].by_workshop == [("Rauman kirjasto", 3)]
    assert themes["Nuoret"].count == 3
    assert themes["Nuoret"].by_municipality == [("Rauma", 3)]

    with pytest.raises(ParticipationError):
        services.comment_code(actor=staff, comment=hidden, themes=[ThemeFactory()])


def test_the_coding_page_query_count_is_constant(client):
    client.force_login(StaffFactory())
    section = SectionFactory()
    ThemeFactory(consultation=section.consultation)
    url = reverse("participation:themes", args=[section.consultation.pk])

    def grow(n):
        for _ in range(n):
            theme = ThemeFactory(consultation=section.consultation)
            comment = CommentFactory(
                section=section, workshop=WorkshopFactory(consultation=section.consultation)
            )
            comment.themes.add(theme)

    grow(1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    grow(4)
    with CaptureQueriesContext(connection) as more:
        assert client.get(url).status_code == 200
    assert len(more) == len(few)


def test_staff_code_a_comment_on_the_page(client):
    client.force_login(StaffFactory())
    comment = CommentFactory()
    theme = ThemeFactory(consultation=comment.section.consultation, name_fi="Tilat")
    response = client.post(reverse("participation:code", args=[comment.pk]), {"themes": [theme.pk]})
    assert response.status_code == 302
    assert list(comment.themes.all()) == [theme]

"""The participation section of the annual report: the year's consultations, comments
(workshop comments by the workshop's date), hidden ones apart, workshops and their
participants, and the municipalities the comments came from."""

import datetime

import pytest
import time_machine

from participation import services
from tests.factories.organisations import MunicipalityFactory, StaffFactory
from tests.factories.participation import CommentFactory, SectionFactory, WorkshopFactory
from yhteisokeskus.reporting.annual import Year, participation

pytestmark = pytest.mark.django_db
HKI = datetime.timezone(datetime.timedelta(hours=2))


def test_participation_figures_of_a_year():
    pori = MunicipalityFactory()
    rauma = MunicipalityFactory(code="684", name_fi="Rauma")
    section = SectionFactory(
        consultation__opens_at=datetime.datetime(2025, 11, 1, tzinfo=HKI),
        consultation__closes_at=datetime.datetime(2026, 2, 1, tzinfo=HKI),
    )
    SectionFactory(  # closed before the year began
        consultation__opens_at=datetime.datetime(2024, 11, 1, tzinfo=HKI),
        consultation__closes_at=datetime.datetime(2025, 12, 31, 23, 0, tzinfo=HKI),
    )
    in_year = WorkshopFactory(
        consultation=section.consultation,
        municipality=rauma,
        held_on=datetime.date(2026, 1, 15),
        participants=20,
    )
    WorkshopFactory(
        consultation=section.consultation, held_on=datetime.date(2025, 12, 1), participants=99
    )
    CommentFactory.create_batch(3, section=section, workshop=in_year, municipality=rauma)
    at = datetime.datetime(2026, 1, 10, 12, tzinfo=datetime.UTC)
    with time_machine.travel(at, tick=False):
        online = CommentFactory(section=section, municipality=pori)
        hidden = CommentFactory(section=section, municipality=pori)
    services.comment_hide(actor=StaffFactory(), comment=hidden, reason="Roskaa")
    CommentFactory(
        section=section, created_at=datetime.datetime(2025, 12, 31, 21, tzinfo=datetime.UTC)
    )
    assert online.created_at.year == 2026

    figures = participation(Year.of(2026))
    assert figures.consultations == 1
    assert (figures.comments, figures.hidden) == (4, 1)
    assert (figures.workshops, figures.workshop_participants) == (1, 20)
    assert figures.municipalities == 2

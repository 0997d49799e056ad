"""What people read on the way (issue 16's defects): the free price in each language,
public holiday names in the page's language, and content that fell back to Finnish
marked lang="fi" for screen readers."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from tests.factories.events import EventFactory
from tests.factories.facilities import RoomFactory
from tests.factories.pilots import PilotFactory
from tests.factories.trainings import TrainingFactory

pytestmark = pytest.mark.django_db

PREFIX = {"fi": "", "sv": "/sv", "en": "/en"}


def page(client, language, name, *args, **query) -> str:
    with translation.override("fi"):
        path = reverse(name, args=args)
    response = client.get(PREFIX[language] + path, query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "free", "wrong"),
    [("fi", "Maksuton", "Vapaa"), ("sv", "Gratis", "Ledig"), ("en", "Free", "Vacant")],
)
def test_a_free_event_says_free_of_charge(client, language, free, wrong):
    event = EventFactory(is_free=True)
    detail = page(client, language, "events:detail", event.pk)
    assert f"<dd>{free}</dd>" in detail and wrong not in detail
    assert f"· {free}" in page(client, language, "events:list")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fi", "jäsenille maksuton, muille 20,00 €"),
        ("sv", "gratis för medlemmar, 20,00 € för andra"),
        ("en", "free for members, 20.00 € for others"),
    ],
)
def test_a_training_free_for_members_says_so(client, language, text):
    training = TrainingFactory(price_member=0, price_other=20)
    body = page(client, language, "trainings:detail", training.pk)
    assert text in body
    assert not re.search(r"(?<![\d,.])0[,.]00\s€", body)


@time_machine.travel(datetime.datetime(2026, 12, 1, 8, tzinfo=datetime.UTC), tick=False)
@pytest.mark.parametrize(
    ("language", "holiday"),
    [("fi", "Itsenäisyyspäivä"), ("sv", "Självständighetsdagen"), ("en", "Independence Day")],
)
def test_the_week_view_names_holidays_in_the_pages_language(client, language, holiday):
    room = RoomFactory()
    # Sunday 6 December 2026 is Independence Day; the site closes on holidays.
    body = page(client, language, "facilities:room_detail", room.pk, viikko="2026-11-30")
    assert holiday in body
    if language != "fi":
        assert "Itsenäisyyspäivä" not in body


def test_content_that_fell_back_to_finnish_is_marked(client):
    event = EventFactory(name_fi="Joulumyyjäiset", name_sv="", short_description_fi="Myyjäiset.")
    swedish = page(client, "sv", "events:detail", event.pk)
    assert '<span lang="fi">Joulumyyjäiset</span>' in swedish
    assert '<span lang="fi">Myyjäiset.</span>' in swedish
    assert '<div lang="fi"><p>Pitkä kuvaus tapahtumasta.</p></div>' in swedish
    assert '<span lang="fi">Joulumyyjäiset</span>' in page(client, "en", "events:list")
    # On the Finnish page, nothing is marked; a Swedish name is not marked either.
    assert '<span lang="fi">' not in page(client, "fi", "events:detail", event.pk)
    translated = EventFactory(name_fi="Konsertti", name_sv="Konsert")
    body = page(client, "sv", "events:detail", translated.pk)
    assert "<h1>Konsert</h1>" in body


def test_trainings_pilots_and_rooms_mark_their_fallbacks_too(client):
    training = TrainingFactory(title_sv="", title_en="")
    assert f'<span lang="fi">{training.title_fi}</span>' in page(
        client, "sv", "trainings:detail", training.pk
    )
    pilot = PilotFactory(name_fi="Lähiliikuntakokeilu")
    assert '<h1 lang="fi">Lähiliikuntakokeilu</h1>' in page(client, "en", "pilots:detail", pilot.pk)
    room = RoomFactory(name_fi="Sali Karhu", name_en="")
    assert '<span lang="fi">Sali Karhu</span>' in page(
        client, "en", "facilities:room_detail", room.pk
    )

"""The front page in the browser: axe-clean at desktop and phone width (390 px) in
Finnish and Swedish, for a visitor and for a signed-in representative, with no
horizontal scrolling; screenshots under test-artifacts/e2e/."""

import pytest

from facilities.models import Room
from tests.factories.events import EventFactory
from tests.factories.facilities import BookingFactory, RoomFactory, representative_of
from tests.factories.trainings import EnrolmentFactory, SessionFactory, TrainingFactory

from .browser import log_in, path, visit
from .conftest import DESKTOP

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def front_page_data():
    for n in range(4):
        EventFactory(
            name_fi=f"Yhdistysten ilta {n}",
            name_sv=f"Föreningskväll {n}" if n % 2 else "",
            short_description_fi="Tervetuloa tutustumaan alueen yhdistyksiin.",
        )
    training = TrainingFactory(title_fi="Somen perusteet yhdistyksille")
    SessionFactory(training=training)
    RoomFactory(kind=Room.Kind.MEETING_PLACE, name_fi="Olohuone", name_sv="Vardagsrummet")
    user, organisation = representative_of()
    BookingFactory(organisation=organisation, created_by=user)
    EnrolmentFactory(user=user, training=training)
    return user


def no_sideways_scrolling(page):
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_front_page_in_the_browser(new_page, url, viewport, language):
    user = front_page_data()
    page = new_page(viewport=viewport)
    visit(page, url(path("home", language)), label=f"home-{language}-{viewport['width']}")
    assert page.locator("h1").count() == 1
    assert page.locator(".event-card").count() == 4
    no_sideways_scrolling(page)

    log_in(page, url, user.email)
    visit(page, url(path("home", language)), label=f"home-signed-in-{language}-{viewport['width']}")
    assert page.locator("#home-mine-heading").count() == 1
    no_sideways_scrolling(page)

"""The calendar and a representative's own pages at a phone's width (390×844) and a
desktop's (1280×900), in Finnish and Swedish: each page is axe-checked and saved as a
screenshot (test-artifacts/e2e/), and on the phone nothing is wider than the screen,
the results come before the filters, the month is an agenda and the buttons of tables
with actions are on screen."""

import pytest

from tests.factories.events import EventFactory, KeywordFactory
from tests.factories.facilities import BookingFactory, RoomFactory, at, next_weekday
from tests.factories.organisations import RepresentativeFactory
from tests.factories.trainings import EnrolmentFactory, SessionFactory

from .browser import log_in, path, visit

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def no_sideways_scrolling(page):
    widths = page.evaluate(
        "({scroll: document.documentElement.scrollWidth, view: window.innerWidth})"
    )
    assert widths["scroll"] <= widths["view"], f"{page.url}: {widths}"


def on_screen(page, locator):
    """The element is shown and lies within the screen's width."""
    assert locator.is_visible(), f"{page.url}: {locator} is not visible"
    box = locator.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"], box


@pytest.fixture
def calendar_world():
    rep = RepresentativeFactory(
        user__email="edustaja@example.fi",
        user__first_name="Riitta",
        user__last_name="Edustaja",
        organisation__name_fi="Porin Kamarikuoro ry",
    )
    choir = KeywordFactory(code="kuoro", name_fi="Kuorolaulu", name_sv="Körsång")
    day = next_weekday(2)
    event = EventFactory(
        name_fi="Joulukonsertti kaikille perheille",
        name_sv="Julkonsert för alla familjer",
        short_description_fi="Kuorot laulavat joululauluja ja yleisö saa laulaa mukana.",
        keywords=[choir],
        audiences=["families"],
        organisation=rep.organisation,
        is_free=False,
        price="10 €",
        start=at(day, 18),
        end=at(day, 20),
    )
    EventFactory(
        name_fi="Taidenäyttely Pohjoisen valo",
        all_day=True,
        start=at(day, 0),
        end=at(next_weekday(4), 0),
    )
    EventFactory(name_fi="Eläkeläisten kuntojumppa", start=at(day, 10), end=at(day, 11))
    room = RoomFactory(name_fi="Kokoushuone Kuusi", name_sv="Mötesrum Sex")
    BookingFactory(
        room=room,
        organisation=rep.organisation,
        start=at(next_weekday(1, weeks=2), 10),
        end=at(next_weekday(1, weeks=2), 12),
        purpose="Kamarikuoron hallituksen kokous",
    )
    BookingFactory(
        room=room,
        organisation=rep.organisation,
        start=at(next_weekday(3, weeks=2), 17),
        end=at(next_weekday(3, weeks=2), 19),
        purpose="Kevään konserttien suunnittelu",
    )
    session = SessionFactory(
        training__title_fi="Yhdistyksen talous ja kirjanpito",
        training__title_sv="Föreningens ekonomi och bokföring",
    )
    EnrolmentFactory(
        training=session.training, user=rep.user, name="Riitta Edustaja", email=rep.user.email
    )
    return {"rep": rep, "event": event, "day": day}


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_calendar_and_own_pages(new_page, url, calendar_world, language, viewport):
    width = viewport["width"]
    phone = viewport is PHONE
    page = new_page(viewport=viewport)
    tag = f"{width}px-{language}"

    # The calendar list with two filters on: results first, the filters as chips.
    visit(
        page,
        url(path("events:list", language)) + "?keyword=kuoro&audience=families",
        label=f"list-{tag}",
    )
    assert not page.locator(".filter-panel-body").is_visible()
    assert page.locator(".chip-list .chip").count() == 2
    results = page.locator("#results-heading").bounding_box()
    assert results["y"] < page.viewport_size["height"], "the results start on the first screen"
    page.locator(".filter-panel summary").click()
    assert page.locator(".filter-panel-body select[name=audience]").is_visible()
    if phone:
        no_sideways_scrolling(page)

    # The month: an agenda on the phone, the grid on the desktop.
    month = calendar_world["day"].strftime("%Y-%m")
    visit(page, url(path("events:calendar", language)) + f"?month={month}", label=f"month-{tag}")
    assert page.locator(".month-agenda").is_visible() == phone
    assert page.locator(".month-table").is_visible() == (not phone)
    if phone:
        no_sideways_scrolling(page)

    # An event's page.
    event = calendar_world["event"]
    visit(page, url(path("events:detail", language, pk=event.pk)), label=f"event-{tag}")
    if phone:
        no_sideways_scrolling(page)

    # A representative's pages: the event form, my bookings and my enrolments.
    log_in(page, url, "edustaja@example.fi")
    visit(page, url(path("events:create", language)), label=f"event-form-{tag}")
    if phone:
        no_sideways_scrolling(page)

    visit(page, url(path("facilities:my_bookings", language)), label=f"my-bookings-{tag}")
    cancel = page.locator("main table button").first
    on_screen(page, cancel)
    on_screen(page, page.locator("main table a[href$='.ics']").first)
    if phone:
        no_sideways_scrolling(page)
        assert page.locator("main table thead").bounding_box()["height"] <= 1  # cards

    visit(page, url(path("trainings:my_enrolments", language)), label=f"my-enrolments-{tag}")
    on_screen(page, page.locator("main table button").first)
    if phone:
        no_sideways_scrolling(page)

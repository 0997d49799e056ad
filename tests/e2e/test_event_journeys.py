"""The event calendar in the browser: the public filters the calendar and opens an
event, in every language and on a phone; the month view; a representative submits an
event and staff publish it. Every page is axe-checked."""

import datetime

import pytest

from events.models import Event
from tests.factories.events import EventFactory, KeywordFactory, PlaceFactory
from tests.factories.facilities import at, next_weekday
from tests.factories.organisations import RepresentativeFactory, StaffFactory

from .browser import check_page, log_in, path, visit
from .conftest import MOBILE

pytestmark = pytest.mark.browser
DAY = datetime.timedelta(days=1)


def calendar():
    choir = KeywordFactory(code="kuoro", name_fi="Kuorolaulu", name_sv="Körsång", name_en="Choir")
    day = next_weekday(2)
    EventFactory(
        name_fi="Joulukonsertti",
        name_sv="Julkonsert",
        name_en="Christmas concert",
        short_description_fi="Kuorot laulavat joululauluja.",
        keywords=[choir],
        audiences=["families"],
        start=at(day, 18),
        end=at(day, 20),
        is_free=False,
        price="10 €",
        induction_loop=True,
        place=PlaceFactory(name_fi="Porin kirkko"),
    )
    EventFactory(
        name_fi="Eläkeläisten kuntojumppa",
        audiences=["older_people"],
        start=at(day, 10),
        end=at(day, 11),
    )
    EventFactory(name_fi="Verkkoluento", place=None, online_url="https://meet.example.fi/luento")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_public_filters_the_calendar_and_opens_an_event(page, url, language):
    calendar()
    visit(page, url(path("events:list", language)), label=f"list-{language}")
    assert page.locator(".event-list li").count() == 3
    # The results come first; the filters open from one button.
    assert not page.locator("select[name=audience]").is_visible()
    page.locator(".filter-panel summary").click()
    page.select_option("select[name=audience]", "families")
    page.check("input[name=accessibility][value=induction_loop]")
    page.locator(".filter-panel button[type=submit]").click()
    check_page(page, label=f"filtered-{language}")
    assert page.locator(".event-list li").count() == 1
    assert page.locator(".chip-list .chip").count() == 2
    expected = {"fi": "Joulukonsertti", "sv": "Julkonsert", "en": "Christmas concert"}[language]
    page.locator(".event-list a", has_text=expected).click()
    check_page(page, label=f"detail-{language}")
    assert page.locator("h1").inner_text() == expected
    assert page.locator("script[type='application/ld+json']").count() == 1
    assert page.locator("a[href$='kalenteriin.ics']").count() == 1


def test_text_search_and_the_month_view_on_a_phone(new_page, url):
    calendar()
    first = next_weekday(0)
    EventFactory(
        name_fi="Taidenäyttely", all_day=True, start=at(first, 0), end=at(first + 3 * DAY, 0)
    )
    page = new_page(viewport=MOBILE)
    visit(page, url(path("events:list")) + "?text=konsertteja")
    assert [t.strip() for t in page.locator(".event-list h3").all_inner_texts()] == [
        "Joulukonsertti"
    ]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.locator(".tabs a", has_text="Kuukausi").click()
    check_page(page, label="month")
    # On a phone the month is an agenda of days, not the grid.
    assert page.locator(".month-agenda").is_visible()
    assert not page.locator(".month-table").is_visible()
    page.locator(".week-nav a[rel=next]").click()
    check_page(page, label="next-month")
    # An exhibition of three days, on each of them, marked on the last two.
    visit(page, url(path("events:calendar")) + f"?month={first:%Y-%m}", label="multi-day")
    agenda = page.locator(".month-agenda")
    assert agenda.locator(".day-events li", has_text="Taidenäyttely").count() == 3
    assert agenda.locator(".day-events li.continues", has_text="(jatkuu)").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_representative_submits_an_event_and_staff_publish_it(new_page, url):
    rep = RepresentativeFactory(
        user__email="edustaja@example.fi", organisation__name_fi="Porin Kuoro ry"
    )
    staff = StaffFactory(email="henkilokunta@example.fi")
    place = PlaceFactory(name_fi="Porin pääkirjasto")
    page = new_page()
    log_in(page, url, rep.user.email)
    visit(page, url(path("events:create")), label="new-event")
    # The form goes in steps: what, when, where, for whom and price, preview.
    page.fill("input[name=name_fi]", "Kevätkonsertti")
    page.fill("input[name=short_description_fi]", "Kuoron kevätkonsertti kirjastossa.")
    page.locator(".step-actions button[value=next]").click()
    check_page(page, label="step-when")
    page.fill("input[name=start_date]", next_weekday(3, weeks=3).isoformat())
    page.fill("input[name=start_time]", "18:00")
    page.fill("input[name=end_time]", "19:30")
    page.locator(".step-actions button[value=next]").click()
    check_page(page, label="step-where")
    # Only the chosen kind of place's fields are shown, at once when the choice changes.
    assert page.locator("select[name=place]").is_visible()
    page.check("input[name=location_kind][value=online]")
    assert not page.locator("select[name=place]").is_visible()
    assert page.locator("input[name=online_url]").is_visible()
    page.check("input[name=location_kind][value=place]")
    page.select_option("select[name=place]", str(place.pk))
    page.locator(".step-actions button[value=next]").click()
    page.check("input[name=audiences][value=everyone]")
    page.locator(".step-actions button[value=next]").click()
    check_page(page, label="step-preview")
    preview = page.locator(".event-preview")
    assert "Kevätkonsertti" in preview.inner_text() and "Porin pääkirjasto" in preview.inner_text()
    # Back to the first step and forward again: nothing is lost.
    page.locator(".form-steps button[value=what]").click()
    assert page.input_value("input[name=name_fi]") == "Kevätkonsertti"
    page.locator(".form-steps button[value=preview]").click()
    page.locator("button[name=action][value=submit]").click()
    check_page(page, label="submitted")
    assert "Kevätkonsertti" in page.inner_text("main table")
    event = Event.objects.get()
    assert event.publication == Event.Publication.SUBMITTED
    assert event.place == place and event.audiences == ["everyone"]

    staff_page = new_page()
    log_in(staff_page, url, staff.email)
    visit(staff_page, url(path("events:moderation_queue")), label="queue")
    card = staff_page.locator(f"#event-{event.pk}")
    assert "Porin Kuoro ry" in card.inner_text()
    card.locator("a[href$='/esikatselu/']").click()
    check_page(staff_page, label="staff-preview")
    assert staff_page.locator("h1").inner_text() == "Kevätkonsertti"
    staff_page.go_back()
    card.locator("form[action$='/julkaise/'] button").click()
    check_page(staff_page, label="published")
    event.refresh_from_db()
    assert event.is_public

    visit(page, url(path("events:detail", pk=event.pk)), label="public-detail")
    assert page.locator("h1").inner_text() == "Kevätkonsertti"

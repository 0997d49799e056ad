"""Public pages in the browser: axe-clean in every language, a working language switcher,
skip link and visible focus, and no horizontal scrolling on a 375 px wide phone."""

import pytest
from django.urls import reverse
from django.utils import translation

from .browser import check_page, screenshot, visit
from .conftest import MOBILE

pytestmark = pytest.mark.browser

LANGUAGES = ["fi", "sv", "en"]
PAGES = ["home", "accessibility", "privacy"]


def path(name: str, language: str = "fi") -> str:
    with translation.override(language):
        return reverse(name)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_public_page_is_accessible_in_each_language(page, url, name, language):
    visit(page, url(path(name, language)))

    assert page.get_attribute("html", "lang") == language
    assert page.locator("h1").count() == 1
    for landmark in ("header", "nav", "main", "footer"):
        assert page.locator(landmark).count() >= 1, f"no <{landmark}> landmark"
    assert page.title().endswith(page.locator(".brand").inner_text().strip())


@pytest.mark.parametrize("name", ["accessibility", "privacy"])
def test_legal_texts_are_written_in_the_page_language(page, url, name):
    headings = set()
    for language in LANGUAGES:
        visit(page, url(path(name, language)))
        headings.add(page.locator("h1").inner_text())
    assert len(headings) == 3, headings


def test_language_switcher_keeps_the_page(page, url):
    visit(page, url(path("accessibility")))
    page.locator(".language-switcher a[hreflang=sv]").click()
    page.wait_for_url(url("/sv" + path("accessibility")))
    check_page(page, label="switched to sv")
    assert page.get_attribute("html", "lang") == "sv"
    assert page.locator(".language-switcher a[aria-current=true]").get_attribute("hreflang") == "sv"

    page.locator(".language-switcher a[hreflang=en]").click()
    page.wait_for_url(url("/en" + path("accessibility")))
    check_page(page, label="switched to en")
    assert page.get_attribute("html", "lang") == "en"

    page.locator(".language-switcher a[hreflang=fi]").click()
    page.wait_for_url(url(path("accessibility")))
    assert page.get_attribute("html", "lang") == "fi"


def test_skip_link_moves_focus_to_main(page, url):
    visit(page, url(path("home")))

    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0, "the skip link must be on screen when focused"
    screenshot(page, "skip link focused")

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.url.endswith("#main")


def test_keyboard_focus_is_visible(page, url):
    visit(page, url(path("home")))
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # the site name, linking to the front page
    assert page.evaluate("document.activeElement.classList.contains('brand')")
    style = page.evaluate(
        """() => {
            const s = getComputedStyle(document.activeElement);
            return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow};
        }"""
    )
    assert style["style"] != "none" and style["width"] >= 2, style
    screenshot(page, "focus on the site name")

    # Further along: a link in the main navigation.
    for _ in range(4):
        page.keyboard.press("Tab")
    style = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert style != "none"
    screenshot(page, "focus in the main navigation")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "name", PAGES + ["account_login", "account_signup", "account_reset_password"]
)
def test_no_horizontal_scrolling_on_a_phone(new_page, url, name, language):
    page = new_page(viewport=MOBILE)
    visit(page, url(path(name, language)), label=f"375px {name} {language}")
    widths = page.evaluate(
        "({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth})"
    )
    assert widths["scroll"] <= widths["client"], widths

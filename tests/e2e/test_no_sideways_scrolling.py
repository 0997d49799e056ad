"""No horizontal scrolling at 390 px on any public page or any page of a
representative. The pages are those of the permission matrix (every URL of the portal
has a row there): each GET that the public or A's representative is answered with an
HTML page (200) is opened at a phone's width in the matrix's world, and the document may
not be wider than the screen. A screenshot is saved of each page that is too wide (of
every page with E2E_SCREENSHOTS=1)."""

import pytest
from django.test import Client
from django.utils import translation

from tests.security.permission_matrix.rows import ROWS
from tests.security.permission_matrix.world import build_world

from .browser import log_in, screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
NOT_PAGES = ("/api/", "/admin/")


def html_pages(world, role: str, language: str) -> list[str]:
    """The paths of the rows' GET requests that answer ``role`` with an HTML page."""
    client = Client()
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    paths = []
    with translation.override(language):
        for row in ROWS:
            if row.method != "get" or row.staff_only or row.expected()[role] != "200":
                continue
            path = row.url(world)
            if path.startswith(NOT_PAGES) or path in paths:
                continue
            response = client.get(path)
            if (
                response.status_code == 200
                and response["Content-Type"].startswith("text/html")
                and "Content-Disposition" not in response
            ):
                paths.append(path)
    return paths


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("role", ["anonymous", "rep_a"])
def test_no_page_is_wider_than_a_phone(new_page, url, role, language):
    world = build_world()
    paths = html_pages(world, role, language)
    assert len(paths) >= (15 if role == "anonymous" else 30), paths
    page = new_page(viewport=PHONE, locale="sv-FI" if language == "sv" else "fi-FI")
    if role != "anonymous":
        log_in(page, url, world.users[role].email)
    too_wide = []
    for path in paths:
        response = page.goto(url(path), wait_until="load")
        assert response is not None and response.ok, f"{path} answered {response.status}"
        widths = page.evaluate(
            "({scroll: document.documentElement.scrollWidth, view: window.innerWidth})"
        )
        if widths["scroll"] > widths["view"]:
            too_wide.append((path, widths["scroll"]))
            screenshot(page, f"TOO-WIDE {path}", always=True)
        else:
            screenshot(page, path)
    assert not too_wide, f"wider than {PHONE['width']} px: {too_wide}"

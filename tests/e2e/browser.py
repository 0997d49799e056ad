"""Helpers for the browser suite: every page a test looks at goes through `visit` (or
`check_page` when a click or a form brought the browser there). Both run axe-core and
fail on serious or critical violations and on anything the Content-Security-Policy
blocked. A screenshot is saved of a page that fails, and of every page when
E2E_SCREENSHOTS=1 (full-page PNGs cost about a fifth of the browser suite's time, so
the everyday run takes them only where they explain a failure)."""

import os
import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"
FAILING_IMPACTS = {"serious", "critical"}

_axe = Axe()
EVERY_PAGE = os.environ.get("E2E_SCREENSHOTS") == "1"
_counter: dict[str, int] = {}


def path(name: str, language: str = "fi", **kwargs) -> str:
    """A URL path of the portal in the given language."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def log_in(page, url, email):
    """Log in through the allauth form with the factories' password."""
    visit(page, url(path("account_login")))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", "salasana-123")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("load")


def visit(page, url: str, *, label: str = ""):
    """Open `url`, check it with axe-core, save a screenshot; return the response."""
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    check_page(page, label=label or url)
    return response


def check_page(page, *, label: str = ""):
    """Check the page the browser is on now with axe-core and save a screenshot."""
    page.wait_for_load_state("load")
    screenshot(page, label or page.url)
    blocked = getattr(page, "csp_violations", [])
    if blocked:
        screenshot(page, label or page.url, always=True)
    assert not blocked, f"The Content-Security-Policy blocked something on {page.url}: {blocked}"
    results = _axe.run(page)
    failing = [v for v in results.response["violations"] if v.get("impact") in FAILING_IMPACTS]
    if failing:
        screenshot(page, f"FAILED {label or page.url}", always=True)
    assert not failing, f"axe-core found serious or critical violations on {page.url}:\n" + (
        "\n".join(_describe(v) for v in failing)
    )


def screenshot(page, label: str, *, always: bool = False) -> Path | None:
    """Save a full-page screenshot under test-artifacts/e2e/<test>/<n>-<label>.png, when
    E2E_SCREENSHOTS=1 or ``always`` (a page that fails a check)."""
    if not (always or EVERY_PAGE):
        return None
    test = os.environ.get("PYTEST_CURRENT_TEST", "outside-test").split(" ")[0]
    folder = ARTIFACTS / _slug(test.split("::", 1)[-1])
    folder.mkdir(parents=True, exist_ok=True)
    number = _counter[str(folder)] = _counter.get(str(folder), 0) + 1
    path = folder / f"{number:02d}-{_slug(label)[:80]}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _describe(violation: dict) -> str:
    targets = [", ".join(node.get("target", [])) for node in violation.get("nodes", [])][:5]
    return (
        f"- [{violation.get('impact')}] {violation.get('id')}: {violation.get('help')}\n"
        f"  {violation.get('helpUrl')}\n  on: {'; '.join(targets)}"
    )


def _slug(text: str) -> str:
    text = re.sub(r"^https?://[^/]+", "", text)
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_") or "root"

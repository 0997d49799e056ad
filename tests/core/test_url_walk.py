"""Walks every URL pattern: each is on the public allow-list or requires login.

A new URL that is neither public on purpose nor behind login fails this test until it
is added to PUBLIC (after thinking about what it exposes) or protected."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# URL names (with namespace) that anyone may open.
PUBLIC = {
    "home",
    "accessibility",
    "privacy",
    "healthz",
    "readyz",
    "centre_css",
    "public_media",  # public images only; tests/core/test_media.py
    "set_language",
    "api-schema",
    "api-root",
    "organisation-list",
    "organisation-detail",
    "room-list",  # the booking API's rooms and free times; tests/facilities/api/
    "room-detail",
    "room-availability",
    "organisations:directory",
    "organisations:detail",
    "facilities:booking_feed",  # public by its secret token; tests/facilities/test_feed.py
    "facilities:room_list",
    "facilities:room_detail",
    "pilots:list",  # public pilots only; tests/pilots/test_views.py
    "pilots:detail",
    # The public event calendar and its feeds; tests/events/test_pages.py, test_feeds.py
    "events:list",
    "events:calendar",
    "events:detail",
    "events:detail_ics",
    "events:feed_ics",
    "events:feed_rss",
    # The Linked Events node: published events, their places and keywords, read-only.
    "linkedevents:event-list",
    "linkedevents:event-detail",
    "linkedevents:place-list",
    "linkedevents:place-detail",
    "linkedevents:keyword-list",
    "linkedevents:keyword-detail",
    "linkedevents:language-list",
    "linkedevents:language-detail",
    "linkedevents:search",
    "events:feed_atom",
    "event-list",  # the events API; tests/events/test_api.py
    "event-detail",
    # The training catalogue; tests/trainings/test_views.py and test_api.py
    "trainings:catalogue",
    "trainings:detail",
    "training-list",
    "training-detail",
    # Grant calls with their criteria and grants; tests/grants/test_views.py, test_api.py
    "grants:call_list",
    "grants:call_detail",
    "grant-call-list",
    "grant-call-detail",
    # News, subscribing (signed links) and the archive; tests/newsletters/
    "newsletters:news_list",
    "newsletters:news_detail",
    "newsletters:news_rss",
    "newsletters:news_atom",
    "newsletters:subscribe",
    "newsletters:subscribe_sent",
    "newsletters:confirm",
    "newsletters:preferences",
    "newsletters:unsubscribe",
    "newsletters:archive_list",
    "newsletters:archive_detail",
    "anymail_postmark_tracking",  # basic auth of its own; tests/newsletters/test_webhook.py
    # The municipalities' wellbeing indicators; tests/insights/test_views.py
    "insights:municipality_list",
    "insights:municipality_detail",
    "insights:municipality_csv",
    "insights:comparison",
    "insights:comparison_csv",
    "insights-indicator-list",
    "insights-indicator-detail",
    "insights-observation-list",
    "insights-observation-detail",
    # The host places of work activity, for referrers; tests/placements/
    "placements:hosts",
    "placement-host-list",  # the public host places in the API; tests/placements/test_api.py
    "placement-host-detail",
    # The account flows a person uses before being logged in.
    "account_login",
    "account_signup",
    "account_logout",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_confirm_email",
    "account_email_verification_sent",
    "account_inactive",
    "account_confirm_login_code",
    "account_request_login_code",
    "admin:login",
    "admin:logout",  # POST-only, and logging out an anonymous visitor does nothing
    # Participation: open consultations take comments, votes and answers from anyone
    # (a consultation may ask for an account; the service checks that).
    "participation:list",
    "participation:detail",
    "participation:results",
    "participation:comment",
    "participation:vote",
    "participation:flag",
    "participation:poll_answer",
    # The participation model's goals and their progress; tests/participation/test_goals.py
    "participation:model",
    "participation:goal",
    "participation:feedback",  # residents' feedback by a form's short link
    # The participation API, public and read-only; tests/participation/test_api.py
    "participation-consultation-list",
    "participation-consultation-detail",
    "participation-consultation-comments",
    "participation-section-list",
    "participation-section-detail",
    "participation-theme-list",
    "participation-theme-detail",
    "participation-goal-list",
    "participation-goal-detail",
}
# Unnamed patterns that are public by nature (development media files only).
PUBLIC_ROUTES = {r"^media/(?P<path>.*)$"}

LOGIN_PATHS = ("/accounts/login/", "/admin/login/")


def _sample(pattern: str) -> str:
    """A concrete path for a route or regex: placeholders become '1' (or the first of
    a group of literal alternatives, as the admin's app_label)."""

    def group(match):
        name, body = match.group(1), match.group(2)
        if name == "format":
            return "json"  # a format suffix of the API router (rooms.json)
        if re.fullmatch(r"[\w|]+", body) and "|" in body:
            return body.split("|")[0]
        return "1"

    # Regex groups first: the route placeholder pattern would eat their "<name>".
    path = re.sub(r"\(\?P<(\w+)>((?:[^()]|\([^()]*\))*)\)", group, pattern)
    path = re.sub(r"<(?:\w+:)?\w+>", "1", path)
    path = path.replace("^", "").replace("$", "").replace(r"\Z", "").replace("/?", "/")
    return "/" + path.replace("\\", "").lstrip("/")


def _walk(resolver, prefix="", namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            yield name, prefix + str(entry.pattern)


ALL_PATTERNS = sorted(set(_walk(get_resolver())), key=lambda item: item[1])


def test_the_walk_finds_the_portal_urls():
    names = {name for name, _ in ALL_PATTERNS}
    assert {"home", "healthz", "organisations:directory", "admin:index"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "pattern"), ALL_PATTERNS, ids=[p for _, p in ALL_PATTERNS])
def test_each_url_is_public_or_requires_login(client, name, pattern):
    if name in PUBLIC or pattern in PUBLIC_ROUTES:
        return  # public on purpose; its own tests cover what it shows
    response = client.get(_sample(pattern))
    location = response.headers.get("Location", "")
    requires_login = response.status_code in (301, 302) and location.startswith(LOGIN_PATHS)
    api_refuses = pattern.startswith("api/") and response.status_code in (401, 403)
    assert requires_login or api_refuses, (
        f"{name or pattern} answered {response.status_code} {location} to an anonymous "
        "visitor: protect it, or add it to PUBLIC if it is meant to be public."
    )

"""The public interfaces as other systems read them: JSON under /api/, a valid OpenAPI
document with an RFC 6266 file name, and every link built from SITE_URL."""

import datetime
import json
import xml.etree.ElementTree as ET

import pytest
import time_machine
import yaml
from openapi_spec_validator import validate

from tests.factories.events import EventFactory
from tests.factories.organisations import OrganisationFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)
SITE = "https://keskus.example.fi"


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.parametrize(
    "path", ["/api/v1/nonexistent/", "/api/v1/nonexistent", "/api/nothing", "/api/v1/events/0/"]
)
def test_everything_under_api_answers_json(client, path):
    response = client.get(path, follow=True)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_the_openapi_document_validates(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    validate(yaml.safe_load(response.content))
    as_json = client.get("/api/schema/", {"format": "json"})
    validate(json.loads(as_json.content))


def test_the_schema_file_name_follows_rfc_6266(client):
    disposition = client.get("/api/schema/")["Content-Disposition"]
    disposition.encode("ascii")  # no raw non-ASCII byte in the header
    assert 'filename="' in disposition
    assert disposition == (
        'inline; filename="Yhteisokeskus API.yaml"; '
        "filename*=UTF-8''Yhteis%C3%B6keskus%20API.yaml"
    )


def test_links_in_feeds_and_the_api_come_from_site_url(client, settings):
    settings.SITE_URL = SITE
    event = EventFactory(organisation=OrganisationFactory())
    for _ in range(3):
        EventFactory()
    page = f"{SITE}/tapahtumat/{event.pk}/"
    rss = ET.fromstring(client.get("/events/feed.rss").content)
    links = [el.text for el in rss.iter("link")] + [
        el.get("href") for el in rss.iter("{http://www.w3.org/2005/Atom}link")
    ]
    assert page in links and all(link.startswith(SITE) for link in links)
    atom = client.get("/events/feed.atom").content.decode()
    assert "example.com" not in atom and "testserver" not in atom
    assert f'href="{page}"' in atom
    api = client.get("/api/v1/events/", {"page_size": 2}).json()
    assert api["meta"]["next"].startswith(f"{SITE}/api/v1/events/?")
    item = (
        next(i for i in api["data"] if i["id"] == event.pk)
        if any(i["id"] == event.pk for i in api["data"])
        else client.get(f"/api/v1/events/{event.pk}/").json()
    )
    assert item["@id"] == f"{SITE}/api/v1/events/{event.pk}/"
    assert item["organiser"]["@id"].startswith(SITE)
    detail = client.get(f"/tapahtumat/{event.pk}/").content.decode()
    assert f'"url": "{page}"' in detail
    ics = client.get("/events/feed.ics").content.decode()
    assert f"URL:{page}" in ics.replace("\r\n ", "")


INTERFACES = [
    "/events/feed.ics",
    "/sv/events/feed.ics",
    "/events/feed.rss",
    "/events/feed.atom",
    "/api/v1/events/",
    "/api/schema/",
]


@pytest.mark.parametrize("path", INTERFACES)
def test_etag_and_a_conditional_get_answers_304(client, path):
    EventFactory()
    first = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    assert first.status_code == 200 and first["ETag"]
    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"], HTTP_ACCEPT_ENCODING="gzip")
    assert again.status_code == 304 and again.content == b""
    plain = client.get(path)
    assert client.get(path, HTTP_IF_NONE_MATCH=plain["ETag"]).status_code == 304
    assert client.get(path, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_change_gives_a_new_etag_and_last_modified(client):
    event = EventFactory()
    first = client.get("/events/feed.ics")
    detail = client.get(f"/api/v1/events/{event.pk}/")
    assert detail["Last-Modified"]
    assert (
        client.get(
            f"/api/v1/events/{event.pk}/", HTTP_IF_MODIFIED_SINCE=detail["Last-Modified"]
        ).status_code
        == 304
    )
    with time_machine.travel(NOW + datetime.timedelta(minutes=5), tick=False):
        event.name_fi = "Uusi nimi"
        event.save()
        second = client.get("/events/feed.ics", HTTP_IF_NONE_MATCH=first["ETag"])
        assert second.status_code == 200 and second["ETag"] != first["ETag"]
        assert second["Last-Modified"] != first["Last-Modified"]
        assert (
            client.get(
                f"/api/v1/events/{event.pk}/", HTTP_IF_MODIFIED_SINCE=detail["Last-Modified"]
            ).status_code
            == 200
        )


@pytest.mark.parametrize("path", INTERFACES)
def test_interfaces_are_gzipped(client, path):
    for _ in range(5):
        EventFactory()
    response = client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]


def test_html_pages_are_not_gzipped(client, django_user_model):
    EventFactory()
    for path in ("/tapahtumat/", "/", "/accounts/login/"):
        response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200
        assert "Content-Encoding" not in response


@pytest.mark.parametrize("path", INTERFACES)
def test_any_origin_may_read_the_interfaces_without_credentials(client, path):
    response = client.get(path, HTTP_ORIGIN="https://kalenteri.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        path,
        HTTP_ORIGIN="https://kalenteri.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "authorization" not in preflight["Access-Control-Allow-Headers"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


def test_pages_do_not_answer_cors(client):
    response = client.get("/tapahtumat/", HTTP_ORIGIN="https://kalenteri.example.org")
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize("path", INTERFACES)
def test_cache_control_matches_the_page_cache(client, settings, path):
    response = client.get(path)
    assert f"max-age={settings.PAGE_CACHE_SECONDS}" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]


def test_answers_with_credentials_are_private(client):
    from rest_framework.authtoken.models import Token

    from tests.factories.organisations import StaffFactory

    token = Token.objects.create(user=StaffFactory()).key
    response = client.get("/api/v1/events/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


@pytest.mark.parametrize(
    ("header", "language", "words"),
    [
        ("sv-FI,sv;q=0.9,en;q=0.5", "sv", "mellan åren"),
        ("fi", "fi", "vuosien"),
        ("de-DE,de;q=0.9", "en", "between the years"),
        ("de;q=0.9,fi;q=0.8,sv;q=0.85", "sv", "mellan åren"),
        ("", "fi", "vuosien"),
        ("*", "fi", "vuosien"),
        ("xx", "en", "between the years"),
    ],
)
def test_api_errors_follow_accept_language(client, header, language, words):
    extra = {"HTTP_ACCEPT_LANGUAGE": header} if header else {}
    response = client.get("/api/v1/events/", {"end": "9999-12-31"}, **extra)
    assert response.status_code == 400
    assert response["Content-Language"] == language
    assert words in response.json()["end"][0]
    assert "Accept-Language" in response["Vary"]
    missing = client.get("/api/v1/nothing/", **extra)
    assert missing["Content-Language"] == language

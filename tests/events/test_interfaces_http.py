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

"""schemathesis against /api/schema/: for every operation, generated requests (valid and
invalid) never get a 5xx, and every response matches the schema, anonymously and as
staff with a token."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories.facilities import BookingFactory, RoomFactory
from tests.factories.organisations import OrganisationFactory, StaffFactory


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI handler closes the database connection after each request, as in
    production; here that would close the test's transaction. Django's test client
    does the same as this."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_data(db):
    """A little of everything, so that list and detail operations have rows to show."""
    for _ in range(2):
        OrganisationFactory()
    room = RoomFactory()
    BookingFactory(room=room)
    staff = StaffFactory()
    return {"token": Token.objects.create(user=staff).key}


# The schema is generated from the code (no database needed), so it loads at import.
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())

# What the API promises: no 5xx, and every answer (status, type, headers, body) as the
# schema documents it. Whether the API refuses every request the schema calls invalid
# (or accepts every valid-looking one, with ids that do not exist) is not among them.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

FUZZ = hypothesis_settings(
    max_examples=15,
    deadline=None,
    derandomize=True,  # the same cases on every run: a red build is reproducible
    suppress_health_check=list(HealthCheck),
)


# The WSGI transport hands the body over as sent, without undoing a Content-Encoding
# (the API is gzipped for clients that ask: tests/events/test_interfaces_http.py).
IDENTITY = {"Accept-Encoding": "identity"}


@schema.parametrize()
@FUZZ
def test_anonymous_requests_never_fail_and_match_the_schema(case, api_data):
    case.call_and_validate(headers=IDENTITY, checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_staff_requests_never_fail_and_match_the_schema(case, api_data):
    case.call_and_validate(
        headers={**IDENTITY, "Authorization": f"Token {api_data['token']}"}, checks=CHECKS
    )

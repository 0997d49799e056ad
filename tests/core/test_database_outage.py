"""While the database is away (refused, closed, restarting) every request answers 503
with Retry-After, in the visitor's language, never a traceback; once it is back the
processes reconnect by themselves.

The fast tests make the shared test database unreachable for the request only, by
making the connection's cursor creation fail the way psycopg fails; the slow one
restarts a private PostgreSQL under a running portal and a Celery worker."""

import logging

import psycopg
import pytest
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections

from core.middleware import RETRY_AFTER_SECONDS, is_database_outage
from tests.factories.organisations import UserFactory

REFUSED = (
    'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
    "Connection refused\n\tIs the server running on that host and accepting TCP/IP "
    "connections?"
)


class DatabaseAway:
    """From refuse() on, every cursor fails as psycopg fails when the server refuses (or
    with the error given); the error goes through Django's error wrapper, as a real one
    does. back() ends it."""

    def __init__(self):
        self.patch = pytest.MonkeyPatch()

    def refuse(self, error=None):
        def create_cursor(name=None):
            raise error or psycopg.OperationalError(REFUSED)

        self.back()
        wrapper = connections[DEFAULT_DB_ALIAS]  # this thread's, not the proxy
        wrapper.ensure_connection()
        # Put back the flag that Django sets on a connection after an error, too.
        self.patch.setattr(wrapper, "errors_occurred", wrapper.errors_occurred)
        self.patch.setattr(wrapper, "create_cursor", create_cursor)

    def back(self):
        self.patch.undo()


@pytest.fixture
def database_away(db):
    # Its own patch, undone before the test's transaction is rolled back.
    away = DatabaseAway()
    yield away
    away.back()


def _assert_unavailable_page(response, language, heading):
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert f"<h1>{heading}</h1>" in body
    assert "Traceback" not in body and "OperationalError" not in body
    assert "/static/css/site.css" in body


def test_a_page_answers_503_in_finnish(client, database_away):
    database_away.refuse()
    response = client.get("/tapahtumat/")
    _assert_unavailable_page(response, "fi", "Palvelu on tilapäisesti poissa käytöstä")
    assert "hetken kuluttua" in response.content.decode()


def test_a_page_answers_503_in_swedish_and_english(client, database_away):
    database_away.refuse()
    _assert_unavailable_page(
        client.get("/sv/tapahtumat/"), "sv", "Tjänsten är tillfälligt otillgänglig"
    )
    _assert_unavailable_page(client.get("/en/tapahtumat/"), "en", "Service temporarily unavailable")


def test_the_api_answers_503_in_json(client, database_away):
    database_away.refuse()
    response = client.get("/api/v1/events/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response.json() == {
        "detail": "Palvelu on tilapäisesti poissa käytöstä. Yritä hetken kuluttua uudelleen."
    }


def test_a_signed_in_visitor_gets_503_when_the_session_cannot_be_read(client, database_away):
    # The session and the user are read in the middleware, before any view runs.
    client.force_login(UserFactory())
    database_away.refuse()
    _assert_unavailable_page(
        client.get("/sv/tapahtumat/"), "sv", "Tjänsten är tillfälligt otillgänglig"
    )
    response = client.get("/api/v1/events/")
    assert response.status_code == 503
    assert "detail" in response.json()


def test_the_server_shutting_down_is_an_outage_too(client, database_away):
    database_away.refuse(
        psycopg.errors.AdminShutdown("terminating connection due to administrator")
    )
    assert client.get("/tapahtumat/").status_code == 503
    database_away.refuse(psycopg.errors.CannotConnectNow("the database system is starting up"))
    assert client.get("/tapahtumat/").status_code == 503


def test_an_outage_is_logged_once_as_a_warning_without_the_stack(client, database_away, caplog):
    database_away.refuse()
    with caplog.at_level(logging.INFO):
        client.get("/tapahtumat/")
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(records) == 1, [r.getMessage() for r in records]
    (record,) = records
    assert record.levelno == logging.WARNING
    assert record.exc_info is None
    assert "/tapahtumat/" in record.getMessage()
    assert "Connection refused" in record.getMessage()


def test_a_query_that_fails_on_a_working_server_is_not_an_outage(client, database_away):
    # A statement timeout is the query's fault: a server error, as before.
    database_away.refuse(
        psycopg.errors.QueryCanceled("canceling statement due to statement timeout")
    )
    with pytest.raises(OperationalError):
        client.get("/tapahtumat/")


def test_which_errors_count_as_an_outage():
    def wrapped(driver_error):
        error = OperationalError(str(driver_error))
        error.__cause__ = driver_error
        return error

    assert is_database_outage(wrapped(psycopg.OperationalError(REFUSED)))
    assert is_database_outage(wrapped(psycopg.errors.AdminShutdown("shutting down")))
    assert is_database_outage(wrapped(psycopg.errors.CannotConnectNow("starting up")))
    assert is_database_outage(wrapped(psycopg.errors.TooManyConnections("too many clients")))
    assert not is_database_outage(wrapped(psycopg.errors.DeadlockDetected("deadlock")))
    assert not is_database_outage(wrapped(psycopg.errors.LockNotAvailable("lock")))
    assert not is_database_outage(ValueError("not a database error"))


def test_pages_answer_again_once_the_database_is_back(client, database_away):
    database_away.refuse()
    assert client.get("/tapahtumat/").status_code == 503
    database_away.back()
    assert client.get("/tapahtumat/").status_code == 200

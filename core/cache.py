"""The shared cache on Redis that keeps the portal serving when Redis is away.

`FailSoftRedisCache` is Django's Redis backend with one difference: when Redis cannot
be reached (refused, reset, timed out), the call does not raise. It is answered by a
local memory cache of the process instead, so that what the cache does (the page
cache, allauth's rate limits, cached option lists) still works within the process:
pages are built once per process instead of once for all, and a rate limit counts the
attempts one process sees.

A dead Redis costs little: the sockets time out in a fraction of a second, no call is
retried, and after a failure every call goes straight to the local cache for
`RETRY_SECONDS` before Redis is tried again. The outage is logged as a warning at
most once a minute per process, and its end once. When Redis answers again, the local
copies are dropped (the next outage starts clean), and the keys written during the
outage without a time limit (the page cache's versions) are deleted from Redis, so
that a change saved during the outage is not hidden behind a version Redis kept.

Settings (CACHES["default"]["OPTIONS"], all optional): `socket_connect_timeout` and
`socket_timeout` (seconds) for Redis, `LOCAL_MAX_ENTRIES` for the local cache."""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_SECONDS = 5  # after a failure, Redis is left alone this long
LOG_EVERY_SECONDS = 60  # the outage's warning, at most this often
# The most keys without a time limit remembered during an outage to delete on return.
REMEMBERED_KEYS = 1000


class _Outage:
    """What one process knows about one Redis: shared by every thread's backend
    instance (Django makes one per thread), so the whole process skips a dead Redis
    and logs its outage once."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_since: float | None = None
        self.skip_until = 0.0
        self.logged_at: float | None = None
        self.failures = 0
        self.unlimited_keys: set[str] = set()


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_of(location: str) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(location, _Outage())


def forget_outages() -> None:
    """Start again as if every Redis had always answered (for tests)."""
    with _outages_lock:
        for outage in _outages.values():
            outage.__init__()


class FailSoftRedisCache(RedisCache):
    clock = staticmethod(time.monotonic)

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        local_max_entries = int(options.pop("LOCAL_MAX_ENTRIES", 500))
        options.setdefault("socket_connect_timeout", 0.25)
        options.setdefault("socket_timeout", 0.5)
        # redis-py retries a failed command three times with back-off by default; a
        # dead Redis must cost one refused or timed-out attempt, no more.
        options.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(server, {**params, "OPTIONS": options})
        self._location = server if isinstance(server, str) else ",".join(server)
        self._outage = _outage_of(self._location)
        local_params = {
            name: params[name]
            for name in ("TIMEOUT", "KEY_PREFIX", "VERSION", "KEY_FUNCTION")
            if name in params
        }
        local_params["OPTIONS"] = {"MAX_ENTRIES": local_max_entries}
        # Named by the location: the threads of a process share one local cache.
        self._local = LocMemCache(f"fail-soft:{self._location}", local_params)

    # The state of Redis ---------------------------------------------------------------

    def _skipping(self) -> bool:
        return self._outage.down_since is not None and self.clock() < self._outage.skip_until

    def _failed(self, error: Exception) -> None:
        now = self.clock()
        outage = self._outage
        with outage.lock:
            outage.failures += 1
            if outage.down_since is None:
                outage.down_since = now
            outage.skip_until = now + RETRY_SECONDS
            log = outage.logged_at is None or now - outage.logged_at >= LOG_EVERY_SECONDS
            if log:
                outage.logged_at = now
                failures, outage.failures = outage.failures, 0
        if log:
            logger.warning(
                "The cache's Redis at %s does not answer (%s: %s); using this process's "
                "memory until it does (%d failed calls since the last warning).",
                self._redacted_location(),
                type(error).__name__,
                error,
                failures,
            )

    def _recover(self) -> None:
        """Redis was away and is tried again: delete what the outage left stale in it
        (raising if it is still away), drop the local copies, log the return."""
        outage = self._outage
        with outage.lock:
            if outage.down_since is None:
                return  # another thread saw it back
            if outage.unlimited_keys:
                self._cache.delete_many(list(outage.unlimited_keys))
            else:
                self._cache.get_client(None).ping()
            seconds = self.clock() - outage.down_since
            outage.unlimited_keys = set()
            outage.down_since = None
            outage.logged_at = None
            outage.failures = 0
            self._local.clear()
        logger.warning(
            "The cache's Redis at %s answers again after %.0f seconds.",
            self._redacted_location(),
            seconds,
        )

    def _redacted_location(self) -> str:
        # No password in the log.
        location = self._location
        if "@" in location:
            scheme, _, rest = location.partition("://")
            location = f"{scheme}://***@{rest.rpartition('@')[2]}"
        return location

    def redis_answers(self) -> bool:
        """Whether Redis answers now (for readiness), skipping or not."""
        try:
            if self._outage.down_since is not None:
                self._recover()
            return bool(self._cache.get_client(None).ping())
        except UNREACHABLE as error:
            self._failed(error)
            return False

    def _call(self, name, *args, **kwargs):
        if not self._skipping():
            try:
                if self._outage.down_since is not None:
                    self._recover()
                return getattr(RedisCache, name)(self, *args, **kwargs)
            except UNREACHABLE as error:
                self._failed(error)
        return getattr(self._local, name)(*args, **kwargs)

    def _remember_unlimited(self, keys, timeout) -> None:
        """A key written without a time limit while Redis is away may hide a newer
        value once Redis is back; it is deleted from Redis then."""
        if self.get_backend_timeout(timeout) is not None or not self._skipping():
            return
        with self._outage.lock:
            for key in keys:
                if len(self._outage.unlimited_keys) < REMEMBERED_KEYS:
                    self._outage.unlimited_keys.add(key)

    # Every method of Django's cache API that touches Redis; the rest of BaseCache
    # (get_or_set, decr, incr_version, the async methods…) is built on these. ----------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        answer = self._call("add", key, value, timeout, version=version)
        self._remember_unlimited([self.make_key(key, version=version)], timeout)
        return answer

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call("set", key, value, timeout, version=version)
        self._remember_unlimited([self.make_key(key, version=version)], timeout)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", key, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        answer = self._call("set_many", data, timeout, version=version)
        self._remember_unlimited([self.make_key(key, version=version) for key in data], timeout)
        return answer

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version=version)

    def clear(self):
        self._local.clear()
        return self._call("clear")

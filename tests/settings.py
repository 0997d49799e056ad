"""The project's settings for the test suite, with two changes that keep it fast and its
parallel workers apart:

- passwords are hashed with a cheap hasher: factories create thousands of users, and
  the real hasher (PBKDF2 with a million rounds) would take most of the suite's time;
- each pytest-xdist worker (PYTEST_XDIST_WORKER=gw0, gw1, …) keeps its cache in a Redis
  database of its own, apart from the broker's, since tests clear the cache and count
  on what it holds. pytest-django already gives each worker a database of its own.

The Celery workers that tests start inherit the environment, and so these settings."""

import os
from urllib.parse import urlsplit, urlunsplit

from yhteisokeskus.settings import *  # noqa: F403
from yhteisokeskus.settings import CACHES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The configured Redis database stays the broker's: tests clear the cache before each
# test, which must not drop a Celery message on its way to a test's worker. Worker
# gwN (or the one process, without xdist) takes the database N + 1 after it.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
_cache = urlsplit(CACHES["default"]["LOCATION"])
_database = int(_cache.path.strip("/") or 0) + int(_worker.removeprefix("gw")) + 1
CACHES = {
    **CACHES,
    "default": {**CACHES["default"], "LOCATION": urlunsplit(_cache._replace(path=f"/{_database}"))},
}

# Tests wait for what the tasks they start return (result.get()); production ignores it.
CELERY_TASK_IGNORE_RESULT = False

"""The project's settings for the test suite, with two changes that keep it fast and its
parallel workers apart:

- passwords are hashed with a cheap hasher: factories create thousands of users, and
  the real hasher (PBKDF2 with a million rounds) would take most of the suite's time;
- each pytest-xdist worker (PYTEST_XDIST_WORKER=gw0, gw1, …) keeps its cache in a Redis
  database of its own, since tests clear the cache and count on what it holds.
  pytest-django already gives each worker a database of its own."""

import os
from urllib.parse import urlsplit, urlunsplit

from yhteisokeskus.settings import *  # noqa: F403
from yhteisokeskus.settings import CACHES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw"):
    _cache = urlsplit(CACHES["default"]["LOCATION"])
    # The configured database stays the broker's; worker n takes the n + 1st after it.
    _database = int(_cache.path.strip("/") or 0) + int(_worker[2:]) + 1
    CACHES["default"]["LOCATION"] = urlunsplit(_cache._replace(path=f"/{_database}"))

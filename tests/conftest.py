import pytest
from django.core.cache import cache
from django.utils import translation

from tests.support import flush, template_db
from tests.support.fixtures import celery_worker_process, eager_celery, media  # noqa: F401

# Transactional tests put the database back as migrated by DELETE of the tables that
# differ, not by TRUNCATE of every table (tests/support/flush.py).
flush.install()

# Modules whose tests take long (a real browser, a Celery worker, a restarted database,
# migrations run back and forth, the demo data, fuzzing). They run first, so that under
# pytest-xdist none of them starts near the end and keeps one worker busy alone.
SLOW_MARKERS = {"browser", "celery_worker", "database_restart"}
SLOW_MODULES = (
    "tests/core/test_migrations_keep_rows.py",
    "tests/bench/",
    "tests/security/",
    "tests/core/test_backup.py",
    "tests/dashboard/test_annual_layout.py",
)


def _is_slow_module(item) -> bool:
    path = item.nodeid.split("::", 1)[0]
    return (
        any(item.get_closest_marker(name) for name in SLOW_MARKERS)
        or path.startswith(SLOW_MODULES)
        or path.rsplit("/", 1)[-1].startswith("test_demo")
    )


def pytest_collection_modifyitems(session, config, items):
    """The slow modules first, each module's tests still together and in their order."""
    slow = {item.nodeid.split("::", 1)[0] for item in items if _is_slow_module(item)}
    items.sort(key=lambda item: item.nodeid.split("::", 1)[0] not in slow)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and cached fragments live in the shared cache; start each test clean."""
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Tests see pages as they are built; tests/core/test_pagecache.py turns the
    anonymous page cache on where it is the subject."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _default_language():
    """A request to /sv/ or /en/ leaves its language active in the thread; start each
    test in Finnish, the site's default, so that no test depends on the one before."""
    translation.activate("fi")
    yield
    translation.activate("fi")


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """pytest-django's, but each worker copies one migrated template instead of
    migrating its own database (tests/support/template_db.py)."""
    with django_db_blocker.unblock():
        own = template_db.setup()
    yield
    with django_db_blocker.unblock():
        template_db.teardown(own)


@pytest.fixture(scope="session", autouse=True)
def _migrated_rows_remembered(django_db_setup, django_db_blocker):
    """What the migrations put in the database, for transactional tests to put back."""
    with django_db_blocker.unblock():
        flush.remember()


@pytest.fixture(scope="session", autouse=True)
def _centre_settings_read(_migrated_rows_remembered, django_db_blocker):
    """Each process reads the centre's settings once (core.centre); read them before the
    first test, so that no test's query count depends on whether it ran first."""
    from core import centre

    with django_db_blocker.unblock():
        centre.current()

import pytest
from django.core.cache import cache
from django.utils import translation

from tests.support.fixtures import celery_worker_process, eager_celery, media  # noqa: F401


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


@pytest.fixture(scope="session", autouse=True)
def _centre_settings_read(django_db_setup, django_db_blocker):
    """Each process reads the centre's settings once (core.centre); read them before the
    first test, so that no test's query count depends on whether it ran first."""
    from core import centre

    with django_db_blocker.unblock():
        centre.current()

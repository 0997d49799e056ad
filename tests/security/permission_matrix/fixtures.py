"""The world of the matrix as a module-scoped fixture: built once inside a transaction
that is rolled back when the module is done; each test runs in a savepoint of its own."""

import pytest
from django.db import transaction
from django.test.utils import override_settings

from .world import build_world


@pytest.fixture(scope="module", name="world")
def matrix_world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("matrix-media")
    settings = override_settings(MEDIA_ROOT=media / "media", PRIVATE_MEDIA_ROOT=media / "private")
    settings.enable()
    try:
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                yield build_world()
            finally:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
    finally:
        settings.disable()


@pytest.fixture(name="media")
def matrix_media():
    """The world keeps its files in the module's own folders (above), not in the
    per-test folders that tests/support/fixtures.py gives every other test."""

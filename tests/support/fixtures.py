"""Fixtures that tests of several apps use; tests/conftest.py makes them available to
every test module."""

import pytest

from tests.support.workers import new_queue, start_worker, stop_worker
from yhteisokeskus.celery import app as celery_app


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Every test's public and private uploads (photos, documents, reports) go to folders
    of its own, so that tests running side by side never see each other's files."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture
def eager_celery():
    """Tasks run in the calling process."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def celery_worker_process():
    """A real Celery worker in another process, on the real broker, reading the test
    database; yields the queue that only it consumes."""
    queue = new_queue()
    worker = start_worker(queue)
    try:
        yield queue
    finally:
        stop_worker(worker)

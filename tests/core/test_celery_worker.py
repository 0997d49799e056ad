"""A real Celery worker on the real Redis broker, reading the test database."""

import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection

from tests.factories.organisations import UserFactory
from yhteisokeskus.tasks import broker_roundtrip

BASE_DIR = Path(settings.BASE_DIR)


def _url_for_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture
def celery_worker_process():
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = dict(os.environ)
    base_url = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/yhteisokeskus")
    env["DATABASE_URL"] = _url_for_database(base_url, connection.settings_dict["NAME"])
    env["REDIS_URL"] = settings.CELERY_BROKER_URL
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "yhteisokeskus",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "-Q",
            queue,
            "-n",
            f"{queue}@localhost",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield queue
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_a_task_through_redis_and_reads_the_database(celery_worker_process):
    UserFactory.create_batch(2)
    token = uuid.uuid4().hex
    result = broker_roundtrip.apply_async(args=[token], queue=celery_worker_process)
    assert result.get(timeout=60) == {"token": token, "users": 2}

"""Real Celery workers for integration tests: another process, on the real Redis broker,
reading the test database, each on a queue of its own."""

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)


def new_queue() -> str:
    return f"test-{uuid.uuid4().hex[:8]}"


def _url_for_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def start_worker(queue: str, *, pool: str = "solo", env: dict | None = None) -> subprocess.Popen:
    """A worker in a session of its own, so that kill_worker can take down its pool too."""
    worker_env = dict(os.environ)
    base_url = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/yhteisokeskus")
    worker_env["DATABASE_URL"] = _url_for_database(base_url, connection.settings_dict["NAME"])
    worker_env["REDIS_URL"] = settings.CELERY_BROKER_URL
    worker_env.update(env or {})
    command = [sys.executable, "-m", "celery", "-A", "yhteisokeskus", "worker"]
    command += [f"--pool={pool}", "--concurrency=1", "--loglevel=WARNING"]
    command += ["-Q", queue, "-n", f"{queue}-{uuid.uuid4().hex[:4]}@localhost"]
    return subprocess.Popen(
        command,
        cwd=BASE_DIR,
        env=worker_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop_worker(worker: subprocess.Popen):
    if worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        kill_worker(worker)


def kill_worker(worker: subprocess.Popen):
    """SIGKILL the worker and its pool at once: no chance to acknowledge or hand back."""
    try:
        os.killpg(worker.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    worker.wait(timeout=20)

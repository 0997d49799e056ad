"""`make run`: migrate, load the demo data, then serve the portal with a Celery worker
and beat until Ctrl-C. Expects DATABASE_URL and REDIS_URL (yhteisokeskus.embedded sets
them when they are not set)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def manage(*args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, check=True)


def main() -> int:
    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8000")
    var = BASE_DIR / "var"
    var.mkdir(exist_ok=True)

    manage("migrate", "--noinput")
    manage("load_demo_data")
    manage("load_facilities_demo")  # needs load_demo_data's accounts and organisations
    manage("load_pilots_demo")  # likewise
    manage("load_events_demo")  # needs the facilities demo's rooms
    manage("load_trainings_demo")  # needs the demo accounts, organisations and rooms
    manage("load_grants_demo")  # needs the demo accounts and organisations
    manage("load_newsletters_demo")  # gathers the demo events and trainings into issues
    manage("load_volunteering_demo")  # needs the demo accounts and organisations
    manage("load_participation_demo")  # needs the demo accounts and municipalities
    manage("load_insights_demo")  # needs the register's municipalities
    manage("load_placements_demo")  # needs the demo accounts and organisations

    commands = {
        "web": [PYTHON, "manage.py", "runserver", f"{host}:{port}"],
        "worker": [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "yhteisokeskus",
            "worker",
            "--loglevel=INFO",
            "--concurrency=2",
        ],
        "beat": [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "yhteisokeskus",
            "beat",
            "--loglevel=INFO",
            "--schedule",
            str(var / "celerybeat-schedule"),
        ],
    }
    children = {name: subprocess.Popen(cmd, cwd=BASE_DIR) for name, cmd in commands.items()}
    print(f"\nThe portal is at http://{host}:{port}/  (Ctrl-C stops everything)\n", flush=True)

    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    # Ctrl-C also reaches the children (same process group); we only wait for them.
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)

    exit_code = 0
    while not stopping:
        for name, child in children.items():
            if child.poll() is not None:
                print(f"{name} stopped with status {child.returncode}; stopping the rest.")
                exit_code = child.returncode or 1
                stopping = True
                break
        time.sleep(0.5)

    for child in children.values():
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + 15
    for child in children.values():
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
    return exit_code


if __name__ == "__main__":
    sys.exit(main())

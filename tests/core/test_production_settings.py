"""Production mode (DJANGO_DEBUG=false) passes `check --deploy` and never falls back to
a development secret."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def _production_env(**overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECRET_KEY"))}
    env.update(
        DJANGO_DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="yhteisokeskus.example",
        DATABASE_URL=os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1/yk"),
        REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        EMAIL_HOST="smtp.example",
    )
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_in_production_mode():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=_production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", env=_production_env(SECRET_KEY=None))
    assert result.returncode != 0
    assert "SECRET_KEY is required in production" in result.stderr


def test_production_sends_email_over_smtp():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.EMAIL_BACKEND)",
        env=_production_env(),
    )
    assert result.stdout.strip().splitlines()[-1] == "django.core.mail.backends.smtp.EmailBackend"


def test_with_redis_away_an_enqueue_fails_at_once():
    """The broker and the result store are the same Redis; with it away, handing a task
    over fails within a second or two (and the caller goes on), instead of a request
    waiting some 20 seconds for the result store."""
    code = (
        "import time; from core.tasks import build_report; began = time.monotonic()\n"
        "try:\n    build_report.delay('facilities.Report', 1)\n"
        "except Exception as error:\n    print(type(error).__name__)\n"
        "print(round(time.monotonic() - began, 1))"
    )
    result = _manage("shell", "-c", code, env=_production_env(REDIS_URL="redis://127.0.0.1:9/0"))
    *_, error, seconds = result.stdout.split()
    assert error == "OperationalError", result.stdout + result.stderr
    assert float(seconds) < 5

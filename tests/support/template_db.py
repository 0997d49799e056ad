"""One migrated database per run, copied for each pytest-xdist worker.

Migrating from nothing renders Django's model states thousands of times (about 25 s of
one core at 85 migrations); with two workers both did it at once, each slowed by the
other. Now the first worker to arrive migrates a template database named by a hash of
the migration files, under a PostgreSQL advisory lock, and every worker (that one too)
takes a copy of it (``CREATE DATABASE … TEMPLATE``, about a second). A later run in
the same checkout with the same migrations copies the template it finds; a change to
any migration names a new template, and the old ones are dropped."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.db import connections

BASE_DIR = Path(settings.BASE_DIR)
# Any constant: it only has to differ from other advisory locks on the same server.
LOCK = 72_0526
PREFIX = "test_tpl_"


def migrations_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted(BASE_DIR.glob("*/migrations/*.py")):
        if ".venv" in path.parts:
            continue
        digest.update(str(path.relative_to(BASE_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _quote(name: str) -> str:
    return connections["default"].ops.quote_name(name)


def _build_template(template: str, cursor) -> None:
    """Migrate a database of that name from nothing, and drop older templates."""
    connection = connections["default"]
    cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [PREFIX + "%"])
    for (stale,) in cursor.fetchall():
        if stale != template:
            cursor.execute(f"DROP DATABASE IF EXISTS {_quote(stale)}")
    test_settings = connection.settings_dict.setdefault("TEST", {})
    own_name = test_settings.get("NAME")
    test_settings["NAME"] = template
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    finally:
        test_settings["NAME"] = own_name
        connection.close()


def setup() -> str:
    """This worker's test database, copied from the template; its name."""
    connection = connections["default"]
    own = connection.creation._get_test_db_name()
    template = PREFIX + migrations_hash()
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK])
        try:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            if cursor.fetchone() is None:
                _build_template(template, cursor)
            cursor.execute(f"DROP DATABASE IF EXISTS {_quote(own)}")
            cursor.execute(f"CREATE DATABASE {_quote(own)} TEMPLATE {_quote(template)}")
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK])
    connection.close()
    settings.DATABASES["default"]["NAME"] = own
    connection.settings_dict["NAME"] = own
    return own


def teardown(own: str) -> None:
    connection = connections["default"]
    connection.close()
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {_quote(own)}")

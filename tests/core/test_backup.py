"""`make backup` and `make restore`: a dump restored into a fresh database has the same
rows in every table."""

import os
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.db import connection

from tests.factories.facilities import BookingFactory
from tests.factories.organisations import MembershipFactory, OrganisationFactory
from yhteisokeskus import backup


def _url(name: str) -> str:
    base = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/yhteisokeskus")
    return urlunsplit(urlsplit(base)._replace(path=f"/{name}"))


def _row_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_fresh_database_with_the_same_row_counts(tmp_path):
    OrganisationFactory.create_batch(3)
    MembershipFactory()
    BookingFactory.create_batch(2)
    source = _url(connection.settings_dict["NAME"])
    fresh = f"{connection.settings_dict['NAME']}_restore"

    path = backup.dump(tmp_path / "portal.dump", url=source)
    assert path.stat().st_size > 0
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    try:
        backup.restore(path, url=_url(fresh))
        expected, restored = _row_counts(source), _row_counts(_url(fresh))
        assert restored == expected
        assert expected["organisations_organisation"] >= 3
        assert expected["facilities_booking"] == 2
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')


def test_restore_refuses_a_missing_file(tmp_path):
    with pytest.raises(SystemExit):
        backup.restore(tmp_path / "missing.dump", url="postgresql://nowhere/x")

"""Emptying the database after a transactional test (transactional_db, live_server, the
browser suite): faster than Django's flush, and back to the database as migrated.

Django's flush TRUNCATEs every one of the portal's ~150 tables after each such test,
which costs PostgreSQL about a second however little the test wrote, and it also
empties what the migrations put in (the municipalities, the fields of activity, the
site's name), so a test saw a different database depending on whether a transactional
test had run before it in the same process.

Here the database's rows right after migrating are remembered once per process
(remember()). After a transactional test, one query finds the tables whose rows differ
from that; those are emptied with DELETE in one transaction (the foreign keys are
deferred, so the order does not matter) and the remembered rows put back, and then
post_migrate is sent as flush sends it. A test that leaves a table with more than
ROW_LIMIT rows gets TRUNCATE of every table instead, and the remembered rows back."""

from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import connections, transaction
from django.test import TransactionTestCase

ROW_LIMIT = 1000

_django_fixture_teardown = TransactionTestCase._fixture_teardown
# database alias -> {table: (columns, rows, fingerprint)}
_migrated: dict[str, dict[str, tuple[list[str], list[tuple], str]]] = {}


def _tables(connection) -> list[str]:
    return connection.introspection.django_table_names(only_existing=True, include_views=False)


def _state(connection) -> dict[str, tuple[int, str]]:
    """Each table with rows: how many (counted up to ROW_LIMIT + 1) and a fingerprint of
    its contents for the tables the migrations fill, in one query."""
    tables = _tables(connection)
    if not tables:
        return {}
    quote = connection.ops.quote_name
    remembered = _migrated.get(connection.alias, {})
    parts = []
    for table in tables:
        count = f"(SELECT count(*) FROM (SELECT 1 FROM {quote(table)} LIMIT {ROW_LIMIT + 1}) r)"
        if table in remembered:
            print_ = (
                f"(SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM {quote(table)} t)"
            )
        else:
            print_ = "''"
        parts.append(f"SELECT %s, {count}, {print_}")
    sql = "SELECT * FROM (" + " UNION ALL ".join(parts) + ") s(name, n, fingerprint) WHERE n > 0"
    with connection.cursor() as cursor:
        cursor.execute(sql, tables)
        return {name: (n, fingerprint or "") for name, n, fingerprint in cursor.fetchall()}


def remember(db_name: str = "default"):
    """Remember the rows of the freshly migrated database (call before any test)."""
    connection = connections[db_name]
    quote = connection.ops.quote_name
    saved = {}
    with connection.cursor() as cursor:
        for table in _state(connection):
            cursor.execute(f"SELECT * FROM {quote(table)}")
            columns = [column.name for column in cursor.description]
            saved[table] = (columns, cursor.fetchall(), "")
    _migrated[db_name] = saved
    state = _state(connection)
    _migrated[db_name] = {
        table: (columns, rows, state[table][1]) for table, (columns, rows, _) in saved.items()
    }


def _put_back(connection, tables):
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in tables:
            columns, rows, _fingerprint = _migrated[connection.alias][table]
            if rows:
                names = ", ".join(quote(column) for column in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)


def reset(db_name: str):
    connection = connections[db_name]
    remembered = _migrated.get(db_name, {})
    state = _state(connection)
    changed = [
        table
        for table, (n, fingerprint) in state.items()
        if table not in remembered or remembered[table][2] != fingerprint
    ]
    missing = [table for table in remembered if table not in state]
    if any(state[table][0] > ROW_LIMIT for table in changed if table not in remembered):
        call_command(
            "flush",
            verbosity=0,
            interactive=False,
            database=db_name,
            reset_sequences=False,
            inhibit_post_migrate=True,
        )
        with transaction.atomic(using=db_name):
            _put_back(connection, remembered)
    else:
        quote = connection.ops.quote_name
        with transaction.atomic(using=db_name):
            with connection.cursor() as cursor:
                for table in changed:
                    cursor.execute(f"DELETE FROM {quote(table)}")
            _put_back(connection, [t for t in changed + missing if t in remembered])
    emit_post_migrate_signal(0, False, db_name)


def fixture_teardown(self):
    if self.available_apps is not None or self.serialized_rollback:
        return _django_fixture_teardown(self)
    for db_name in self._databases_names(include_mirrors=False):
        reset(db_name)


def install():
    TransactionTestCase._fixture_teardown = fixture_teardown

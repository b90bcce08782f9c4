"""Inserting many plain rows fast: COPY on PostgreSQL, executemany elsewhere (SQLite).

The ORM's bulk_create spends ~100 µs of Python per object preparing values; a million cases with
their persons, links and history would take minutes. Here rows are tuples already in database form,
built by the writer, and primary keys are reserved beforehand so children can point to parents.
Only for new rows inside the import transaction; updates keep using the ORM.
"""

from contextlib import contextmanager

from django.db import connection

SQLITE_CACHE_KIB = 256 * 1024  # page cache for a bulk load; SQLite's default is 2 MiB


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def reserve_ids(model, count: int) -> list[int]:
    """``count`` primary keys for new rows of ``model``, not used by anyone else.

    PostgreSQL: taken from the table's sequence. SQLite: after the max, safe because the import
    transaction already holds SQLite's single write lock (it has inserted the batch row).
    """
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f'SELECT COALESCE(MAX("id"), 0) FROM "{table}"')  # noqa: S608 - table name from the model
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


def insert_rows(model, columns: list[str], rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in the order of ``columns``, database column names) into ``model``'s table."""
    if not rows:
        return
    table = model._meta.db_table
    quoted = ", ".join(f'"{name}"' for name in columns)
    with connection.cursor() as cursor:
        if is_postgresql():
            with cursor.cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', rows)  # noqa: S608


def db_datetime(value):
    return connection.ops.adapt_datetimefield_value(value)


@contextmanager
def bulk_load():
    """Inside the import's transaction: a page cache that holds the indexes being filled.

    With SQLite's default 2 MiB cache, a million random keys (person pseudonyms, UUIDs) make every
    index insert read and spill pages. ``cache_size`` is allowed inside a transaction and changes
    nothing about durability or atomicity (journal and synchronous settings are left alone).
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def refresh_statistics(*models) -> None:
    """ANALYZE ``models``' tables on PostgreSQL, inside the import's transaction (it sees its own rows).

    After a bulk load the planner still believes the tables are as small as before, and plans the
    identity writer's person look-ups (a join by record id) as a sequential scan of every person:
    quadratic over a million-row import. Fresh statistics turn them into index look-ups.
    """
    if not is_postgresql():
        return
    tables = ", ".join(f'"{model._meta.db_table}"' for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")

"""Inserting many plain rows fast: COPY on PostgreSQL, INSERT … SELECT FROM json_each on SQLite.

The ORM's bulk_create spends ~100 µs of Python per object preparing values; a million cases with
their persons, links and history would take minutes. Here rows are tuples already in database form,
built by the writer, and primary keys are reserved beforehand so children can point to parents.
Only for new rows inside the import transaction; updates keep using the ORM.
"""

import json
import sqlite3
import threading
from collections.abc import Sequence
from contextlib import contextmanager

from django.db import connection

SQLITE_CACHE_KIB = 256 * 1024  # page cache for a bulk load; SQLite's default is 2 MiB
_JSON_ROWS = 20_000  # rows per INSERT … SELECT FROM json_each on SQLite (a few MB of JSON)
_SQLITE_JSON = None  # whether SQLite has json_each and ->> (checked once)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def reserve_ids(model, count: int) -> Sequence[int]:
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
        return range(start, start + count)


def insert_rows(model, columns: list[str], rows: list[tuple], *, raw=None) -> None:
    """Insert ``rows`` (tuples in the order of ``columns``, database column names) into ``model``'s table.

    ``raw``: the sqlite3 connection under Django's, for ``Background`` (its thread has no Django connection).
    """
    if not rows:
        return
    table = model._meta.db_table
    quoted = ", ".join(f'"{name}"' for name in columns)
    if raw is not None:
        values = ", ".join(f"value ->> {index}" for index in range(len(columns)))
        sql = f'INSERT INTO "{table}" ({quoted}) SELECT {values} FROM json_each(?)'  # noqa: S608
        cursor = raw.cursor()
        try:
            for start in range(0, len(rows), _JSON_ROWS):
                cursor.execute(sql, [json.dumps(rows[start : start + _JSON_ROWS], default=str)])
        finally:
            cursor.close()
        return
    with connection.cursor() as cursor:
        if is_postgresql():
            # The raw psycopg cursor: its errors turned into Django's, as the ORM's would be.
            with connection.wrap_database_errors, cursor.cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
            return
        if not _sqlite_json():
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', rows)  # noqa: S608
            return
        # One statement per slice of rows, sent as one JSON array: half the time of executemany (the
        # per-row bind/step/reset round trip, and AUTOINCREMENT's sqlite_sequence kept once per
        # statement instead of once per row). Values are ints, texts and NULLs: JSON keeps them as such.
        values = ", ".join(f"value ->> {index}" for index in range(len(columns)))
        sql = f'INSERT INTO "{table}" ({quoted}) SELECT {values} FROM json_each(%s)'  # noqa: S608
        for start in range(0, len(rows), _JSON_ROWS):
            cursor.execute(sql, [json.dumps(rows[start : start + _JSON_ROWS], default=str)])


class Background:
    """Inserts of new rows run on a second thread while the caller builds the next rows (SQLite only).

    SQLite releases Python's GIL while it executes a statement, so an ``INSERT … SELECT FROM
    json_each`` on a thread runs on the second core beside the Python that builds the next chunk.
    Same connection, so same transaction; the jobs run in order. The caller must not touch the
    database between ``start`` and ``wait`` (ids for SQLite come from ``reserve_ids`` taken before).
    Elsewhere (PostgreSQL: COPY already streams to the server process) the jobs run at once.
    """

    def __init__(self):
        self.raw = None
        if connection.vendor == "sqlite" and sqlite3.threadsafety == 3 and _sqlite_json():
            connection.ensure_connection()
            self.raw = connection.connection  # serialized mode: one connection, two threads
        self.thread = None
        self.error = None

    def start(self, jobs: list[tuple]) -> None:
        """Run ``jobs``, (model, columns, rows) each, after those started before."""
        self.wait()
        if self.raw is None:
            for model, columns, rows in jobs:
                insert_rows(model, columns, rows)
            return
        self.thread = threading.Thread(target=self._run, args=(jobs,), name="pnetp-inserts", daemon=True)
        self.thread.start()

    def _run(self, jobs) -> None:
        try:
            for model, columns, rows in jobs:
                insert_rows(model, columns, rows, raw=self.raw)
        except BaseException as error:  # noqa: BLE001 - raised again by wait(), in the caller's thread
            self.error = error

    def wait(self) -> None:
        """Until the jobs started are done; their error, if any, raised here as Django's database error."""
        if self.thread is not None:
            self.thread.join()
            self.thread = None
        if self.error is not None:
            error, self.error = self.error, None
            with connection.wrap_database_errors:
                raise error


def _sqlite_json() -> bool:
    """SQLite's JSON functions and its ``->>`` operator (3.38+; built in unless compiled out)."""
    global _SQLITE_JSON
    if _SQLITE_JSON is None:
        with connection.cursor() as cursor:
            try:
                cursor.execute("SELECT '[1]' ->> 0")
                _SQLITE_JSON = cursor.fetchone()[0] == 1
            except Exception:  # noqa: BLE001 - an old or JSON-less SQLite: executemany then
                _SQLITE_JSON = False
    return _SQLITE_JSON


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

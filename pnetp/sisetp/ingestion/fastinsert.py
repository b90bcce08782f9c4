"""Inserting many plain rows fast: COPY on PostgreSQL, multi-row INSERT … VALUES on SQLite.

The ORM's bulk_create spends ~100 µs of Python per object preparing values; a million cases with
their persons, links and history would take minutes. Here rows are tuples already in database form,
built by the writer, and primary keys are reserved beforehand so children can point to parents.
Only for new rows inside the import transaction; updates keep using the ORM.
"""

import json
import sqlite3
import sys
import threading
from collections.abc import Sequence
from contextlib import contextmanager
from itertools import chain

from django.db import connection

from pnetp.core.memory import paused_gc

SQLITE_CACHE_KIB = 256 * 1024  # page cache for a bulk load; SQLite's default is 2 MiB
_VALUES_ROWS = 2_500  # rows per INSERT … VALUES on SQLite (fewer if its limit of parameters is lower)
_SQLITE_VARIABLES = None  # SQLite's limit of bound parameters (checked once)
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
            # Usually one unbroken run (nobody else took ids meanwhile): sent back as its ends, not id by id.
            cursor.execute(
                "SELECT CASE WHEN max(id) - min(id) + 1 = count(*) THEN ARRAY[min(id), max(id)] "
                "ELSE array_agg(id ORDER BY id) END "
                "FROM (SELECT nextval(pg_get_serial_sequence(%s, 'id')) AS id FROM generate_series(1, %s)) ids",
                [table, count],
            )
            ids = cursor.fetchone()[0]
            return range(ids[0], ids[1] + 1) if len(ids) == 2 and count != 2 else ids
        cursor.execute(f'SELECT COALESCE(MAX("id"), 0) FROM "{table}"')  # noqa: S608 - table name from the model
        start = cursor.fetchone()[0] + 1
        return range(start, start + count)


def insert_rows(model, columns: list[str], rows: list[tuple], *, raw=None, observe=None) -> None:
    """Insert ``rows`` (tuples in the order of ``columns``, database column names) into ``model``'s table.

    ``raw``: the sqlite3 connection under Django's, for ``Background`` (its thread has no Django connection).
    ``observe(model, columns, rows)``: called once they are written (``pg_keys.NewRowChecks.note``).
    """
    if not rows:
        return
    _insert(model, columns, rows, raw)
    if observe is not None:
        observe(model, columns, rows)


def _insert(model, columns: list[str], rows: list[tuple], raw) -> None:
    table = model._meta.db_table
    quoted = ", ".join(f'"{name}"' for name in columns)
    if isinstance(raw, sqlite3.Connection):
        _sqlite_values(raw, table, quoted, len(columns), rows)
        return
    if raw is not None:  # psycopg's connection, from Background's thread (psycopg serialises its use)
        with raw.cursor() as cursor, cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
        return
    if is_postgresql():
        with connection.cursor() as cursor:
            # The raw psycopg cursor: its errors turned into Django's, as the ORM's would be.
            with connection.wrap_database_errors, cursor.cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
        return
    connection.ensure_connection()
    with connection.wrap_database_errors:
        _sqlite_values(connection.connection, table, quoted, len(columns), rows)


def _sqlite_values(raw, table: str, quoted: str, width: int, rows: list[tuple]) -> None:
    """``INSERT … VALUES (…), (…), …`` of up to ``_VALUES_ROWS`` rows per statement; the last slice
    as ``INSERT … SELECT FROM json_each``.

    A third less of SQLite's time than json_each for every row (it parses each row's JSON text once
    per column). Few statement texts per table: the sqlite3 module keeps compiled statements, and one
    per length of a last slice kept hundreds of large programs alive (twice the memory at a million
    records). Statements stay long because the thread waits for the GIL after each one.
    """
    per_statement = max(1, min(_VALUES_ROWS, _sqlite_variables(raw) // width))
    whole = len(rows) - len(rows) % per_statement
    cursor = raw.cursor()
    try:
        if whole:
            one = _one_row(width)
            sql = f'INSERT INTO "{table}" ({quoted}) VALUES {", ".join([one] * per_statement)}'  # noqa: S608
            for start in range(0, whole, per_statement):
                cursor.execute(sql, list(chain.from_iterable(rows[start : start + per_statement])))
        if whole < len(rows) and not _sqlite_json(raw):  # SQLite < 3.38: no ->>
            cursor.executemany(f'INSERT INTO "{table}" ({quoted}) VALUES {_one_row(width)}', rows[whole:])  # noqa: S608
        elif whole < len(rows):
            # Values are ints, texts and NULLs: JSON keeps them as such.
            values = ", ".join(f"value ->> {index}" for index in range(width))
            sql = f'INSERT INTO "{table}" ({quoted}) SELECT {values} FROM json_each(?)'  # noqa: S608
            cursor.execute(sql, [json.dumps(rows[whole:], default=str)])
    finally:
        cursor.close()


def _one_row(width: int) -> str:
    return "(" + ", ".join(["?"] * width) + ")"


def _sqlite_json(raw) -> bool:
    """SQLite's JSON functions and its ``->>`` operator (3.38+; built in unless compiled out)."""
    global _SQLITE_JSON
    if _SQLITE_JSON is None:
        try:
            _SQLITE_JSON = raw.execute("SELECT '[1]' ->> 0").fetchone()[0] == 1
        except sqlite3.Error:
            _SQLITE_JSON = False
    return _SQLITE_JSON


def _sqlite_variables(raw) -> int:
    """SQLite's limit of bound parameters per statement (32,766 since 3.32; 999 before)."""
    global _SQLITE_VARIABLES
    if _SQLITE_VARIABLES is None:
        try:
            _SQLITE_VARIABLES = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        except AttributeError:  # Python < 3.11
            _SQLITE_VARIABLES = 999
    return _SQLITE_VARIABLES


class Background:
    """Inserts of new rows run on a second thread while the caller builds the next rows (SQLite only).

    SQLite releases Python's GIL while it executes a statement, so a multi-row ``INSERT … VALUES``
    on a thread runs on the second core beside the Python that builds the next chunk. On
    PostgreSQL the thread's COPY waits for the server process, which then works beside it.
    Same connection, so same transaction; the jobs run in order. The caller must not touch the
    database between ``start`` and ``wait`` (ids come from ``reserve_ids`` taken before).
    """

    def __init__(self, observe=None):
        self.observe = observe  # passed to ``insert_rows``
        self.raw = None
        if connection.vendor == "sqlite" and sqlite3.threadsafety == 3:
            connection.ensure_connection()
            self.raw = connection.connection  # serialized mode: one connection, two threads
        elif connection.vendor == "postgresql":
            connection.ensure_connection()
            self.raw = connection.connection  # psycopg 3 connections are thread-safe (one lock)
        self.thread = None
        self.error = None

    def start(self, jobs: list[tuple]) -> None:
        """Run ``jobs``, (model, columns, rows) each, after those started before."""
        self.wait()
        if self.raw is None:
            for model, columns, rows in jobs:
                insert_rows(model, columns, rows, observe=self.observe)
            return
        self.thread = threading.Thread(target=self._run, args=(jobs,), name="pnetp-inserts", daemon=True)
        self.thread.start()

    def _run(self, jobs) -> None:
        try:
            for model, columns, rows in jobs:
                insert_rows(model, columns, rows, raw=self.raw, observe=self.observe)
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


def db_datetime(value):
    return connection.ops.adapt_datetimefield_value(value)


@contextmanager
def bulk_load():
    """Inside the import's transaction, around its writes (SQLite: a page cache that holds the indexes
    being filled; nothing elsewhere).

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


GIL_SWITCH_SECONDS = 0.0005  # Python's default is 0.005


_handoffs = {"active": 0, "previous": None}
_handoff_lock = threading.Lock()


@contextmanager
def process_settings():
    """Around an import in a process that serves no requests (a job of ``pnetp worker``, a command):
    the cyclic garbage collector paused (``pnetp.core.memory.paused_gc``) and the GIL handed over often
    (``gil_handoff``). Both are the whole process's, every thread's: never around code a view calls,
    and ``batches.run_import`` never sets them itself.
    """
    with paused_gc(), gil_handoff():
        yield


@contextmanager
def gil_handoff(seconds: float = GIL_SWITCH_SECONDS):
    """Python's GIL passes between threads every 0.5 ms instead of every 5 ms (see ``process_settings``).

    The insert thread (``Background``) needs the GIL between its statements, to bind the next
    statement's parameters; with the default interval it waited up to 5 ms each time for the thread
    that validates. The first of overlapping users sets it, the last one to end restores it.
    """
    with _handoff_lock:
        if _handoffs["active"] == 0:
            _handoffs["previous"] = sys.getswitchinterval()
            sys.setswitchinterval(seconds)
        _handoffs["active"] += 1
    try:
        yield
    finally:
        with _handoff_lock:
            _handoffs["active"] -= 1
            if _handoffs["active"] == 0:
                sys.setswitchinterval(_handoffs["previous"])

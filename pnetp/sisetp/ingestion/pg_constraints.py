"""Foreign keys checked once per large import instead of once per row (PostgreSQL only).

Django declares PostgreSQL foreign keys ``DEFERRABLE INITIALLY DEFERRED``: every row inserted queues
one check per foreign key of its table, and COMMIT runs them one by one (an index look-up and a row
lock each, ~4–5 µs). A million-record import inserts ~10 M rows carrying ~23 M such checks: over a
minute of COMMIT on one core, while the importer waits.

``checked_once`` is what ``pg_restore`` and PostgreSQL's own advice for bulk loads do ("Remove
Foreign Key Constraints"): inside the import's transaction, before its first insert, it drops the
foreign keys of the tables the import bulk-loads, and before the transaction commits it adds them
back under the same names with the same definitions (``pg_get_constraintdef``: same columns,
referenced table, actions, ``DEFERRABLE INITIALLY DEFERRED``). Adding a foreign key checks every row
of the table at once, with one anti-join per constraint — the check a per-row trigger does, set-based.

Why it is sound:

- all or nothing: PostgreSQL's DDL is transactional. The drops, the rows and the re-adds are one
  transaction (and one savepoint of ours, so an error inside undoes the drops even if a caller
  catches it): an error anywhere, a violated key at the re-add, a killed process or a lost
  connection leave the constraints as they were and nothing written;
- nothing escapes the check: the re-add checks every row of each table (the import's and the
  others), as of the import's own snapshot, and takes SHARE ROW EXCLUSIVE on the referenced table
  until the commit, so no referenced row can be deleted between that check and the commit;
- nobody else writes unchecked rows meanwhile: dropping a foreign key takes ACCESS EXCLUSIVE on its
  table and on the referenced table, held until the commit.

The price is that lock. From the drop to the commit — the whole import, since a large file is written
while it is validated — other sessions can neither read nor write the locked tables: cases, persons,
events, identities, the link tables, and the referenced ones (import batches, data sources, standard
versions, vocabulary terms and the territory tables: the pages that read them wait for the import).
Hence only for large imports (``MIN_ROWS`` records and more, a bulk load an operator runs), and only
when the new records are at least ``EXISTING_SHARE`` of the cases already stored (the re-add reads
whole tables: into a database of ten million cases a hundred thousand more are cheaper checked row
by row). The locks are asked for all at once with NOWAIT (a queued ACCESS EXCLUSIVE request would make
every later reader queue behind it, and waiting could deadlock with a reader): if one is not free
after a few tries, or the role may not alter the tables, the import checks row by row, as before.
A constraint created NOT VALID is left alone (re-added NOT VALID, it would not check the new rows).
"""

import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connection, transaction

logger = logging.getLogger(__name__)

MIN_ROWS = 100_000  # records of an import past which its foreign keys are checked once
# (setting SISETP_IMPORT_KEYS_CHECKED_ONCE_FROM: another number; None: never, every import row by row)
EXISTING_SHARE = 0.25  # … if they are at least this share of the cases already stored
LOCK_ATTEMPTS = 20  # tries to take the locks (NOWAIT), LOCK_PAUSE seconds apart
LOCK_PAUSE = 0.1
_LOCK_NOT_AVAILABLE = "55P03"


@dataclass(frozen=True)
class ForeignKey:
    table: str  # the table, as regclass prints it (quoted, qualified if off the search path)
    referenced: str
    name: str  # the constraint's name, quoted, qualified by its schema
    bare_name: str
    definition: str  # pg_get_constraintdef: "FOREIGN KEY (…) REFERENCES …(…) DEFERRABLE INITIALLY DEFERRED"
    comment: str | None


def bulk_models() -> list:
    """The models whose tables the importer bulk-loads (``fastinsert.insert_rows``)."""
    from ..models import Case, CasePerson, Event, PersonIdentity

    through = [field.remote_field.through for field in CasePerson._meta.many_to_many]
    return [Case, CasePerson, Event, *through, PersonIdentity]


def foreign_keys(tables: list[str]) -> list[ForeignKey]:
    """The validated foreign keys of ``tables`` (names of tables), by table and name."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.conrelid::regclass::text, c.confrelid::regclass::text,
                   format('%%I.%%I', n.nspname, c.conname), c.conname,
                   pg_get_constraintdef(c.oid), obj_description(c.oid, 'pg_constraint')
            FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
            WHERE c.contype = 'f' AND c.convalidated AND c.conrelid = ANY(%s::regclass[])
            ORDER BY 1, 4
            """,
            [list(tables)],
        )
        return [ForeignKey(*row) for row in cursor.fetchall()]


def worth_it(rows: int) -> bool:
    """Whether an import of ``rows`` new records should have its foreign keys checked once."""
    least = getattr(settings, "SISETP_IMPORT_KEYS_CHECKED_ONCE_FROM", MIN_ROWS)
    if connection.vendor != "postgresql" or least is None or rows < least:
        return False
    from ..models import Case

    limit = int(rows / EXISTING_SHARE)
    with connection.cursor() as cursor:  # counts no further than needed
        table = connection.ops.quote_name(Case._meta.db_table)
        cursor.execute(f"SELECT count(*) FROM (SELECT 1 FROM {table} LIMIT %s) AS cases", [limit + 1])  # noqa: S608
        return cursor.fetchone()[0] <= limit


@contextmanager
def checked_once(rows: int, models=None):
    """Inside the import's transaction, around its writes: the foreign keys of ``models``' tables
    (default ``bulk_models()``) checked once at the end rather than row by row, if the import is
    large (``rows`` records, see the module docstring). Raises the database's IntegrityError at the
    end if a row violates one; the caller's transaction then rolls back."""
    if not worth_it(rows):
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("checked_once needs the import's transaction (transaction.atomic)")
    tables = [model._meta.db_table for model in (models or bulk_models())]
    with transaction.atomic():  # a savepoint: an error inside undoes the drops whoever catches it
        dropped = _drop(tables)
        yield
        if dropped:
            _restore(dropped)


def _deferrable_around(cursor, tables: list[str]) -> list[tuple[str, bool]]:
    """(name, initially deferred) of the deferrable constraints whose triggers can hold events queued on
    ``tables``: those of the tables and the foreign keys that reference them."""
    cursor.execute(
        """
        SELECT DISTINCT format('%%I.%%I', n.nspname, c.conname), c.condeferred
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE c.condeferrable AND (c.conrelid = ANY(%s::regclass[]) OR c.confrelid = ANY(%s::regclass[]))
        ORDER BY 1
        """,
        [tables, tables],
    )
    return cursor.fetchall()


def _fire_pending(cursor, constraints) -> None:
    """Run now the checks already queued for ``constraints``: PostgreSQL refuses to add or drop a
    foreign key while its table or the referenced one has checks queued (rows written earlier in the
    transaction, persons deleted by the import's updates). They would run at COMMIT anyway."""
    if constraints:
        cursor.execute("SET CONSTRAINTS " + ", ".join(name for name, _deferred in constraints) + " IMMEDIATE")


def _reset_modes(cursor, constraints) -> None:
    deferred = [name for name, initially_deferred in constraints if initially_deferred]
    immediate = [name for name, initially_deferred in constraints if not initially_deferred]
    for names, mode in ((deferred, "DEFERRED"), (immediate, "IMMEDIATE")):
        if names:
            cursor.execute(f"SET CONSTRAINTS {', '.join(names)} {mode}")


def _by_table(keys: list[ForeignKey]) -> dict[str, list[ForeignKey]]:
    grouped: dict[str, list[ForeignKey]] = {}
    for key in keys:
        grouped.setdefault(key.table, []).append(key)
    return grouped


def _drop(tables: list[str]) -> list[ForeignKey]:
    """Drop the foreign keys of ``tables``; [] (nothing dropped) if the locks are not free or the role
    may not alter the tables."""
    keys = foreign_keys(tables)
    if not keys:
        return []
    locked = sorted({key.table for key in keys} | {key.referenced for key in keys})
    for attempt in range(LOCK_ATTEMPTS):
        if attempt:
            time.sleep(LOCK_PAUSE)
        try:
            with transaction.atomic(), connection.cursor() as cursor:  # a savepoint: a failed try leaves nothing
                # All the locks in one statement, without waiting (see the module docstring).
                cursor.execute(f"LOCK TABLE {', '.join(locked)} IN ACCESS EXCLUSIVE MODE NOWAIT")
                around = _deferrable_around(cursor, locked)
                _fire_pending(cursor, around)
                for table, group in _by_table(keys).items():
                    drops = ", ".join(f"DROP CONSTRAINT {connection.ops.quote_name(key.bare_name)}" for key in group)
                    cursor.execute(f"ALTER TABLE {table} {drops}")
                names = {key.name for key in keys}
                _reset_modes(cursor, [item for item in around if item[0] not in names])
            return keys
        except DatabaseError as error:
            if getattr(error.__cause__, "sqlstate", None) == _LOCK_NOT_AVAILABLE:
                continue
            logger.warning("foreign keys checked row by row: cannot drop them (%s)", error)
            return []
    logger.info("foreign keys checked row by row: tables in use (%s tries)", LOCK_ATTEMPTS)
    return []


def _restore(keys: list[ForeignKey]) -> None:
    """Add ``keys`` back, same names and definitions; each addition checks its whole table."""
    locked = sorted({key.table for key in keys} | {key.referenced for key in keys})
    with connection.cursor() as cursor:
        around = _deferrable_around(cursor, locked)
        _fire_pending(cursor, around)
        for table, group in _by_table(keys).items():
            adds = ", ".join(
                f"ADD CONSTRAINT {connection.ops.quote_name(key.bare_name)} {key.definition}" for key in group
            )
            cursor.execute(f"ALTER TABLE {table} {adds}")
        for key in keys:
            if key.comment is not None:
                cursor.execute(f"COMMENT ON CONSTRAINT {connection.ops.quote_name(key.bare_name)} ON {key.table} IS %s",
                               [key.comment])  # fmt: skip
        _reset_modes(cursor, around)

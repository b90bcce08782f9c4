"""The foreign keys of an import's new rows checked set-based, with no DDL and no table lock (PostgreSQL only).

Django declares PostgreSQL foreign keys ``DEFERRABLE INITIALLY DEFERRED``: every row inserted queues one
check per foreign key of its table (a trigger), and COMMIT runs them one by one, an index look-up and
a row lock each. A million-record import inserts ~10 M rows carrying ~23 M such checks.

``NewRowChecks`` wraps the inserts of new rows (``writer.Creating``), inside the import's
transaction:

- before them, ``SET LOCAL session_replication_role = replica``: PostgreSQL fires no ordinary trigger
  for this transaction's writes, so no check is queued. It is a setting of this transaction only: no
  DDL, no lock, nothing other sessions see, undone by a rollback (to a savepoint too);
- while they run, ``note`` sees every row ``fastinsert.insert_rows`` has just written (the values COPY
  sent): it keeps the primary keys of the new rows that other new rows point to (cases, persons) and,
  per foreign key, the distinct values that name none of them (terms, countries, municipalities,
  sources, the batch: a few thousand values, not one per row);
- after them, back to ``origin`` and, per foreign key, one query over those distinct values: every
  one must name an existing row, and the rows named are locked ``FOR KEY SHARE`` until the commit —
  the lock each per-row check takes — so no other session can delete or re-key them before the import
  commits. A key that names no row raises ``IntegrityError``, and the import's transaction rolls back.

The check reads no new row back from the database: at a million records, scanning the ~10 M new rows
again per key (the previous way) cost the server as much CPU as inserting them.

Readers and writers of the referenced tables (territory, vocabularies, sources) are never blocked; a
session that deletes a referenced row waits for the import, as it would for the per-row checks.

Between ``NewRowChecks()`` and ``finish`` every insert must go through ``fastinsert.insert_rows`` with
``observe=note`` (``fastinsert.Background(observe=…)`` does it): a row written otherwise would escape both
checks. When not possible the rows are checked one by one at COMMIT, as PostgreSQL does by default: on
SQLite (its checks are per row and cheap), when the role may not set ``session_replication_role``
(superusers may; from PostgreSQL 15 ``GRANT SET ON PARAMETER session_replication_role TO <role>``), or
when a table has a trigger of its own or a foreign key of several columns (replica mode would silence
the one; the check does not cover the other).
"""

import logging
from dataclasses import dataclass
from operator import itemgetter

from django.db import DatabaseError, IntegrityError, connection, transaction

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ForeignKey:
    name: str
    table: str
    column: str
    referenced: str
    referenced_column: str
    referenced_type: str  # the SQL type of the referenced column (``format_type``)


def bulk_models() -> list:
    """The models whose new rows ``writer.Creating`` inserts (``fastinsert.insert_rows``)."""
    from ..models import Case, CasePerson, Event, PersonIdentity

    through = [field.remote_field.through for field in CasePerson._meta.many_to_many]
    return [Case, CasePerson, Event, *through, PersonIdentity]


class NewRowChecks:
    """Started before the inserts of new rows, ``finish``-ed after the last one (see the module docstring).

    ``active``: whether the checks are set-based (PostgreSQL, allowed); otherwise each row is checked at
    COMMIT, and ``note`` and ``finish`` do nothing. An error between the two must roll the transaction
    back (it undoes the setting); the import's writes always run inside ``transaction.atomic``.
    """

    def __init__(self, models=None):
        self.active = False
        if connection.vendor != "postgresql":
            return
        if not connection.in_atomic_block:
            raise RuntimeError("NewRowChecks needs the import's transaction (transaction.atomic)")
        models = models or bulk_models()
        tables = {model._meta.db_table: model for model in models}
        keys = _foreign_keys(list(tables))
        if keys is None or not _replica():
            return
        self.active = True
        self.keys: dict[str, list[ForeignKey]] = {}
        for key in keys:
            self.keys.setdefault(key.table, []).append(key)
        # Primary keys of the new rows that new rows of another table point to (a case's, a person's).
        self.written: dict[str, set] = {key.referenced: set() for key in keys if key.referenced in tables}
        self.primary = {table: tables[table]._meta.pk.column for table in self.written}
        self.named: dict[ForeignKey, set] = {key: set() for key in keys}  # values to look for in the database

    def note(self, model, columns: list[str], rows: list[tuple]) -> None:
        """``rows`` (in the order of ``columns``) were just written into ``model``'s table."""
        if not self.active or not rows:
            return
        table = model._meta.db_table
        if table in self.written:
            self.written[table].update(map(itemgetter(columns.index(self.primary[table])), rows))
        for key in self.keys.get(table, ()):
            if key.column not in columns:  # its default: NULL
                continue
            values = set(map(itemgetter(columns.index(key.column)), rows))
            values.discard(None)
            values -= self.written.get(key.referenced, set())  # new rows written before these
            self.named[key] |= values

    def finish(self) -> None:
        """Triggers back on, then every foreign key of the new rows checked (IntegrityError if one fails)."""
        if not self.active:
            return
        self.active = False
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = origin")
            for key, values in self.named.items():
                # Names of new rows written after the rows that name them are looked for like the rest.
                values -= self.written.get(key.referenced, set())
                if values and _found(cursor, key, values) != len(values):
                    raise IntegrityError(
                        f'insert or update on table "{key.table}" violates foreign key constraint "{key.name}"'
                    )
        self.written.clear()
        self.named.clear()


def _found(cursor, key: ForeignKey, values: set) -> int:
    """How many of ``values`` name a row of ``key.referenced``; those rows locked FOR KEY SHARE until the commit."""
    quote = connection.ops.quote_name
    column, referenced = quote(key.referenced_column), quote(key.referenced)
    # As text, cast to the column's type: the values are those COPY sent, in its text form.
    cursor.execute(
        f"""
        WITH locked AS MATERIALIZED (
            SELECT 1 FROM {referenced} p WHERE p.{column} = ANY(%s::text[]::{key.referenced_type}[])
            FOR KEY SHARE OF p
        )
        SELECT count(*) FROM locked
        """,  # noqa: S608 - names and type from the catalogue
        [[str(value) for value in values]],
    )
    return cursor.fetchone()[0]


def _foreign_keys(tables: list[str]) -> list[ForeignKey] | None:
    """The foreign keys of ``tables``; None if replica mode would be wrong for them (see the docstring)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgrelid = ANY(%s::regclass[]) AND NOT tgisinternal",
            [tables],
        )
        if cursor.fetchone()[0]:
            return None
        cursor.execute(
            """
            SELECT c.conname, c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, r.attname,
                   format_type(r.atttypid, r.atttypmod), cardinality(c.conkey)
            FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = c.confkey[1]
            WHERE c.contype = 'f' AND c.conrelid = ANY(%s::regclass[])
            ORDER BY 2, 1
            """,
            [tables],
        )
        rows = cursor.fetchall()
    if any(width != 1 for *_key, width in rows):
        return None
    return [ForeignKey(*row[:6]) for row in rows]


def _replica() -> bool:
    """Whether this transaction could turn its ordinary triggers off (the role's privilege)."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:  # a savepoint: a refusal leaves nothing
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError as error:
        logger.info("foreign keys checked row by row: %s", error)
        return False
    return True

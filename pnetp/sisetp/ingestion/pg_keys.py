"""The foreign keys of an import's new rows checked set-based, with no DDL and no table lock (PostgreSQL only).

Django declares PostgreSQL foreign keys ``DEFERRABLE INITIALLY DEFERRED``: every row inserted queues one
check per foreign key of its table (a trigger), and COMMIT runs them one by one, an index look-up and
a row lock each. A million-record import inserts ~10 M rows carrying ~23 M such checks.

``NewRowChecks`` wraps the inserts of new rows (``writer.Creating``), inside the import's
transaction:

- before them, ``SET LOCAL session_replication_role = replica``: PostgreSQL fires no ordinary trigger
  for this transaction's writes, so no check is queued. It is a setting of this transaction only: no
  DDL, no lock, nothing other sessions see, undone by a rollback (to a savepoint too);
- after them, back to ``origin`` and, per foreign key of ``models``' tables, a query or three over the
  rows written meanwhile (ids above the table's sequence as it was before): every key they hold must name
  an existing row (keys to the import's own new rows: one anti-join against those rows only), and the
  referenced rows that existed before the import are locked ``FOR KEY SHARE``
  until the commit — the lock each per-row check takes — so no other session can delete or re-key
  them before the import commits (their own checks then see the import's rows). A key that names no
  row raises ``IntegrityError``, and the import's transaction rolls back.

Readers and writers of the referenced tables (territory, vocabularies, sources) are never blocked; a
session that deletes a referenced row waits for the import, as it would for the per-row checks.

When not possible the rows are checked one by one at COMMIT, as PostgreSQL does by default: on SQLite
(its checks are per row and cheap), when the role may not set ``session_replication_role``
(superusers may; from PostgreSQL 15 ``GRANT SET ON PARAMETER session_replication_role TO <role>``),
or when a table has a trigger of its own or a foreign key of several columns (replica mode would
silence the one; the set-based check does not cover the other).
"""

import logging
from dataclasses import dataclass

from django.db import DatabaseError, IntegrityError, connection, transaction

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ForeignKey:
    name: str
    table: str
    column: str
    referenced: str
    referenced_column: str


def bulk_models() -> list:
    """The models whose new rows ``writer.Creating`` inserts (``fastinsert.insert_rows``)."""
    from ..models import Case, CasePerson, Event, PersonIdentity

    through = [field.remote_field.through for field in CasePerson._meta.many_to_many]
    return [Case, CasePerson, Event, *through, PersonIdentity]


class NewRowChecks:
    """Started before the inserts of new rows, ``finish``-ed after the last one (see the module docstring).

    ``active``: whether the checks are set-based (PostgreSQL, allowed); otherwise each row is checked at
    COMMIT and ``finish`` does nothing. An error between the two must roll the transaction back (it
    undoes the setting); the import's writes always run inside ``transaction.atomic``.
    """

    def __init__(self, models=None):
        self.active = False
        if connection.vendor != "postgresql":
            return
        if not connection.in_atomic_block:
            raise RuntimeError("NewRowChecks needs the import's transaction (transaction.atomic)")
        models = models or bulk_models()
        self.keys = _foreign_keys([model._meta.db_table for model in models])
        self.marks = _watermarks(models) if self.keys is not None else None
        self.active = self.marks is not None and _replica()

    def finish(self) -> None:
        """Triggers back on, then every foreign key of the new rows checked (IntegrityError if one fails)."""
        if not self.active:
            return
        self.active = False
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = origin")
        check(self.keys, self.marks)


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
                   cardinality(c.conkey)
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
    return [ForeignKey(*row[:5]) for row in rows]


def _watermarks(models) -> dict[str, tuple[str, int]] | None:
    """table → (primary key column, the highest id before the import's rows): every row the import
    inserts has a larger one (ids come from the table's sequence, or are the pk of a row of such a
    table: a person's identity). None if a table has neither."""
    marks: dict[str, tuple[str, int]] = {}
    pending = []
    with connection.cursor() as cursor:
        for model in models:
            table, pk = model._meta.db_table, model._meta.pk
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, pk.column])
            sequence = cursor.fetchone()[0]
            if sequence is None:
                pending.append(model)
                continue
            cursor.execute(f"SELECT last_value, is_called FROM {sequence}")  # noqa: S608 - from the catalogue
            last, called = cursor.fetchone()
            marks[table] = (pk.column, last if called else last - 1)
    for model in pending:  # a primary key that is a foreign key to a table above (PersonIdentity.person)
        parent = model._meta.pk.related_model
        if parent is None or parent._meta.db_table not in marks:
            return None
        marks[model._meta.db_table] = (model._meta.pk.column, marks[parent._meta.db_table][1])
    return marks


def _replica() -> bool:
    """Whether this transaction could turn its ordinary triggers off (the role's privilege)."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:  # a savepoint: a refusal leaves nothing
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError as error:
        logger.info("foreign keys checked row by row: %s", error)
        return False
    return True


def check(keys: list[ForeignKey], marks: dict[str, tuple[str, int]]) -> None:
    """Every key of the rows above ``marks`` names an existing row; those that existed before are
    locked FOR KEY SHARE until the commit. Raises IntegrityError naming the first key that does not."""
    with connection.cursor() as cursor:
        for key in keys:
            if _missing(cursor, key, marks):
                raise IntegrityError(
                    f'insert or update on table "{key.table}" violates foreign key constraint "{key.name}"'
                )


def _missing(cursor, key: ForeignKey, marks: dict[str, tuple[str, int]]) -> int:
    """How many keys of ``key.table``'s new rows name no row (0: all do, and the older ones are locked)."""
    quote = connection.ops.quote_name
    pk, mark = marks[key.table]
    child, fk = quote(key.table), quote(key.column)
    column, referenced = quote(key.referenced_column), quote(key.referenced)
    new_rows = f"c.{quote(pk)} > %s AND c.{fk} IS NOT NULL"
    parents = marks.get(key.referenced)
    older = ""
    missing_new = 0
    if parents is not None:  # a table the import writes too: its new rows need no lock, only to exist
        parent_mark = int(parents[1])
        older = f"AND c.{fk} <= {parent_mark}"
        cursor.execute(
            f"SELECT count(*) FROM {child} c WHERE {new_rows} AND c.{fk} > {parent_mark} "  # noqa: S608
            f"AND NOT EXISTS (SELECT 1 FROM {referenced} p WHERE p.{column} = c.{fk} AND p.{column} > {parent_mark})",
            [mark],
        )
        missing_new = cursor.fetchone()[0]
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {child} c WHERE {new_rows} {older})", [mark])  # noqa: S608
        if not cursor.fetchone()[0]:
            return missing_new
    # The rows that existed before: locked, then counted (a row deleted meanwhile is not locked).
    cursor.execute(
        f"""
        WITH used AS MATERIALIZED (SELECT DISTINCT c.{fk} AS key FROM {child} c WHERE {new_rows} {older}),
        locked AS MATERIALIZED (
            SELECT 1 FROM {referenced} p WHERE p.{column} IN (SELECT key FROM used) FOR KEY SHARE OF p
        )
        SELECT (SELECT count(*) FROM used) - (SELECT count(*) FROM locked)
        """,  # noqa: S608 - names from the catalogue, numbers from the database
        [mark],
    )
    return missing_new + cursor.fetchone()[0]

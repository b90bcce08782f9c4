"""Foreign keys of an import's new rows (``ingestion.pg_keys``): checked set-based on PostgreSQL, with no DDL
and no table lock that would keep a reader of the territory or the vocabularies waiting.

Both write paths run: the pipeline (chunks of 3 rows) and the usual one. Most tests are PostgreSQL's only
(its locks, its settings); on SQLite the checks are SQLite's own, per row.
"""

import os

import psycopg
import pytest
from django.db import IntegrityError, connection

from pnetp.sisetp.ingestion import batches, fastinsert, pg_keys, writer
from pnetp.sisetp.ingestion.batches import run_import
from pnetp.sisetp.models import Case, CasePerson, Event, ImportBatch, PersonIdentity

from .test_ingestion_fixtures import CASE_HEADER, case_rows, feed, write_csv  # noqa: F401

pg_only = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's locks and settings")
PATHS = pytest.mark.parametrize("chunk", [3, 10**9], ids=["chunks of 3", "one chunk"])
IDENTITY_HEADER = ["fonte", "id_registro", "id_pessoa", "nome", "cpf", "data_nascimento"]
# Table locks a write takes; anything stronger (SHARE and up) blocks writers, ACCESS EXCLUSIVE readers too.
WRITE_LOCKS = {"AccessShareLock", "RowShareLock", "RowExclusiveLock"}


def import_cases(feed, tmp_path, rows, chunk, monkeypatch, name="casos.csv", identities=None):
    monkeypatch.setattr(writer, "CREATE_CHUNK", chunk)
    return run_import(feed.source, "standard", write_csv(tmp_path / name, CASE_HEADER, rows), identity_path=identities)


def second_connection():
    """Another session on the test database (it sees committed rows only: the territory, the vocabularies)."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    return psycopg.connect(**params, autocommit=True)


def identities_file(tmp_path):
    return write_csv(
        tmp_path / "identidades.csv", IDENTITY_HEADER, [["creas-ficticio", "R0001", "1", "Maria Fictícia", "", ""]]
    )


@pg_only
@PATHS
def test_an_import_takes_no_lock_that_blocks_readers_of_the_reference_tables(feed, tmp_path, monkeypatch, chunk):
    """Seen from a second session while the new rows are written and again while their keys are checked:
    the import's table locks are those of plain writes, and a page's queries on the territory and the
    vocabularies answer at once (a lock wait would end in lock_timeout)."""
    backend = connection.connection.info.backend_pid
    seen = []
    other = second_connection()

    def look(moment):
        other.execute("SET lock_timeout = '2s'")
        modes = other.execute(
            "SELECT DISTINCT c.relname, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "WHERE l.pid = %s AND l.locktype = 'relation'",
            [backend],
        ).fetchall()
        counts = [
            other.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
            for table in ("territory_country", "territory_municipality", "territory_federativeunit",
                          "sisetp_vocabularyterm", "sisetp_datasource")
        ]  # fmt: skip
        other.execute("SELECT alpha2 FROM territory_country WHERE alpha2 = 'VE' FOR SHARE").fetchall()
        seen.append((moment, modes, counts))

    insert_rows, finish = fastinsert.insert_rows, pg_keys.NewRowChecks.finish

    def inserting(model, columns, rows, **kwargs):
        insert_rows(model, columns, rows, **kwargs)
        if model is Event and not seen:
            look("writing")

    def finishing(self):
        finish(self)
        look("checked")

    monkeypatch.setattr(fastinsert, "insert_rows", inserting)
    monkeypatch.setattr(pg_keys.NewRowChecks, "finish", finishing)
    try:
        result = import_cases(feed, tmp_path, case_rows(8), chunk, monkeypatch, identities=identities_file(tmp_path))
    finally:
        other.close()
    assert result.ok, result.report.lines()
    assert [moment for moment, _modes, _counts in seen] == ["writing", "checked"]
    for _moment, modes, counts in seen:
        assert {mode for _table, mode in modes} <= WRITE_LOCKS, modes
        assert all(counts[:4]), counts  # committed rows; the test's own source is not committed (0)
    tables = {table for _table_mode in [seen[-1][1]] for table, _mode in _table_mode}
    assert {"sisetp_case", "territory_country"} <= tables  # it did write, and it holds the keys it uses
    assert Case.objects.count() == 8 and CasePerson.objects.count() == 16 and PersonIdentity.objects.count() == 1


@pg_only
@PATHS
def test_rows_the_new_rows_point_to_cannot_be_deleted_before_the_import_commits(feed, tmp_path, monkeypatch, chunk):
    """The lock each per-row check would take (FOR KEY SHARE) is taken by the set-based one: another session
    that would delete a country of the new citizenships, or a vocabulary term of theirs, has to wait."""
    refused = []

    def finishing(self, finish=pg_keys.NewRowChecks.finish):
        finish(self)
        other = second_connection()
        try:
            for sql in (
                "SELECT 1 FROM territory_country WHERE alpha2 = 'VE' FOR UPDATE NOWAIT",
                "SELECT 1 FROM sisetp_vocabularyterm WHERE code = 'ameaca' FOR UPDATE NOWAIT",
            ):
                try:
                    other.execute(sql).fetchall()
                except psycopg.errors.LockNotAvailable:
                    refused.append(sql)
        finally:
            other.close()

    monkeypatch.setattr(pg_keys.NewRowChecks, "finish", finishing)
    assert import_cases(feed, tmp_path, case_rows(4), chunk, monkeypatch).ok
    assert len(refused) == 2


@pg_only
@PATHS
@pytest.mark.parametrize("table", ["citizenships", "event", "identity", "older person"])
def test_a_row_that_violates_a_foreign_key_fails_the_import(feed, tmp_path, monkeypatch, chunk, table):
    """Rows written past every check but the database's own: a citizenship in a country that does
    not exist, an event in a municipality that does not exist, an identity of no person, a link to a
    person id below the import's own (where rows written before it would be) that names no one."""
    insert_rows, spoiled = fastinsert.insert_rows, []

    def spoiling(model, columns, rows, **kwargs):
        if rows and not spoiled and model._meta.db_table == f"sisetp_caseperson_{table}":
            rows = [*rows, (rows[0][0], "ZZ")]
            spoiled.append(model)
        elif rows and not spoiled and model is Event and table == "event":
            rows = [*rows, (rows[0][0], "transito", 99, None, None, 9999999, None, None)]
            spoiled.append(model)
        elif (
            rows
            and not spoiled
            and model._meta.db_table == "sisetp_caseperson_citizenships"
            and table == "older person"
        ):
            rows = [*rows, (0, "BR")]
            spoiled.append(model)
        elif rows and not spoiled and model is PersonIdentity and table == "identity":
            rows = [*rows, (10**12, *rows[0][1:])]
            spoiled.append(model)
        return insert_rows(model, columns, rows, **kwargs)

    monkeypatch.setattr(fastinsert, "insert_rows", spoiling)
    identities = identities_file(tmp_path) if table == "identity" else None
    with pytest.raises(IntegrityError, match="violates foreign key constraint"):
        import_cases(feed, tmp_path, case_rows(8), chunk, monkeypatch, identities=identities)
    assert spoiled
    assert not Case.objects.exists() and not CasePerson.objects.exists() and not ImportBatch.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute("SHOW session_replication_role")
        assert cursor.fetchone()[0] == "origin"  # the rollback undid the setting


@PATHS
@pytest.mark.parametrize("where", ["_start_batch", "_finish"], ids=["before the inserts", "after the inserts"])
def test_an_error_during_the_write_leaves_no_rows(feed, tmp_path, monkeypatch, chunk, where):
    original = getattr(batches, where)

    def failing(*args, **kwargs):
        original(*args, **kwargs)
        raise RuntimeError("falha simulada")

    monkeypatch.setattr(batches, where, failing)
    with pytest.raises(RuntimeError, match="falha simulada"):
        import_cases(feed, tmp_path, case_rows(8), chunk, monkeypatch)
    assert not Case.objects.exists() and not CasePerson.objects.exists() and not Event.objects.exists()
    assert not ImportBatch.objects.exists()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW session_replication_role")
            assert cursor.fetchone()[0] == "origin"


@PATHS
def test_updates_and_rows_written_earlier_in_the_transaction_are_checked_as_usual(feed, tmp_path, monkeypatch,
                                                                                   chunk):  # fmt: skip
    first = import_cases(feed, tmp_path, case_rows(3), chunk, monkeypatch)
    assert first.ok
    Event.objects.create(case=Case.objects.get(source_record_id="R0001"), kind="transito", sequence=7)  # queued
    rows = [row for row in case_rows(6) if not (row[1] == "R0002" and row[2] == "2")]  # R0002 loses a person
    rows = [row[:8] + ["30"] + row[9:] if row[1] == "R0002" else row for row in rows]
    again = import_cases(feed, tmp_path, rows, chunk, monkeypatch, name="v2.csv")
    assert again.ok, again.report.lines()
    assert again.counts["cases_created"] == 3 and again.counts["cases_updated"] == 1
    assert again.counts["persons_deleted"] == 1
    assert Case.objects.count() == 6 and CasePerson.objects.count() == 11
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # what COMMIT would check: nothing fails


@pg_only
def test_the_new_rows_are_checked_set_based_and_triggers_come_back_on(feed, tmp_path, monkeypatch):
    states = []

    def inserting(model, columns, rows, insert_rows=fastinsert.insert_rows, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SHOW session_replication_role")
            states.append(cursor.fetchone()[0])
        return insert_rows(model, columns, rows, **kwargs)

    monkeypatch.setattr(writer.fastinsert.Background, "start", lambda self, jobs: [inserting(*job) for job in jobs])
    assert import_cases(feed, tmp_path, case_rows(8), 3, monkeypatch).ok
    assert states and set(states) == {"replica"}  # no per-row check queued for the new rows
    with connection.cursor() as cursor:
        cursor.execute("SHOW session_replication_role")
        assert cursor.fetchone()[0] == "origin"


@pg_only
def test_a_role_that_may_not_turn_triggers_off_gets_its_rows_checked_one_by_one(feed, tmp_path, monkeypatch):
    role = f"pnetp_test_importer_{os.getpid()}"
    made = []

    def unprivileged(original=pg_keys._replica):
        with connection.cursor() as cursor:  # created in the test's transaction, gone with it
            cursor.execute(f"CREATE ROLE {role}")
            cursor.execute(f"SET LOCAL ROLE {role}")
        try:
            allowed = original()
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET ROLE")
        made.append(allowed)
        return allowed

    monkeypatch.setattr(pg_keys, "_replica", unprivileged)
    assert import_cases(feed, tmp_path, case_rows(8), 10**9, monkeypatch).ok
    assert made == [False] and Case.objects.count() == 8


@pg_only
def test_a_table_with_a_trigger_of_its_own_keeps_its_triggers(feed, tmp_path, monkeypatch):
    with connection.cursor() as cursor:  # in the test's transaction, gone with it
        cursor.execute(
            "CREATE FUNCTION pg_temp.count_events() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE NOTICE 'evento'; RETURN NEW; END $$"
        )
        cursor.execute(
            "CREATE TRIGGER pnetp_test_events AFTER INSERT ON sisetp_event FOR EACH ROW "
            "EXECUTE FUNCTION pg_temp.count_events()"
        )
    checks = []
    init = pg_keys.NewRowChecks.__init__

    def spying(self, *args, **kwargs):
        init(self, *args, **kwargs)
        checks.append(self.active)

    monkeypatch.setattr(pg_keys.NewRowChecks, "__init__", spying)
    assert import_cases(feed, tmp_path, case_rows(8), 3, monkeypatch).ok
    assert checks == [False]  # replica mode would have silenced the table's own trigger


@pg_only
def test_reserved_ids_are_those_the_sequence_handed_out(feed):
    """``reserve_ids`` sends an unbroken run back as its two ends; any other run id by id."""
    first = fastinsert.reserve_ids(Case, 5)
    assert list(first) == list(range(first[0], first[0] + 5))
    with connection.cursor() as cursor:  # in the test's transaction, gone with it
        cursor.execute("SELECT pg_get_serial_sequence('sisetp_case', 'id')")
        cursor.execute(f"ALTER SEQUENCE {cursor.fetchone()[0]} INCREMENT BY 3")  # noqa: S608 - from the catalogue
    spaced = list(fastinsert.reserve_ids(Case, 4))
    assert spaced == [spaced[0] + 3 * step for step in range(4)] and spaced[0] > first[-1]
    assert len(fastinsert.reserve_ids(Case, 2)) == 2 and len(fastinsert.reserve_ids(Case, 1)) == 1


@pg_only
def test_ids_reserved_before_writing_are_each_used_once(feed, tmp_path, monkeypatch):
    """Every id is reserved before the first chunk's inserts; chunks of 3 cases take them in turn."""
    result = import_cases(feed, tmp_path, case_rows(8), 3, monkeypatch)
    assert result.ok, result.report.lines()
    assert Case.objects.count() == 8 and CasePerson.objects.count() == 16
    assert len(set(CasePerson.objects.values_list("pk", flat=True))) == 16

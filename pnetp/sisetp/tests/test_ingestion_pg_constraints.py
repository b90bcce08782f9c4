"""Foreign keys of a large PostgreSQL import checked once (``ingestion.pg_constraints``): dropped inside the
import's transaction, added back with the same names and definitions before it commits.

The threshold is brought down to one record so the small fixture files take that path. Most tests are
PostgreSQL's only (its catalogue, its transactional DDL); on SQLite the import's code path is unchanged.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import IntegrityError, connection

from pnetp.sisetp.ingestion import batches, columnar, fastinsert, pg_constraints
from pnetp.sisetp.ingestion.batches import run_import
from pnetp.sisetp.models import Case, CasePerson, Event, ImportBatch, PersonIdentity

from .test_ingestion_fixtures import CASE_HEADER, case_rows, feed, write_csv  # noqa: F401

pg_only = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's foreign keys and DDL")
PATHS = pytest.mark.parametrize("chunk", [3, 10**9], ids=["pipeline", "usual"])
IDENTITY_HEADER = ["fonte", "id_registro", "id_pessoa", "nome", "cpf", "data_nascimento"]
ROOT = Path(__file__).resolve().parents[3]


def foreign_keys() -> set:
    """(table, name, definition, deferrable, initially deferred, validated) of every foreign key."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), condeferrable, condeferred, "
            "convalidated, obj_description(oid, 'pg_constraint') FROM pg_constraint WHERE contype = 'f'"
        )
        return set(cursor.fetchall())


def bulk_tables() -> list[str]:
    return [model._meta.db_table for model in pg_constraints.bulk_models()]


@pytest.fixture
def large(monkeypatch):
    """Every import counts as large; the foreign keys each drop took away (0: it checked row by row)."""
    monkeypatch.setattr(pg_constraints, "MIN_ROWS", 1)
    dropped = []
    drop = pg_constraints._drop

    def spying(tables):
        keys = drop(tables)
        dropped.append(len(keys))
        return keys

    monkeypatch.setattr(pg_constraints, "_drop", spying)
    return dropped


def import_cases(feed, tmp_path, rows, chunk, monkeypatch, name="casos.csv", identities=None):
    monkeypatch.setattr(columnar, "WRITE_CHUNK", chunk)
    return run_import(feed.source, "standard", write_csv(tmp_path / name, CASE_HEADER, rows), identity_path=identities)


@pg_only
@PATHS
def test_constraints_after_an_import_are_the_ones_before(feed, tmp_path, large, monkeypatch, chunk):
    before = foreign_keys()
    on_bulk_tables = [key for key in before if key[0] in bulk_tables()]
    assert len(on_bulk_tables) >= 25 and all(key[3] and key[4] and key[5] for key in on_bulk_tables)
    seen_inside = []
    restore = pg_constraints._restore

    def spying(keys):
        seen_inside.append({key[1] for key in foreign_keys()})
        restore(keys)

    monkeypatch.setattr(pg_constraints, "_restore", spying)
    identities = write_csv(
        tmp_path / "identidades.csv", IDENTITY_HEADER, [["creas-ficticio", "R0001", "1", "Maria Fictícia", "", ""]]
    )
    result = import_cases(feed, tmp_path, case_rows(8), chunk, monkeypatch, identities=identities)
    assert result.ok, result.report.lines()
    assert large == [len(on_bulk_tables)]  # every foreign key of the loaded tables, checked once
    assert not seen_inside[0] & {key[1] for key in on_bulk_tables}  # they were really gone meanwhile
    assert foreign_keys() == before  # same names, definitions, deferral, validation, comments
    assert Case.objects.count() == 8 and CasePerson.objects.count() == 16 and PersonIdentity.objects.count() == 1
    assert CasePerson.objects.get(case__source_record_id="R0001", source_person_id="1").exploitation_forms.count() == 2


@PATHS
@pytest.mark.parametrize("where", ["_start_batch", "_finish"], ids=["before the inserts", "after the inserts"])
def test_an_error_after_the_drop_leaves_no_rows_and_every_constraint(feed, tmp_path, large, monkeypatch, chunk,
                                                                      where):  # fmt: skip
    before = foreign_keys() if connection.vendor == "postgresql" else None
    original = getattr(batches, where)

    def failing(*args, **kwargs):
        original(*args, **kwargs)
        raise RuntimeError("falha simulada")

    monkeypatch.setattr(batches, where, failing)
    with pytest.raises(RuntimeError, match="falha simulada"):
        import_cases(feed, tmp_path, case_rows(8), chunk, monkeypatch)
    assert not Case.objects.exists() and not CasePerson.objects.exists() and not Event.objects.exists()
    assert not ImportBatch.objects.exists()
    if before is not None:
        assert large == [len([key for key in before if key[0] in bulk_tables()])]
        assert foreign_keys() == before


@pg_only
@PATHS
@pytest.mark.parametrize("table", ["citizenships", "event"])
def test_a_row_that_violates_a_foreign_key_fails_the_import(feed, tmp_path, large, monkeypatch, chunk, table):
    """Rows written past every check but the database's own: a citizenship in a country that does
    not exist, an event in a municipality that does not exist."""
    before = foreign_keys()
    insert_rows, spoiled = fastinsert.insert_rows, []

    def spoiling(model, columns, rows, **kwargs):
        if rows and not spoiled and model._meta.db_table == f"sisetp_caseperson_{table}":
            rows = [*rows, (rows[0][0], "ZZ")]
            spoiled.append(model)
        elif rows and not spoiled and model is Event and table == "event":
            first = rows[0]
            rows = [*rows, (first[0], "transito", 99, None, None, 9999999, None, None)]
            spoiled.append(model)
        return insert_rows(model, columns, rows, **kwargs)

    monkeypatch.setattr(fastinsert, "insert_rows", spoiling)
    with pytest.raises(IntegrityError, match="violates foreign key constraint"):
        import_cases(feed, tmp_path, case_rows(8), chunk, monkeypatch)
    assert spoiled and large and large[0] > 0
    assert not Case.objects.exists() and not CasePerson.objects.exists() and not ImportBatch.objects.exists()
    assert foreign_keys() == before


@pg_only
def test_updates_and_rows_written_earlier_in_the_transaction_do_not_stop_it(feed, tmp_path, large, monkeypatch):
    """PostgreSQL refuses to alter a table with checks still queued: rows the enclosing transaction
    wrote before, persons an update deletes (their identities' and links' keys point to them)."""
    before = foreign_keys()
    first = import_cases(feed, tmp_path, case_rows(3), 10**9, monkeypatch)
    assert first.ok
    Event.objects.create(case=Case.objects.get(source_record_id="R0001"), kind="transito", sequence=7)  # queued
    rows = [row for row in case_rows(6) if not (row[1] == "R0002" and row[2] == "2")]  # R0002 loses a person
    rows = [row[:8] + ["30"] + row[9:] if row[1] == "R0002" else row for row in rows]
    again = import_cases(feed, tmp_path, rows, 10**9, monkeypatch, name="v2.csv")
    assert again.ok, again.report.lines()
    assert again.counts["cases_created"] == 3 and again.counts["cases_updated"] == 1
    assert again.counts["persons_deleted"] == 1
    assert large == [len([key for key in before if key[0] in bulk_tables()])] * 2
    assert foreign_keys() == before
    assert Case.objects.count() == 6 and CasePerson.objects.count() == 11


@pg_only
def test_tables_in_use_mean_row_by_row_checks_not_a_wait(feed, tmp_path, large, monkeypatch):
    monkeypatch.setattr(pg_constraints, "LOCK_ATTEMPTS", 2)
    monkeypatch.setattr(pg_constraints, "LOCK_PAUSE", 0)
    before = foreign_keys()
    reader = connection.get_new_connection(connection.get_connection_params())
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM territory_country").fetchone()  # a reader holds ACCESS SHARE
        started = time.perf_counter()
        result = import_cases(feed, tmp_path, case_rows(8), 3, monkeypatch)
        assert time.perf_counter() - started < 30
    finally:
        reader.close()
    assert result.ok and large == [0]  # nothing dropped: PostgreSQL checks each row at COMMIT, as before
    assert foreign_keys() == before and Case.objects.count() == 8


@pg_only
def test_a_killed_import_leaves_every_constraint(db):
    """The process dies between the drops and the re-adds: the server rolls its transaction back."""
    before = foreign_keys()
    settings = connection.settings_dict
    url = "postgres://{}:{}@{}:{}/{}".format(
        quote(settings["USER"] or ""), quote(settings["PASSWORD"] or ""), settings["HOST"] or "127.0.0.1",
        settings["PORT"] or 5432, settings["NAME"],
    )  # fmt: skip
    code = (
        "import sys, time, django\n"
        "django.setup()\n"
        "from django.db import connection, transaction\n"
        "from pnetp.sisetp.ingestion import pg_constraints\n"
        "with transaction.atomic(), pg_constraints.checked_once(10**7):\n"
        "    with connection.cursor() as cursor:\n"
        "        cursor.execute(\"SELECT count(*) FROM pg_constraint WHERE contype = 'f' "
        "AND conrelid = ANY(%s::regclass[])\", [sys.argv[1].split(',')])\n"
        "        print(cursor.fetchone()[0], flush=True)\n"
        "    time.sleep(120)\n"
    )
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "pnetp.settings", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", code, ",".join(bulk_tables())], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    try:
        assert child.stdout.readline().strip() == "0"  # inside its transaction, every key is gone
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    with connection.cursor() as cursor:
        for _ in range(100):  # until the server notices the lost connection and rolls back
            cursor.execute(
                "SELECT count(*) FROM pg_locks WHERE mode = 'AccessExclusiveLock' "
                "AND pid <> pg_backend_pid() AND relation = 'sisetp_case'::regclass"
            )
            if cursor.fetchone()[0] == 0:
                break
            time.sleep(0.1)
        else:
            pytest.fail("the killed import's locks are still held")
        cursor.execute("LOCK TABLE sisetp_case, territory_country IN ACCESS EXCLUSIVE MODE NOWAIT")
    assert foreign_keys() == before


def test_only_large_imports_on_postgresql_drop_anything(feed, tmp_path, monkeypatch):
    assert not pg_constraints.worth_it(pg_constraints.MIN_ROWS - 1)  # the default threshold
    assert pg_constraints.worth_it(pg_constraints.MIN_ROWS) == (connection.vendor == "postgresql")
    monkeypatch.setattr(pg_constraints, "MIN_ROWS", 1)
    monkeypatch.setattr(pg_constraints, "EXISTING_SHARE", 0.25)
    assert import_cases(feed, tmp_path, case_rows(8), 10**9, monkeypatch).ok
    # 8 cases stored: 2 new ones are a share of 1/4, 1 is less (the re-add would read whole tables for it).
    assert pg_constraints.worth_it(2) == (connection.vendor == "postgresql")
    assert not pg_constraints.worth_it(1)


def test_estimated_rows_of_a_large_file(tmp_path, db):
    path = write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(10_000))  # 20,000 rows, ~1.8 MB
    assert path.stat().st_size > 1 << 20
    estimate = fastinsert.estimated_rows(path)
    if connection.vendor != "postgresql":
        assert estimate == 0  # SQLite: unused
    else:
        assert 19_000 < estimate < 21_000
        assert fastinsert.estimated_rows(write_csv(tmp_path / "small.csv", CASE_HEADER, case_rows(3))) == 6


def test_a_setting_moves_the_threshold_or_turns_it_off(db, settings):
    settings.SISETP_IMPORT_KEYS_CHECKED_ONCE_FROM = 10
    assert pg_constraints.worth_it(10) == (connection.vendor == "postgresql") and not pg_constraints.worth_it(9)
    settings.SISETP_IMPORT_KEYS_CHECKED_ONCE_FROM = None  # every import checked row by row
    assert not pg_constraints.worth_it(10**9)

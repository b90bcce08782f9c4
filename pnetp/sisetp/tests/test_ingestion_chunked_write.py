"""The one import path: the cases file validated whole, then the new cases written chunk by chunk in the
import's one transaction while the identity file is checked and encrypted a slice at a time. Chunks of
a few cases here, so the small fixture files are written in several.

The standard-layout tests are run again below in chunks of 3 (imported, they run under this module's
autouse fixture): the same behaviour, counts, history and rollbacks as in one chunk.
"""

import gc
import sys

import pytest

from pnetp.sisetp.generator import generate
from pnetp.sisetp.ingestion import fastinsert, sealing, writer
from pnetp.sisetp.ingestion import identities as identities_module
from pnetp.sisetp.ingestion.batches import run_import
from pnetp.sisetp.models import Case, CasePerson, Event, ImportBatch, PersonIdentity

from .test_ingestion_fast_paths import MALFORMED, row_by_row
from .test_ingestion_fixtures import CASE_HEADER, case_rows, feed, write_csv  # noqa: F401
from .test_ingestion_standard import *  # noqa: F403 - the same tests, in chunks of 3

IDENTITY_HEADER = ["fonte", "id_registro", "id_pessoa", "nome", "cpf", "data_nascimento"]


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(writer, "CREATE_CHUNK", 3)


@pytest.fixture
def spy(monkeypatch):
    """Counts the case rows inserted (also those rolled back later)."""
    seen = {"cases": 0}
    insert_rows = fastinsert.insert_rows

    def counting_insert(model, columns, rows, **kwargs):
        if model is Case:
            seen["cases"] += len(rows)
        return insert_rows(model, columns, rows, **kwargs)

    monkeypatch.setattr(fastinsert, "insert_rows", counting_insert)
    return seen


def stored(source) -> dict:
    """What an import left in the database, by record and person id, pks relative to the first."""
    cases = list(Case.objects.filter(source=source).order_by("pk"))
    persons = list(CasePerson.objects.filter(case__source=source).order_by("pk"))
    first_case, first_person = cases[0].pk, persons[0].pk
    records = writer.load_records([case.pk for case in cases])
    identities = {
        identity.person_id: tuple(value and value.reveal() for value in (identity.full_name, identity.cpf))
        for identity in PersonIdentity.objects.filter(person__case__source=source)
    }
    return {
        "cases": [
            (case.pk - first_case, case.source_record_id, case.import_fingerprint, records[case.pk].canonical())
            for case in cases
        ],
        "persons": [
            (p.pk - first_person, p.case.source_record_id, p.source_person_id, identities.get(p.pk)) for p in persons
        ],
        "events": sorted(
            (e.case.source_record_id, e.kind, e.sequence) for e in Event.objects.filter(case__source=source)
        ),
    }


def generated(tmp_path, feed, records=300, seed=5):
    manifest = generate(records, 1, seed=seed, noise="harsh", out_dir=tmp_path, workers=1)
    [files] = manifest.source_files
    feed.source.slug = files["slug"]
    feed.source.save()
    return tmp_path / files["cases_file"], tmp_path / files["identities_file"]


def test_chunks_store_what_one_chunk_stores(feed, tmp_path, spy, monkeypatch):
    cases, identities = generated(tmp_path, feed)
    monkeypatch.setattr(writer, "CREATE_CHUNK", 97)
    result = run_import(feed.source, "standard", cases, identity_path=identities)
    assert result.ok, result.report.lines()
    assert spy["cases"] == result.counts["cases_created"] > 97
    piped, piped_counts = stored(feed.source), result.counts
    assert result.batch.rows_read == result.rows > 97
    Case.objects.filter(source=feed.source).delete()
    ImportBatch.objects.all().delete()

    monkeypatch.setattr(writer, "CREATE_CHUNK", 10**9)  # one chunk
    result = run_import(feed.source, "standard", cases, identity_path=identities)
    assert result.ok
    assert stored(feed.source) == piped and result.counts == piped_counts


def test_problem_in_the_last_rows_writes_nothing_and_reports_like_the_row_validator(feed, tmp_path, spy):
    rows = case_rows(12)
    rows[-1][CASE_HEADER.index("data_identificacao")] = "31/02/2024"
    rows[-3][CASE_HEADER.index("sexo")] = "X"
    path = write_csv(tmp_path / "casos.csv", CASE_HEADER, rows)
    _validator, expected = row_by_row(feed.source, path)
    assert len(expected) == 2
    result = run_import(feed.source, "standard", path)
    assert spy["cases"] == 0  # the file is validated whole before anything is written
    assert result.report.lines() == expected and not result.ok
    assert not Case.objects.exists() and not CasePerson.objects.exists() and not ImportBatch.objects.exists()


@pytest.mark.parametrize("problem", list(MALFORMED))
def test_malformed_files_write_nothing(feed, tmp_path, problem):
    rows = case_rows(10)
    MALFORMED[problem](rows)
    path = write_csv(tmp_path / "casos.csv", CASE_HEADER, rows)
    _validator, expected = row_by_row(feed.source, path)
    result = run_import(feed.source, "standard", path)
    assert result.report.lines() == expected
    assert not Case.objects.exists() and not ImportBatch.objects.exists()


def test_unknown_person_in_the_identity_file_rolls_back_written_cases(feed, tmp_path, spy):
    cases = write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(5))
    identities = write_csv(
        tmp_path / "identidades.csv",
        IDENTITY_HEADER,
        [
            ["creas-ficticio", "R0001", "1", "Maria Fictícia", "", ""],
            ["creas-ficticio", "R0009", "1", "Ninguém Fictício", "", ""],
        ],
    )
    result = run_import(feed.source, "standard", cases, identity_path=identities)
    assert spy["cases"] == 5  # written, then rolled back
    assert result.report.lines() == [
        "identidades.csv, linha 3, coluna id_registro, valor 'R0009/1': "
        "pessoa não encontrada no arquivo de casos nem entre os registros da fonte"
    ]
    assert not Case.objects.exists() and not PersonIdentity.objects.exists() and not ImportBatch.objects.exists()


def test_identity_row_problems_are_reported_after_the_cases_files_and_nothing_written(feed, tmp_path, spy):
    rows = case_rows(5)
    rows[0][CASE_HEADER.index("sexo")] = "X"
    cases = write_csv(tmp_path / "casos.csv", CASE_HEADER, rows)
    identities = write_csv(
        tmp_path / "identidades.csv", IDENTITY_HEADER, [["creas-ficticio", "R0001", "1", "Maria", "111.111.111-12", ""]]
    )
    result = run_import(feed.source, "standard", cases, identity_path=identities)
    assert spy["cases"] == 0  # the cases file's problem: nothing written, the identity file checked whole
    assert [line.split(",")[0] for line in result.report.lines()] == ["casos.csv", "identidades.csv"]
    assert not Case.objects.exists() and not ImportBatch.objects.exists()


def test_identity_problem_found_while_writing_rolls_back_and_reports_as_the_usual_path(
    feed, tmp_path, spy, monkeypatch
):
    cases = write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(8))
    identities = write_csv(
        tmp_path / "identidades.csv",
        IDENTITY_HEADER,
        [
            ["creas-ficticio", "R0001", "1", "Maria Fictícia", "", ""],
            ["creas-ficticio", "R0002", "1", "Ana Fictícia", "", "31/02/1990"],
            ["creas-ficticio", "R0001", "1", "Maria de Novo", "", ""],
            ["creas-ficticio", "R0008", "2", "José Fictício", "111.111.111-12", ""],
        ],
    )
    monkeypatch.setattr(identities_module, "_CHUNK", 1)  # a slice of the identity file per case chunk
    feed.source.strict_identifiers = True  # a strict source refuses a file with an invalid CPF or date
    feed.source.save()
    piped = run_import(feed.source, "standard", cases, identity_path=identities)
    assert spy["cases"] == 8  # all written, then rolled back
    assert not Case.objects.exists() and not PersonIdentity.objects.exists() and not ImportBatch.objects.exists()
    usual = run_import(feed.source, "standard", cases, identity_path=identities, dry_run=True)  # checked whole
    assert not usual.ok
    assert piped.report.lines() == usual.report.lines() and len(usual.report.lines()) == 3


def test_identity_file_is_checked_and_encrypted_a_slice_at_a_time_while_cases_are_written(
    feed, tmp_path, spy, monkeypatch
):
    cases, identities = generated(tmp_path, feed, records=60)
    order = []
    add, check, seal = writer.Creating.add, identities_module.IdentityFile.check_up_to, sealing.Sealer.add
    monkeypatch.setattr(writer.Creating, "add", lambda self, *a, **k: order.append("casos") or add(self, *a, **k))
    monkeypatch.setattr(
        identities_module.IdentityFile, "check_up_to", lambda self, n: order.append("identidades") or check(self, n)
    )
    sealed = []
    monkeypatch.setattr(sealing.Sealer, "add", lambda self, texts: sealed.append(len(texts)) or seal(self, texts))
    inserted = []
    insert_rows = fastinsert.insert_rows

    def logging_insert(model, columns, rows, **kwargs):
        inserted.append(model.__name__)
        return insert_rows(model, columns, rows, **kwargs)

    monkeypatch.setattr(fastinsert, "insert_rows", logging_insert)
    monkeypatch.setattr(identities_module, "_CHUNK", 5)
    monkeypatch.setattr(writer, "CREATE_CHUNK", 10)
    result = run_import(feed.source, "standard", cases, identity_path=identities)
    assert result.ok, result.report.lines()
    assert order[:4] == ["casos", "identidades", "casos", "identidades"]  # interleaved, cases first
    assert len(sealed) > 2 and sum(sealed) > 0  # encrypted chunk by chunk as checked
    # Identities of the persons just created are inserted with the following case chunks, not after all.
    last_case = len(inserted) - 1 - inserted[::-1].index("Case")
    assert "PersonIdentity" in inserted[:last_case]
    piped = stored(feed.source)
    assert sum(1 for person in piped["persons"] if person[3]) == result.counts["identities_written"] > 0
    Case.objects.filter(source=feed.source).delete()
    ImportBatch.objects.all().delete()
    monkeypatch.setattr(writer, "CREATE_CHUNK", 10**9)
    assert run_import(feed.source, "standard", cases, identity_path=identities).ok
    assert stored(feed.source) == piped


def test_file_not_grouped_by_record_imports_the_same(feed, tmp_path, spy):
    rows = case_rows(8)
    rows.append(rows.pop(1))  # the second person of R0001 comes last, after R0001 was written
    path = write_csv(tmp_path / "casos.csv", CASE_HEADER, rows)
    result = run_import(feed.source, "standard", path)
    assert result.ok, result.report.lines()
    assert spy["cases"] == 8  # each case written once
    assert result.counts["cases_created"] == 8 and Case.objects.count() == 8 and ImportBatch.objects.count() == 1
    assert Case.objects.get(source_record_id="R0001").persons.count() == 2


def test_dry_run_never_writes(feed, tmp_path, spy):
    path = write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(8))
    result = run_import(feed.source, "standard", path, dry_run=True)
    assert result.ok and result.counts["cases_created"] == 8
    assert spy["cases"] == 0 and not ImportBatch.objects.exists()


def test_rare_place_forms_are_found_by_the_territory_service(feed, tmp_path, spy):
    rows = case_rows(8)
    rows[-2][CASE_HEADER.index("municipio_exploracao_ibge")] = "Pacaraima (RR)"  # the territory service's form
    result = run_import(feed.source, "standard", write_csv(tmp_path / "casos.csv", CASE_HEADER, rows))
    assert result.ok, result.report.lines()
    assert spy["cases"] == 8
    assert Case.objects.get(source_record_id="R0008").events.get(kind="exploracao").municipality.name == "Pacaraima"


def test_run_import_leaves_what_the_whole_process_shares_alone(feed, tmp_path, spy, monkeypatch):
    """``run_import`` is a service: it neither pauses the garbage collector nor changes the GIL's switch
    interval, which are every thread's (a web process's request threads too)."""
    seen = []
    add = writer.Creating.add

    def spying(self, *args, **kwargs):
        seen.append((gc.isenabled(), sys.getswitchinterval()))
        return add(self, *args, **kwargs)

    monkeypatch.setattr(writer.Creating, "add", spying)
    before = (gc.isenabled(), sys.getswitchinterval())
    result = run_import(feed.source, "standard", write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(8)))
    assert result.ok and spy["cases"] == 8
    assert before[0] and seen and set(seen) == {before}


def test_a_worker_or_a_command_pauses_the_collector_and_hands_the_gil_over_then_restores_both():
    before = (gc.isenabled(), sys.getswitchinterval())
    with fastinsert.process_settings():
        assert not gc.isenabled() and sys.getswitchinterval() == fastinsert.GIL_SWITCH_SECONDS
    assert (gc.isenabled(), sys.getswitchinterval()) == before


def test_overlapping_imports_restore_the_interval_only_when_the_last_ends():
    before = sys.getswitchinterval()
    first, second = fastinsert.gil_handoff(), fastinsert.gil_handoff()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert sys.getswitchinterval() == fastinsert.GIL_SWITCH_SECONDS  # the second import still runs
    second.__exit__(None, None, None)
    assert sys.getswitchinterval() == before

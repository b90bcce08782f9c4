"""The import's fast paths agree with the plain ones: the validator's report is the row validator's
(``data/row_validator_reports.json``, recorded before it was removed), batched encryption, the worker."""

import base64
import csv
import hashlib
import json
import random
import uuid
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, MultiFernet
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from pnetp.sisetp import crypto
from pnetp.sisetp.generator import generate
from pnetp.sisetp.ingestion import batches, fastinsert, sealing, validator
from pnetp.sisetp.ingestion.batches import run_import
from pnetp.sisetp.ingestion.issues import Report
from pnetp.sisetp.ingestion.layouts import get_layout
from pnetp.sisetp.ingestion.lookups import Lookups
from pnetp.sisetp.ingestion.reading import open_table
from pnetp.sisetp.models import Case, IdentityAccessLog, PersonIdentity

from .test_ingestion_fixtures import CASE_HEADER, case_rows, feed, write_csv  # noqa: F401


ORACLE = json.loads((Path(__file__).parent / "data" / "row_validator_reports.json").read_text("utf-8"))


def validated(source, path, chunk=validator.CHUNK):
    """The validator and its report lines, reading ``chunk`` rows at a time."""
    table = open_table(path)
    report = Report()
    translator = get_layout("standard")(source, report, path.name)
    checker = validator.Validator(source, report, path.name, Lookups())
    translator.check_header(table.header, checker)
    checker.activate(set(translator.provided_columns(table.header)))
    checker.validate(validator.read_chunks(translator, table, checker.names, chunk))
    return checker, report.lines()


def row_by_row(source, path):
    """Chunks of one row: what the row validator (``RowValidator``, before issue 18) saw of the file."""
    return validated(source, path, chunk=1)


def digest(records) -> str:
    """Records as the oracle file holds them: ids, lines, values and the persons' order, digested."""
    text = repr([
        (record_id, record.line, tuple(record.case), sorted((kind, tuple(value)) for kind, value in record.events.items()),
         [(person_id, tuple(values)) for person_id, values in record.persons.items()])
        for record_id, record in records.items()
    ])  # fmt: skip
    return hashlib.sha256(text.encode()).hexdigest()


def test_columnar_records_equal_row_by_row(feed, tmp_path):
    rows = case_rows(30)
    rows[2][CASE_HEADER.index("municipio_exploracao_ibge")] = "São Paulo/SP"
    rows[4][CASE_HEADER.index("paises_transito")] = "PY;AR"
    rows[6][CASE_HEADER.index("idade")] = ""
    path = write_csv(tmp_path / "casos.csv", CASE_HEADER, rows)
    expected, lines = row_by_row(feed.source, path)
    assert lines == []
    got, lines = validated(feed.source, path)
    assert lines == [] and got.rows == expected.rows == 60
    assert got.records == expected.records


def generated(tmp_path, feed):
    manifest = generate(1_500, 1, seed=9, noise="harsh", out_dir=tmp_path, workers=1)
    [files] = manifest.source_files
    feed.source.slug = files["slug"]
    return tmp_path / files["cases_file"]


def test_columnar_records_equal_row_by_row_on_generated_files(tmp_path, feed):
    path = generated(tmp_path, feed)
    expected, lines = row_by_row(feed.source, path)
    assert lines == [] and digest(expected.records) == ORACLE["generated_records"]
    got, lines = validated(feed.source, path)
    assert lines == [] and got.records == expected.records


def corrupt(path, seed):
    """About 5 % of the rows get a bad cell of some kind; some rows are repeated, some cut short."""
    rng = random.Random(seed)
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    header = rows[0]
    bad = {"sexo": ["X", ""], "data_identificacao": ["31/02/2023", "ontem"], "idade": ["12,5", "abc", "300"],
           "municipio_exploracao_ibge": ["9999999", "Cidade Inventada/DF", "3550308"], "uf_exploracao": ["ZZ", "RJ"],
           "papel": [""], "fonte": ["outra"], "paises_transito": ["XX;BR"], "pais_exploracao": ["AR"],
           "data_registro": ["2024-03-02"], "id_pessoa": ["x" * 60]}  # fmt: skip
    for index in range(1, len(rows)):
        if rng.random() < 0.05:
            column = rng.choice([name for name in bad if name in header])
            rows[index][header.index(column)] = rng.choice(bad[column])
        if rng.random() < 0.005:
            rows.append(list(rows[index]))
        if rng.random() < 0.003:
            rows[index] = rows[index][:-1]
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)


@pytest.mark.parametrize("positional", [True, False], ids=["cells", "dict rows"])
def test_a_file_with_many_kinds_of_problems_gets_the_row_validators_report(tmp_path, feed, monkeypatch, positional):
    """Short rows (reported by the layout while it reads) fall between the validator's problems as they did;
    with ``positional`` off the rows come as dicts, as from the external layouts."""
    monkeypatch.setattr(get_layout("standard"), "positional", positional)
    path = generated(tmp_path, feed)
    corrupt(path, 3)
    for chunk in (1, 7, validator.CHUNK):
        checker, lines = validated(feed.source, path, chunk)
        assert lines == ORACLE["corrupted_lines"], chunk
        assert checker.report.total == ORACLE["corrupted_total"] == len(lines) > 50
        assert digest(checker.records) == ORACLE["corrupted_records"]


def _set(rows, line, column, value):
    rows[line - 2][CASE_HEADER.index(column)] = value


MALFORMED = {
    "invalid date": lambda rows: _set(rows, 12, "data_identificacao", "31/02/2023"),
    "unknown code": lambda rows: _set(rows, 5, "sexo", "F"),
    "unknown municipality": lambda rows: _set(rows, 7, "municipio_exploracao_ibge", "Cidade Inventada/DF"),
    "conflicting events": lambda rows: _set(rows, 3, "municipio_aliciamento_ibge", "3550308"),
    "missing required value": lambda rows: _set(rows, 9, "papel", ""),
    "other source": lambda rows: _set(rows, 4, "fonte", "outra-fonte"),
    "duplicate ids": lambda rows: rows.append(list(rows[0])),
    "conflicting case values": lambda rows: _set(rows, 3, "data_registro", "2024-03-02"),
    "short row": lambda rows: rows[6].pop(),
    "many problems": lambda rows: [_set(rows, n, "sexo", "X") for n in range(2, 22)],
}


@pytest.mark.parametrize("problem", list(MALFORMED))
def test_malformed_files_get_the_row_validators_report(feed, tmp_path, problem):
    rows = case_rows(10)
    MALFORMED[problem](rows)
    path = write_csv(tmp_path / "casos.csv", CASE_HEADER, rows)
    _validator, expected = row_by_row(feed.source, path)
    assert expected == ORACLE["malformed"][problem], "the case must be malformed"
    assert validated(feed.source, path)[1] == expected
    result = run_import(feed.source, "standard", path)
    assert result.report.lines() == expected
    assert not Case.objects.exists()


def test_wrong_encoding_and_missing_column_are_reported_as_before(feed, tmp_path):
    path = tmp_path / "casos.csv"
    path.write_bytes(",".join(CASE_HEADER).encode() + b"\ncreas-ficticio,R1,1,2024-03-01,,,vitima,\x81\x8d\n")
    [line] = run_import(feed.source, "standard", path).report.lines()
    assert line.startswith("casos.csv, linha 2: byte 0x81 inválido")
    header = [name for name in CASE_HEADER if name != "papel"]
    path = write_csv(tmp_path / "casos2.csv", header, [row[:6] + row[7:] for row in case_rows(1)])
    assert run_import(feed.source, "standard", path).report.lines() == [
        "casos2.csv, linha 1, coluna papel: coluna obrigatória ausente"
    ]


# -- encryption ------------------------------------------------------------------------------------------

TEXTS = ["", "a", "x" * 15, "y" * 16, "z" * 17, "Maria Fictícia de Souza", "ç" * 40, "52998224725", "2001-04-09"]


def test_encrypt_batch_makes_format_1_tokens_each_with_its_own_nonce(settings):
    key = Fernet.generate_key().decode()
    tokens = crypto.encrypt_batch(key, TEXTS)
    assert all(token.startswith(crypto.PREFIX) for token in tokens)
    settings.PNETP_FIELD_ENCRYPTION_KEYS = (key,)
    assert [crypto.decrypt(token) for token in tokens] == TEXTS
    nonces = {_raw(token)[4:16] for token in tokens}
    assert len(nonces) == len(TEXTS)  # same text twice still gives two different tokens


def _raw(token: str) -> bytes:
    body = token[len(crypto.PREFIX) :]
    return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))


def test_encrypt_many_decrypts_and_rotates(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.PNETP_FIELD_ENCRYPTION_KEYS = (old,)
    tokens = crypto.encrypt_many(TEXTS)
    assert len(set(tokens)) == len(TEXTS)  # each value its own nonce
    assert [crypto.decrypt(token) for token in tokens] == TEXTS
    assert {crypto.token_key_id(token) for token in tokens} == {crypto.key_id(old)}
    fernet_tokens = [MultiFernet([Fernet(old)]).encrypt(text.encode()).decode() for text in TEXTS]
    settings.PNETP_FIELD_ENCRYPTION_KEYS = (new, old)
    rotated = [crypto.rotate(token) for token in tokens + fernet_tokens]  # both formats end in format 1
    assert {crypto.token_key_id(token) for token in rotated} == {crypto.key_id(new)}
    settings.PNETP_FIELD_ENCRYPTION_KEYS = (new,)
    assert [crypto.decrypt(token) for token in rotated] == TEXTS + TEXTS


def test_sealer_worker_process_returns_tokens_in_order():
    chunks = [[f"nome {n}" for n in range(500)], [], ["ç" * 30, "b"]]
    sealer = sealing.Sealer(chunks, parallel_from=0)
    try:
        assert sealer.process is not None
        tokens = [sealer.tokens(index) for index in range(len(chunks))]
    finally:
        sealer.close()
    assert [[crypto.decrypt(token) for token in chunk] for chunk in tokens] == chunks
    assert all(token.startswith(crypto.PREFIX) for chunk in tokens for token in chunk)


def test_sealer_closed_early_stops_its_worker():
    sealer = sealing.Sealer([["a"] * 1000] * 5, parallel_from=0)
    process = sealer.process
    sealer.close()
    assert process.poll() is not None


IDENTITY_HEADER = ["fonte", "id_registro", "id_pessoa", "nome", "cpf", "data_nascimento"]


def test_import_with_the_worker_process_stores_decryptable_identities(feed, tmp_path, monkeypatch):
    monkeypatch.setattr(sealing, "PARALLEL_FROM", 0)
    monkeypatch.setattr(batches, "_ANALYZE_FROM", 0)  # ANALYZE inside the import's transaction (PostgreSQL)
    cases = write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(3))
    identities = write_csv(
        tmp_path / "identidades.csv",
        IDENTITY_HEADER,
        [
            ["creas-ficticio", "R0001", "1", "Maria  Fictícia", "529.982.247-25", "09/04/2001"],
            ["creas-ficticio", "R0002", "2", "José Fictício", "", ""],
        ],
    )
    result = run_import(feed.source, "standard", cases, identity_path=identities)
    assert result.ok, result.report.lines()
    assert result.counts["identities_written"] == 2 and IdentityAccessLog.objects.count() == 1  # one per batch
    first = PersonIdentity.objects.get(person__case__source_record_id="R0001")
    assert first.full_name.reveal() == "Maria Fictícia"  # whitespace collapsed, as store_identity does
    assert first.cpf.reveal() == "52998224725" and first.birth_date.reveal().isoformat() == "2001-04-09"
    second = PersonIdentity.objects.get(person__case__source_record_id="R0002")
    assert second.full_name.reveal() == "José Fictício" and second.cpf is None
    again = run_import(feed.source, "standard", cases, identity_path=identities)
    assert again.counts["identities_written"] == 0 and IdentityAccessLog.objects.count() == 1


def test_bulk_load_restores_the_sqlite_cache(db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        with fastinsert.bulk_load():
            cursor.execute("PRAGMA cache_size")
            assert cursor.fetchone()[0] == -fastinsert.SQLITE_CACHE_KIB
        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone()[0] == before


def test_sqlite_multirow_insert_stores_what_executemany_stores(db, monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    columns = ["user_id", "username", "at", "action", "person_id", "person_pseudonym", "purpose", "granted", "reason"]
    now = fastinsert.db_datetime(timezone.now())
    rows = [
        (None, 'aspas "duplas" e \\ barra', now, "write", None, uuid.uuid4().hex, "Ação — ç ã 😀", True, "x" * 300),
        (None, "", now, "read", None, uuid.uuid4().hex, "", False, "motivo"),
        (None, "três", now, "read", None, uuid.uuid4().hex, "?", False, "'); --"),
    ]
    monkeypatch.setattr(fastinsert, "_VALUES_ROWS", 2)  # a full statement and a shorter one: the slicing too
    fastinsert.insert_rows(IdentityAccessLog, columns, rows)
    quoted = ", ".join(columns)
    with connection.cursor() as cursor:  # what the ORM's executemany stores, as the reference
        cursor.executemany(
            f"INSERT INTO sisetp_identityaccesslog ({quoted}) VALUES ({', '.join(['%s'] * len(columns))})", rows
        )
        cursor.execute(f"SELECT {quoted}, typeof(granted), typeof(at) FROM sisetp_identityaccesslog ORDER BY id")
        stored = cursor.fetchall()
    assert stored[:3] == stored[3:] and [row[-2:] for row in stored] == [("integer", "text")] * 6
    assert stored[0][1] == 'aspas "duplas" e \\ barra' and stored[0][6] == "Ação — ç ã 😀"
    assert [log.granted for log in IdentityAccessLog.objects.order_by("pk")] == [True, False, False] * 2


def test_background_inserts_land_in_the_transaction_and_raise_their_errors_in_the_caller(db):
    columns = ["user_id", "username", "at", "action", "person_id", "person_pseudonym", "purpose", "granted", "reason"]
    now = fastinsert.db_datetime(timezone.now())
    rows = [(None, "a", now, "write", None, uuid.uuid4().hex, "", True, "m")]
    background = fastinsert.Background()
    assert background.raw is not None  # SQLite and PostgreSQL: inserts on a thread, same connection
    with transaction.atomic():
        background.start([(IdentityAccessLog, columns, rows)])
        background.start([(IdentityAccessLog, columns, rows)])  # waits for the first, then runs after it
        background.wait()
        assert IdentityAccessLog.objects.count() == 2
        first = IdentityAccessLog.objects.order_by("pk").first().pk
        duplicate = [(first, *rows[0])]
        with pytest.raises(IntegrityError):  # a primary key taken: Django's error, raised by wait()
            with transaction.atomic():
                background.start([(IdentityAccessLog, ["id", *columns], duplicate)])
                background.wait()
    assert IdentityAccessLog.objects.count() == 2

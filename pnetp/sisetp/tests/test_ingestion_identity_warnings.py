"""Mistyped identifiers are data (issue 17): an invalid CPF or an impossible birth date is written as reported
(encrypted), flagged and listed as a warning with its value masked; a strict source refuses the file. And no
identity value of the file ends up in plain text anywhere: every table, the job, the pages, the logs."""

import logging
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from pnetp.sisetp.ingestion import writer
from pnetp.sisetp.ingestion.batches import run_import
from pnetp.accounts.testing import login_verified
from pnetp.linkage.database import _identity_features, _log_context
from pnetp.sisetp.models import Case, CasePerson, IdentityAccessGrant, ImportBatch, ImportJob, PersonIdentity

from .test_ingestion_fixtures import CASE_HEADER, case_rows, feed, write_csv  # noqa: F401
from pnetp.linkage.tests.test_linkage_review_web import pairs  # noqa: F401 - fixture

IDENTITY_HEADER = ["fonte", "id_registro", "id_pessoa", "nome", "cpf", "data_nascimento", "nome_mae"]
ROWS = [
    ["creas-ficticio", "R0001", "1", "Ana Inventada Bezerra", "123.456.789-00", "31/02/1990", "Rosa Imaginada Lins"],
    ["creas-ficticio", "R0002", "1", "Clara Suposta Vidal", "529.982.247-25", "09/04/2001", ""],
    ["creas-ficticio", "R0003", "1", "Lia Hipotética Reis", "98765432199", "1999-13-01", ""],
]
# Every identity value of the file, in every form it could be written: none may be found in plain text.
PLAINTEXTS = [
    "Ana Inventada", "Rosa Imaginada", "Clara Suposta", "Lia Hipotética", "123.456.789-00", "12345678900",
    "31/02/1990", "1990-02-31", "529.982.247-25", "52998224725", "09/04/2001", "2001-04-09", "98765432199",
    "1999-13-01",
]  # fmt: skip


@pytest.fixture(params=["one chunk", "chunks of 3"])
def write_path(request, monkeypatch):
    """New cases written in one chunk, and in chunks of 3 (the identity file checked between them)."""
    if request.param == "chunks of 3":
        monkeypatch.setattr(writer, "CREATE_CHUNK", 3)
    return request.param


@pytest.fixture
def files(tmp_path):
    cases = write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(3))
    return cases, write_csv(tmp_path / "identidades.csv", IDENTITY_HEADER, ROWS)


def _strict(feed):
    feed.source.strict_identifiers = True
    feed.source.save()


def test_invalid_cpf_and_date_are_written_as_reported_flagged_and_warned(write_path, feed, files):
    result = run_import(feed.source, "standard", files[0], identity_path=files[1])
    assert result.ok, result.report.lines()
    assert result.report.warning_lines() == [
        "aviso: identidades.csv, linha 2, coluna cpf, valor '***.456.789-**': CPF inválido (dígitos verificadores "
        "não conferem): gravado como informado e marcado como inválido",
        "aviso: identidades.csv, linha 2, coluna data_nascimento: data inválida (inexistente ou fora do formato): "
        "gravada como informada e marcada como inválida",
        "aviso: identidades.csv, linha 4, coluna cpf, valor '***.654.321-**': CPF inválido (dígitos verificadores "
        "não conferem): gravado como informado e marcado como inválido",
        "aviso: identidades.csv, linha 4, coluna data_nascimento: data inválida (inexistente ou fora do formato): "
        "gravada como informada e marcada como inválida",
    ]
    assert result.batch.quality == {"cpf": 2, "data_nascimento": 2} and result.counts["identities_written"] == 3
    first = PersonIdentity.objects.get(person__case__source_record_id="R0001")
    assert (first.cpf.reveal(), first.cpf_invalid) == ("123.456.789-00", True)
    assert (first.birth_date, first.birth_date_reported.reveal(), first.birth_date_invalid) == (
        None,
        "31/02/1990",
        True,
    )
    valid = PersonIdentity.objects.get(person__case__source_record_id="R0002")
    assert (valid.cpf.reveal(), valid.cpf_invalid, valid.birth_date_invalid) == ("52998224725", False, False)
    assert valid.birth_date.reveal().isoformat() == "2001-04-09"
    # Never an exact key: the linkage sees no CPF for a flagged one.
    persons = list(CasePerson.objects.filter(source_person_id="1").values_list("pk", "pseudonym").order_by("pk"))
    context = _log_context(None, None)
    features = _identity_features([(pk, pseudonym) for pk, pseudonym in persons], context)
    assert [features[pk]["cpf"] for pk, _pseudonym in persons] == [None, "52998224725", None]

    # The same file again changes nothing; a corrected one clears the flags.
    again = run_import(feed.source, "standard", files[0], identity_path=files[1])
    assert again.counts["identities_written"] == 0 and again.report.warning_total == 4
    corrected = [row[:] for row in ROWS]
    corrected[0][4:6] = ["111.444.777-35", "28/02/1990"]
    path = write_csv(files[1].parent / "corrigido.csv", IDENTITY_HEADER, corrected)
    fixed = run_import(feed.source, "standard", files[0], identity_path=path)
    assert fixed.counts["identities_written"] == 1 and fixed.batch.quality == {"cpf": 1, "data_nascimento": 1}
    first.refresh_from_db()
    assert (first.cpf.reveal(), first.cpf_invalid, first.birth_date_invalid, first.birth_date_reported) == (
        "11144477735", False, False, None
    )  # fmt: skip
    assert first.birth_date.reveal().isoformat() == "1990-02-28"


def test_a_strict_source_refuses_the_file_with_nothing_written(feed, files):
    _strict(feed)
    result = run_import(feed.source, "standard", files[0], identity_path=files[1])
    assert not result.ok and not result.report.warnings
    assert result.report.lines()[:2] == [
        "identidades.csv, linha 2, coluna cpf, valor '***.456.789-**': CPF inválido (dígitos verificadores não conferem)",
        "identidades.csv, linha 2, coluna data_nascimento: data inválida (inexistente ou fora do formato)",
    ]
    assert not Case.objects.exists() and not PersonIdentity.objects.exists() and not ImportBatch.objects.exists()


def test_unusable_rows_still_refuse_the_file(feed, files):
    rows = [*ROWS, ["creas-ficticio", "R0009", "1", "Nome Qualquer", "", ""]]
    path = write_csv(files[1].parent / "desconhecida.csv", IDENTITY_HEADER, rows)
    result = run_import(feed.source, "standard", files[0], identity_path=path)
    assert not result.ok and "pessoa não encontrada" in result.report.lines()[0]
    assert not Case.objects.exists() and not PersonIdentity.objects.exists()


def _table_dump(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        return "\n".join(" | ".join("" if cell is None else str(cell) for cell in row) for row in cursor.fetchall())


def _leaks(text: str) -> list:
    folded = text.casefold()
    return [value for value in PLAINTEXTS if value.casefold() in folded]


def test_no_identity_value_of_a_bad_file_is_stored_shown_or_logged(feed, files, client, settings, monkeypatch, caplog,
                                                                 capsys, tmp_path):  # fmt: skip
    caplog.set_level(logging.DEBUG)
    monkeypatch.setattr("pnetp.core.jobs.ENQUEUE_AT_ONCE", True)  # the test transaction never commits
    settings.DATA_DIR = tmp_path / "data"
    shown = []
    # CLI: a strict source refuses it; then, not strict, it is written with warnings.
    _strict(feed)
    arguments = ["sisetp", "import", "--source", "creas-ficticio", "--layout", "standard"]
    with pytest.raises(CommandError):
        call_command(*arguments, "--identity-file", str(files[1]), str(files[0]))
    feed.source.strict_identifiers = False
    feed.source.save()
    call_command(*arguments, "--dry-run", "--identity-file", str(files[1]), str(files[0]))
    call_command(*arguments, "--identity-file", str(files[1]), str(files[0]))
    output = capsys.readouterr()
    shown += [output.out, output.err]
    assert "***.456.789-**" in output.out and "***.456.789-**" in output.err
    call_command("sisetp", "batches")
    output = capsys.readouterr().out
    assert "avisos (valores marcados como inválidos): cpf: 2, data_nascimento: 2" in output
    shown.append(output)
    # Web: a strict refusal, then the job that validates and writes it, and their pages.
    client.force_login(feed.users.focal_point)
    for strict in (True, False):
        feed.source.strict_identifiers = strict
        feed.source.save()
        with files[0].open("rb") as cases, files[1].open("rb") as identities:
            data = {"source": feed.source.pk, "layout": "standard", "file": cases, "identity_file": identities}
            response = client.post(reverse("sisetp:import"), data)
        job = ImportJob.objects.latest("pk")
        shown.append(client.get(response.url).content.decode())
        if not strict:
            assert job.status == "valido"
            client.post(reverse("sisetp:import-job-confirm", args=[job.pk]), {"confirm_removals": "1"})
            shown.append(client.get(response.url).content.decode())
            shown.append(client.get(reverse("sisetp:import-batches")).content.decode())
    assert ImportJob.objects.filter(status="invalido").count() == 1 and ImportJob.objects.filter(status="concluido")
    assert "***.456.789-**" in shown[-2]
    leaks = {f"saída {n}": found for n, text in enumerate(shown) if (found := _leaks(text))}
    leaks |= {table: found for table in connection.introspection.table_names() if (found := _leaks(_table_dump(table)))}
    leaks |= {"log": found} if (found := _leaks(caplog.text + "\n".join(str(r.args) for r in caplog.records))) else {}
    assert not leaks, leaks
    assert PersonIdentity.objects.filter(cpf_invalid=True).count() == 2  # written, and only as tokens


def test_strictness_is_editable_in_the_admin(admin_client, feed):
    page = admin_client.get(reverse("admin:sisetp_datasource_change", args=[feed.source.pk])).content.decode()
    assert 'name="strict_identifiers"' in page and "identificadores estritos" in page.lower()


def test_the_review_page_shows_flagged_values_as_reported(client, world, pairs):  # noqa: F811
    PersonIdentity.objects.filter(person=world.victim).update(cpf_invalid=True, birth_date_invalid=True)
    coordination = world.users.coordination
    IdentityAccessGrant.objects.create(user=coordination, source=world.disque100, purpose="Revisão de pessoas únicas",
                                       valid_until=date(2999, 12, 31), granted_by=world.users.focal_point,
                                       status="approved")  # fmt: skip
    login_verified(client, coordination)  # identities need a strong sign-in (second factor)
    page = client.post(reverse("linkage:pair", args=[pairs[0].pk]), {"action": "identidades"}).content.decode()
    assert "52998224725 (inválido, como informado)" in page and "31/02/2001 (inexistente, como informada)" in page

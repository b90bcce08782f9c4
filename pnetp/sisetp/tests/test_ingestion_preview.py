"""The preview (a dry run, the web validation) shows exactly what the write will do."""

import pytest
from django.urls import reverse

from pnetp.sisetp.ingestion import writer
from pnetp.sisetp.ingestion.batches import run_import
from pnetp.sisetp.models import CasePerson, ImportJob

from .test_ingestion_fixtures import CASE_HEADER, case_rows, feed, write_csv  # noqa: F401
from .test_ingestion_layouts import DISQUE100_HEADER

IDENTITY_HEADER = ["fonte", "id_registro", "id_pessoa", "nome", "cpf", "data_nascimento"]
SHOWN = ("cases_created", "cases_updated", "cases_unchanged", "persons_created", "persons_updated",
         "persons_deleted", "identities_written", "emptied")  # fmt: skip


def _preview_then_write(feed, layout, path, identities=None):
    preview = run_import(feed.source, layout, path, identity_path=identities, dry_run=True)
    assert preview.ok, preview.report.lines()
    written = run_import(feed.source, layout, path, identity_path=identities)
    assert written.ok, written.report.lines()
    assert {name: preview.counts.get(name, 0) for name in SHOWN} == {
        name: written.counts.get(name, 0) for name in SHOWN
    }
    assert preview.summary() == written.summary()
    return written.counts


@pytest.fixture(params=["one chunk", "chunks of 3"])
def write_path(request, monkeypatch):
    """New cases written in one chunk, and in chunks of 3 (the identity file checked between them)."""
    if request.param == "chunks of 3":
        monkeypatch.setattr(writer, "CREATE_CHUNK", 3)
    return request.param


def test_standard_previews_equal_writes_over_reimports_and_removed_persons(write_path, feed, tmp_path):
    identities = [["creas-ficticio", f"R{n:04d}", "1", f"Pessoa Fictícia {n}", "", "01/02/1990"] for n in (1, 2, 3)]
    ids = write_csv(tmp_path / "id1.csv", IDENTITY_HEADER, identities)
    counts = _preview_then_write(feed, "standard", write_csv(tmp_path / "c1.csv", CASE_HEADER, case_rows(3)), ids)
    assert (counts["cases_created"], counts["persons_created"], counts["identities_written"]) == (3, 6, 3)

    counts = _preview_then_write(feed, "standard", write_csv(tmp_path / "c2.csv", CASE_HEADER, case_rows(3)), ids)
    assert (counts["cases_unchanged"], counts["identities_written"]) == (3, 0)

    rows = case_rows(4)
    del rows[1]  # R0001 loses its person 2
    rows[1][CASE_HEADER.index("raca_cor")] = ""  # R0002's victim: a present, empty cell empties it
    rows.append(["creas-ficticio", "R0003", "3", "2024-03-01", "", "", "suspeito", "", "", "", "", "", "", "", "", "",
                 ""])  # fmt: skip
    identities[1][3] = "Pessoa Fictícia Corrigida"
    identities.append(["creas-ficticio", "R0004", "1", "Pessoa Nova", "", ""])
    ids = write_csv(tmp_path / "id3.csv", IDENTITY_HEADER, identities)
    counts = _preview_then_write(feed, "standard", write_csv(tmp_path / "c3.csv", CASE_HEADER, rows), ids)
    assert (counts["cases_created"], counts["cases_updated"], counts["cases_unchanged"]) == (1, 3, 0)
    assert (counts["persons_created"], counts["persons_deleted"], counts["identities_written"]) == (3, 1, 2)
    assert counts["emptied"] == {"race_colour": 1}
    assert not CasePerson.objects.filter(case__source_record_id="R0001", source_person_id="2").exists()


def test_disque100_preview_without_a_column_equals_its_write(feed, tmp_path):
    trafficking = "LIBERDADE>DIREITOS INDIVIDUAIS>TRÁFICO DE PESSOAS - INTERNACIONAL"
    rows = [["a1", "2023-01-15", "RR", "PACARAIMA", "Feminino", "18 a 19 anos", "Parda", trafficking],
            ["b2", "2023-02-01", "SP", "SÃO PAULO", "Masculino", "40 a 44 anos", "Branca", trafficking]]  # fmt: skip
    path = write_csv(tmp_path / "d1.csv", DISQUE100_HEADER, rows, delimiter=";", encoding="cp1252")
    _preview_then_write(feed, "disque100", path)
    header = [name for name in DISQUE100_HEADER if name != "Sexo da vítima"]
    later = [[cell for name, cell in zip(DISQUE100_HEADER, row) if name != "Sexo da vítima"] for row in rows]
    later.append(["c3", "2023-03-01", "DF", "BRASÍLIA", "25 a 29 anos", "Preta", trafficking])
    counts = _preview_then_write(feed, "disque100", write_csv(tmp_path / "d2.csv", header, later, delimiter=";"))
    assert (counts["cases_created"], counts["cases_unchanged"], counts["emptied"]) == (1, 2, {})
    assert sorted(CasePerson.objects.values_list("sex", flat=True), key=str) == [None, "feminino", "masculino"]


@pytest.fixture
def inline_jobs(monkeypatch, settings, tmp_path):
    monkeypatch.setattr("pnetp.core.jobs.ENQUEUE_AT_ONCE", True)  # the test transaction never commits
    settings.DATA_DIR = tmp_path / "data"


def _upload(client, feed, path):
    with path.open("rb") as stream:
        response = client.post(
            reverse("sisetp:import"), {"source": feed.source.pk, "layout": "standard", "file": stream}
        )
    return ImportJob.objects.get(pk=response.url.rstrip("/").split("/")[-1]), client.get(response.url).content.decode()


def test_web_confirmation_asks_before_removing_or_emptying(client, feed, tmp_path, inline_jobs):
    client.force_login(feed.users.focal_point)
    job, page = _upload(client, feed, write_csv(tmp_path / "c1.csv", CASE_HEADER, case_rows(2)))
    assert "confirm_removals" not in page
    client.post(reverse("sisetp:import-job-confirm", args=[job.pk]))
    rows = case_rows(2)
    del rows[1]  # R0001 loses its person 2
    rows[1][CASE_HEADER.index("raca_cor")] = ""
    job, page = _upload(client, feed, write_csv(tmp_path / "c2.csv", CASE_HEADER, rows))
    assert job.summary["counts"]["persons_deleted"] == 1 and "confirm_removals" in page
    assert "1 pessoa será retirada" in page and "raça/cor" in page
    client.post(reverse("sisetp:import-job-confirm", args=[job.pk]))  # without the checkbox: refused
    job.refresh_from_db()
    assert job.status == "valido" and CasePerson.objects.count() == 4
    client.post(reverse("sisetp:import-job-confirm", args=[job.pk]), {"confirm_removals": "1"})
    job.refresh_from_db()
    assert job.status == "concluido" and CasePerson.objects.count() == 3
    assert job.summary["counts"]["persons_deleted"] == 1


def test_an_identity_of_a_person_the_file_removes_refuses_the_file(feed, tmp_path):
    assert run_import(feed.source, "standard", write_csv(tmp_path / "c1.csv", CASE_HEADER, case_rows(2))).ok
    rows = case_rows(2)
    del rows[1]  # R0001 without its person 2
    ids = write_csv(tmp_path / "id.csv", IDENTITY_HEADER, [["creas-ficticio", "R0001", "2", "Alguém Fictício", "", ""]])
    for dry_run in (True, False):
        result = run_import(feed.source, "standard", write_csv(tmp_path / "c2.csv", CASE_HEADER, rows),
                            identity_path=ids, dry_run=dry_run)  # fmt: skip
        assert result.report.lines() == [
            "id.csv, linha 2, coluna id_pessoa, valor 'R0001/2': a pessoa não está no registro do arquivo de casos, "
            "que a retira do caso"
        ]
    assert CasePerson.objects.count() == 4

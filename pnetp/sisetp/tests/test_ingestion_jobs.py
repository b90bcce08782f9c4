"""A web import job always ends in a final state with a message, and its uploaded files do not outlive it."""

import gc
import logging
import sys

import pytest
from django.db import DataError
from django.urls import reverse

from pnetp.sisetp.ingestion import fastinsert, jobs
from pnetp.sisetp.models import Case, ImportJob

from .test_ingestion_fixtures import CASE_HEADER, case_rows, feed, write_csv  # noqa: F401


@pytest.fixture(autouse=True)
def inline_jobs(monkeypatch, settings, tmp_path):
    monkeypatch.setattr("pnetp.core.jobs.ENQUEUE_AT_ONCE", True)  # the test transaction never commits
    settings.DATA_DIR = tmp_path / "data"


def uploads(tmp_path):
    return list((tmp_path / "data" / "sisetp-importacoes").glob("*"))


def upload(client, feed, path):
    client.force_login(feed.users.focal_point)
    with path.open("rb") as stream:
        client.post(reverse("sisetp:import"), {"source": feed.source.pk, "layout": "standard", "file": stream})
    return ImportJob.objects.latest("pk")


def test_failure_while_saving_the_report_ends_failed_and_deletes_the_files(client, feed, tmp_path, monkeypatch, caplog):
    def too_big(issue):
        raise DataError("string or blob too big")

    monkeypatch.setattr(jobs, "stored_issue", too_big)
    rows = case_rows(2)
    rows[0][4] = "31/02/2023"
    with caplog.at_level(logging.ERROR, logger="pnetp.sisetp.ingestion.jobs"):
        job = upload(client, feed, write_csv(tmp_path / "casos.csv", CASE_HEADER, rows))
    assert job.status == "falhou" and "erro interno (DataError)" in job.message and f"({job.pk})" in job.message
    assert uploads(tmp_path) == [] and not Case.objects.exists()
    assert "DataError" in caplog.text and "string or blob too big" not in caplog.text  # frames, not the text
    page = client.get(reverse("sisetp:import-job", args=[job.pk])).content.decode()
    assert "A importação falhou; nada foi gravado." in page and "erro interno (DataError)" in page


def test_any_exception_in_the_import_ends_failed(client, feed, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("31/02/1990 do arquivo")

    monkeypatch.setattr(jobs, "run_import", broken)
    job = upload(client, feed, write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(1)))
    assert job.status == "falhou" and "RuntimeError" in job.message and "31/02/1990" not in job.message
    assert uploads(tmp_path) == []


def test_stored_issues_are_capped_and_the_rest_counted(client, feed, tmp_path, monkeypatch):
    monkeypatch.setattr(jobs, "STORED_ISSUES", 3)
    rows = case_rows(5)
    for row in rows:
        row[4] = "31/02/2023"
    job = upload(client, feed, write_csv(tmp_path / "casos.csv", CASE_HEADER, rows))
    assert job.status == "invalido" and len(job.issues) == 3
    total = job.summary["total_issues"]
    assert total >= 5 and job.summary["issues_not_shown"] == total - 3
    assert uploads(tmp_path) == []
    page = client.get(reverse("sisetp:import-job", args=[job.pk])).content.decode()
    assert f"Mais {total - 3} problemas não listados" in page


def test_stored_issue_fields_are_cut():
    issue = jobs.stored_issue(
        {"file": "f.csv", "line": 2, "column": "c", "value": "v" * 10_000, "message": "m" * 10**6}
    )
    assert len(issue["value"]) == 200 and len(issue["message"]) == 1000 and issue["line"] == 2


def test_valid_file_is_kept_until_written_then_deleted(client, feed, tmp_path):
    job = upload(client, feed, write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(2)))
    assert job.status == "valido" and len(uploads(tmp_path)) == 1
    client.post(reverse("sisetp:import-job-confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "concluido" and Case.objects.count() == 2 and uploads(tmp_path) == []


def test_cancel_deletes_the_files_and_writes_nothing(client, feed, tmp_path):
    job = upload(client, feed, write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(2)))
    page = client.get(reverse("sisetp:import-job", args=[job.pk])).content.decode()
    assert reverse("sisetp:import-job-cancel", args=[job.pk]) in page
    client.post(reverse("sisetp:import-job-cancel", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "cancelado" and uploads(tmp_path) == [] and not Case.objects.exists()
    assert "Cancelada antes da gravação" in client.get(reverse("sisetp:import-job", args=[job.pk])).content.decode()
    client.post(reverse("sisetp:import-job-confirm", args=[job.pk]))  # too late to confirm
    job.refresh_from_db()
    assert job.status == "cancelado" and not Case.objects.exists()


def test_cancel_is_refused_for_others_and_for_jobs_not_waiting(client, feed, tmp_path):
    job = upload(client, feed, write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(1)))
    client.force_login(feed.users.other_focal_point)
    assert client.post(reverse("sisetp:import-job-cancel", args=[job.pk])).status_code == 403
    client.force_login(feed.users.focal_point)
    client.post(reverse("sisetp:import-job-confirm", args=[job.pk]))
    client.post(reverse("sisetp:import-job-cancel", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "concluido" and Case.objects.count() == 1


def test_the_worker_job_sets_the_process_wide_settings_only_while_it_imports(client, feed, tmp_path, monkeypatch):
    """The collector and the GIL's switch interval are every thread's: set by the job (``pnetp worker``
    serves no requests), not by ``run_import``, and restored when the job ends."""
    seen = []
    run_import = jobs.run_import

    def spying(*args, **kwargs):
        seen.append((gc.isenabled(), sys.getswitchinterval()))
        return run_import(*args, **kwargs)

    monkeypatch.setattr(jobs, "run_import", spying)
    assert gc.isenabled()
    job = upload(client, feed, write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(2)))
    assert job.status == ImportJob.Status.VALID
    assert seen == [(False, fastinsert.GIL_SWITCH_SECONDS)] and gc.isenabled()
    assert sys.getswitchinterval() != fastinsert.GIL_SWITCH_SECONDS

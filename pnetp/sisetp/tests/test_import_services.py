"""The import services check their own permission: called from anywhere, the wrong user is refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from pnetp.sisetp.models import ImportBatch, ImportJob
from pnetp.sisetp.permissions import access_import_job, require_importer
from pnetp.sisetp.services import imports

from .test_ingestion_fixtures import CASE_HEADER, case_rows, feed  # noqa: F401


@pytest.fixture(autouse=True)
def queued_not_run(monkeypatch, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    started = []
    monkeypatch.setattr("pnetp.sisetp.ingestion.jobs.start", lambda job, write: started.append((job.pk, write)))
    return started


def csv_upload():
    lines = [",".join(CASE_HEADER)] + [",".join(row) for row in case_rows(1)]
    return SimpleUploadedFile("casos.csv", ("\n".join(lines) + "\n").encode())


def test_start_import_queues_a_validation_for_a_focal_point_of_the_source(feed, queued_not_run):
    job = imports.start_import(feed.users.focal_point, source=feed.source, layout="standard", upload=csv_upload())
    assert job.user == feed.users.focal_point and job.file_name == "casos.csv"
    assert queued_not_run == [(job.pk, False)]


@pytest.mark.parametrize("who", ["other_focal_point", "analyst"])
def test_start_import_refuses_whoever_does_not_send_the_source(feed, queued_not_run, who):
    with pytest.raises(PermissionDenied):
        imports.start_import(getattr(feed.users, who), source=feed.source, layout="standard", upload=csv_upload())
    assert not ImportJob.objects.exists() and queued_not_run == []


def test_confirm_cancel_and_retry_refuse_another_institution_and_check_the_state(feed, queued_not_run):
    job = imports.start_import(feed.users.focal_point, source=feed.source, layout="standard", upload=csv_upload())
    for step in (imports.cancel_import, imports.retry_import):
        with pytest.raises(PermissionDenied):
            step(feed.users.other_focal_point, job)
    with pytest.raises(PermissionDenied):
        imports.confirm_import(feed.users.other_focal_point, job, removals_confirmed=True)
    with pytest.raises(ValidationError, match="Só um arquivo validado"):
        imports.confirm_import(feed.users.focal_point, job, removals_confirmed=True)  # still validating
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.VALID)
    job.refresh_from_db()
    imports.confirm_import(feed.users.focal_point, job, removals_confirmed=False)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING and queued_not_run[-1] == (job.pk, True)


def test_job_and_importer_access(feed):
    job = ImportJob.objects.create(source=feed.source, layout="standard", user=feed.users.focal_point)
    assert access_import_job(feed.users.focal_point, job.pk) == job
    assert access_import_job(feed.users.coordination, job.pk) == job
    with pytest.raises(PermissionDenied):
        access_import_job(feed.users.other_focal_point, job.pk)
    assert feed.source in require_importer(feed.users.focal_point)
    with pytest.raises(PermissionDenied):
        require_importer(feed.users.analyst)


def test_roll_back_refuses_another_institution(feed):
    batch = ImportBatch.objects.create(source=feed.source, user=feed.users.focal_point)
    with pytest.raises(PermissionDenied):
        imports.roll_back_batch(feed.users.other_focal_point, batch)

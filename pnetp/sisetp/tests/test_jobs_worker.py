"""Web imports run by a REAL worker process (``pnetp worker``) on a database it shares with the test
(``worker_process``): a job completes; a worker killed (SIGKILL) in the middle of a write leaves nothing
half-written, the job is found interrupted by the sweep and can be sent again. Data is fictitious.
"""

import signal
import subprocess
import threading
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from pnetp.sisetp.ingestion import jobs
from pnetp.sisetp.models import Case, ImportBatch, ImportJob, StandardVersion
from pnetp.sisetp.standard import STANDARD_VERSION

from .test_ingestion_fixtures import CASE_HEADER, case_rows, feed, write_csv  # noqa: F401
from .worker_process import DATABASE_QUEUE, IMMEDIATE, SharedDatabase

pytestmark = pytest.mark.django_db(transaction=True)  # the worker must see committed rows


@pytest.fixture
def shared(tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    settings.TASKS = DATABASE_QUEUE
    # a data migration's row, gone if an earlier transactional test flushed the tables
    StandardVersion.objects.get_or_create(version=STANDARD_VERSION, defaults={"title": "Parâmetros mínimos"})
    return SharedDatabase(tmp_path)


def writing(shared, job) -> bool:
    status, beat = shared.row(ImportJob, job.pk, ["status", "heartbeat_at"], busy=("gravando", "bloqueado"))
    return status == "gravando" and beat is not None


def upload(client, feed, path):
    with path.open("rb") as stream:
        return client.post(reverse("sisetp:import"), {"source": feed.source.pk, "layout": "standard", "file": stream})


def test_a_real_worker_process_runs_a_queued_import(client, feed, shared, tmp_path):
    client.force_login(feed.users.focal_point)
    threads = set(threading.enumerate())
    upload(client, feed, write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(3)))
    job = ImportJob.objects.get()
    assert job.status == "validando"  # queued: nothing runs in the web process
    assert set(threading.enumerate()) == threads  # and no thread was started there
    assert DBTaskResult.objects.get().status == "READY"
    shared.export()
    command, env = shared.worker(tmp_path, "--uma-vez")
    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    assert finished.returncode == 0, finished.stderr
    shared.load()
    job.refresh_from_db()
    assert job.status == "valido" and job.summary["counts"]
    assert "SUCCESSFUL" in DBTaskResult.objects.filter(task_path="pnetp.sisetp.ingestion.jobs.run").values_list(
        "status", flat=True
    )
    assert "Arquivo válido" in client.get(reverse("sisetp:import-job", args=[job.pk])).content.decode()
    periodic = set(DBTaskResult.objects.filter(status="SUCCESSFUL").values_list("task_path", flat=True))
    assert {"pnetp.sisetp.tasks.sweep", "pnetp.sisetp.tasks.cleanup_uploads"} <= periodic  # enqueued by the worker


def test_a_worker_killed_mid_write_leaves_nothing_and_the_job_runs_again(client, feed, shared, tmp_path, settings):
    cases = 30_000  # a write that lasts well past the kill, on a fast machine too
    settings.TASKS = IMMEDIATE  # validation where it is enqueued; the write by a real worker, killed
    client.force_login(feed.users.focal_point)
    upload(client, feed, write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(cases)))
    job = ImportJob.objects.get()
    assert job.status == "valido", job.message
    settings.TASKS = DATABASE_QUEUE
    client.post(reverse("sisetp:import-job-confirm", args=[job.pk]))
    shared.export()
    command, env = shared.worker(tmp_path)
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not writing(shared, job):  # the worker took it and started writing
            assert process.poll() is None and time.monotonic() < deadline, process.stderr.read().decode()
            time.sleep(0.05)
        time.sleep(0.2)  # inside the write's one transaction
        assert shared.row(ImportJob, job.pk, ["status"], busy=("gravando",))[0] == "gravando", (
            "the write finished before the kill: make the file larger"
        )
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    shared.load()
    job.refresh_from_db()
    assert job.status == "gravando"
    assert not Case.objects.filter(source=feed.source).exists()  # nothing half-written
    assert not ImportBatch.objects.exists()
    # minutes later, the sweep of any worker finds the job dead
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - jobs.DEAD_AFTER - timedelta(seconds=1))
    assert jobs.interrupt_dead_jobs() == 1
    page = client.get(reverse("sisetp:import-job", args=[job.pk])).content.decode()
    assert "interrompida" in page and "Validar novamente" in page
    settings.TASKS = IMMEDIATE
    client.post(reverse("sisetp:import-job-retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "valido"
    client.post(reverse("sisetp:import-job-confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "concluido" and Case.objects.filter(source=feed.source).count() == cases

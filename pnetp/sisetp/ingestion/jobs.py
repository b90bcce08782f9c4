"""Web imports as jobs on the queue (``pnetp.core.jobs``), run by ``pnetp worker``; progress kept in ``ImportJob``.

The write is one transaction: a worker killed mid-way leaves nothing half-written. The job beats
``ImportJob.heartbeat_at`` while it runs; one silent for ``DEAD_AFTER`` is marked "interrompida" by the
worker's sweep (``interrupt_dead_jobs``) and can be sent again (``retry``), its files kept until then.
While writing, the progress is not visible (it happens inside that transaction), only the state. Very
large files are better sent with ``pnetp sisetp import`` on the server.
"""

import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from pnetp.core import jobs as queue

from ..models import ImportJob
from .batches import run_import

_PROGRESS_EVERY = 20_000
HEARTBEAT_EVERY = timedelta(seconds=30)
DEAD_AFTER = timedelta(minutes=5)


def upload_dir() -> Path:
    path = Path(settings.DATA_DIR) / "sisetp-importacoes"
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_upload(uploaded) -> str:
    """Store an uploaded file under a random name; returns its path."""
    suffix = Path(uploaded.name).suffix.lower()[:10]
    path = upload_dir() / f"{uuid.uuid4().hex}{suffix}"
    with path.open("wb") as stream:
        for chunk in uploaded.chunks():
            stream.write(chunk)
    return str(path)


def start(job: ImportJob, *, write: bool) -> None:
    """Queue the job's validation (``write=False``) or write, once the current transaction commits.

    A queued job has no heartbeat (``run`` starts it): waiting behind other jobs is not being dead.
    """
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=None)
    queue.enqueue(run, job.pk, write=write)


def beat(job_pk: int) -> None:
    ImportJob.objects.filter(pk=job_pk, status__in=_IN_PROGRESS).update(heartbeat_at=timezone.now())


_IN_PROGRESS = (ImportJob.Status.VALIDATING, ImportJob.Status.RUNNING)


def interrupt_dead_jobs() -> int:
    """Mark "interrompida" every started job in progress without a heartbeat for DEAD_AFTER; returns how many."""
    silent = ImportJob.objects.filter(heartbeat_at__lt=timezone.now() - DEAD_AFTER, status__in=_IN_PROGRESS)
    return silent.update(
        status=ImportJob.Status.INTERRUPTED,
        message=_(
            "O processo que executava a importação parou sem terminar (reinício ou falta de memória); valide o "
            "arquivo novamente."
        ),
    )


def retry(job: ImportJob) -> bool:
    """Validate an interrupted job's files again (a write asks for confirmation again); False if not interrupted."""
    again = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.INTERRUPTED).update(
        status=ImportJob.Status.VALIDATING, rows_done=0, message="", heartbeat_at=None
    )
    if again:
        start(job, write=False)
    return bool(again)


@task()
def run(job_pk: int, *, write: bool) -> None:
    job = ImportJob.objects.select_related("source", "user").get(pk=job_pk)
    status = ImportJob.Status.RUNNING if write else ImportJob.Status.VALIDATING
    ImportJob.objects.filter(pk=job_pk).update(status=status, rows_done=0, heartbeat_at=timezone.now())
    pending = [0]
    alive = queue.Heartbeat(lambda: beat(job_pk), HEARTBEAT_EVERY.total_seconds(), f"sisetp-import-{job_pk}")

    def progress(stage, count):
        pending[0] += count
        if stage == "validando" and pending[0] >= _PROGRESS_EVERY:
            ImportJob.objects.filter(pk=job_pk).update(rows_done=F("rows_done") + pending[0])
            pending[0] = 0

    try:
        result = run_import(
            job.source,
            job.layout,
            job.file_path,
            file_name=job.file_name,
            identity_path=job.identity_file_path or None,
            identity_file_name=job.identity_file_name or None,
            user=job.user,
            dry_run=not write,
            progress=progress,
        )
    except Exception as error:  # the page must say it failed rather than spin forever
        ImportJob.objects.filter(pk=job_pk).update(status=ImportJob.Status.FAILED, message=str(error)[:2000])
        raise
    finally:
        alive.stop()
    if not result.ok:
        status = ImportJob.Status.INVALID
    else:
        status = ImportJob.Status.DONE if write else ImportJob.Status.VALID
    ImportJob.objects.filter(pk=job_pk).update(
        status=status,
        rows_done=result.rows,
        issues=[issue.as_dict() for issue in result.report.issues],
        summary={"text": result.summary(), "counts": result.counts, "total_issues": result.report.total},
        batch=result.batch,
    )
    if status in (ImportJob.Status.DONE, ImportJob.Status.INVALID):
        for path in (job.file_path, job.identity_file_path):
            if path:
                Path(path).unlink(missing_ok=True)

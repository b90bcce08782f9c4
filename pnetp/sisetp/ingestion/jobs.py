"""Web imports in the background: a thread of the web server process, its progress kept in ``ImportJob``.

No extra server or queue. Limits, by design: the job dies if the web process restarts (it is then
left "validando"/"gravando" and can be sent again — nothing half-written, the write is one
transaction); while writing, the progress is not visible (it happens inside that transaction), only
the state; with several web processes each runs its own threads. Very large files are better sent
with ``pnetp sisetp import`` on the server.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.db.models import F

from pnetp.core import background

from ..models import ImportJob
from ..services import notifications
from .batches import run_import

RUN_INLINE = False  # tests (and single-threaded debugging) run jobs in the request itself
_PROGRESS_EVERY = 20_000


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
    in_background(run, job.pk, write=write, name=f"sisetp-import-{job.pk}")


def in_background(target, *args, name: str, **kwargs) -> None:
    """``core.background.in_background``, inline under RUN_INLINE (imports and linkage runs)."""
    background.in_background(target, *args, name=name, inline=RUN_INLINE, **kwargs)


def run(job_pk: int, *, write: bool) -> None:
    job = ImportJob.objects.select_related("source", "user").get(pk=job_pk)
    status = ImportJob.Status.RUNNING if write else ImportJob.Status.VALIDATING
    ImportJob.objects.filter(pk=job_pk).update(status=status, rows_done=0)
    pending = [0]

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
        notifications.import_ended(job, ImportJob.Status.FAILED)
        raise
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
    notifications.import_ended(job, status)
    if status in (ImportJob.Status.DONE, ImportJob.Status.INVALID):
        for path in (job.file_path, job.identity_file_path):
            if path:
                Path(path).unlink(missing_ok=True)

"""Web imports as jobs on the queue (``pnetp.core.jobs``), run by ``pnetp worker``; progress kept in ``ImportJob``.

The write is one transaction: a worker killed mid-way leaves nothing half-written. The job beats
``ImportJob.heartbeat_at`` while it runs; one silent for ``DEAD_AFTER`` is marked "interrompida" by the
worker's sweep (``interrupt_dead_jobs``) and can be sent again (``retry``), its files kept until then.
While writing, the progress is not visible (it happens inside that transaction), only the state. Very
large files are better sent with ``pnetp sisetp import`` on the server.
"""

import logging
import traceback
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import F
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from pnetp.core import jobs as queue

from ..models import Case, CasePerson, ImportJob
from ..services import notifications
from . import fastinsert
from .batches import run_import

_PROGRESS_EVERY = 20_000
STORED_ISSUES = 200  # the job page lists these; the summary counts the rest
_FIELD_CHARS = {"file": 255, "column": 100, "value": 200, "message": 1000, "text": 1600}
logger = logging.getLogger(__name__)
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
    """Validate (or write) the job's files; whatever happens, the job ends in a final state.

    Any exception ends it "falhou" with a Portuguese message (the log gets the exception's type and
    frames, never its text, which may quote a cell); the uploaded files are deleted unless the job is
    valid and waits for confirmation.
    """
    try:
        _run(job_pk, write=write)
    except Exception as error:  # the page must say it failed rather than spin forever
        logger.error(
            "sisetp import job %s failed: %s\n%s",
            job_pk, type(error).__name__,
            "\n".join(f"  {f.filename}:{f.lineno} in {f.name}" for f in traceback.extract_tb(error.__traceback__)),
        )  # fmt: skip
        message = _(
            "A importação falhou por um erro interno (%(kind)s); nada foi gravado. Envie o arquivo de novo; "
            "se o erro se repetir, informe a coordenação com o número desta tarefa (%(job)s)."
        ) % {"kind": type(error).__name__, "job": job_pk}
        ImportJob.objects.filter(pk=job_pk).update(status=ImportJob.Status.FAILED, message=message)
        discard_files(job_pk)
        job = ImportJob.objects.select_related("source", "user").filter(pk=job_pk).first()
        if job is not None:
            notifications.import_ended(job, ImportJob.Status.FAILED)


def _run(job_pk: int, *, write: bool) -> None:
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
        with fastinsert.process_settings():  # run by ``pnetp worker``, which serves no requests
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
    finally:
        alive.stop()
    if not result.ok:
        status = ImportJob.Status.INVALID
    else:
        status = ImportJob.Status.DONE if write else ImportJob.Status.VALID
    # Masked: no identity value is quoted in a report, so none is kept here; cut to what a JSON column holds.
    reported = (*result.report.issues, *result.report.warnings)
    issues = [stored_issue(issue.as_dict()) for issue in reported[:STORED_ISSUES]]
    ImportJob.objects.filter(pk=job_pk).update(
        status=status,
        rows_done=result.rows,
        issues=issues,
        summary={
            "text": result.summary(),
            "counts": result.counts,
            "total_issues": result.report.total,
            "total_warnings": result.report.warning_total,
            "quality": result.report.quality,
            "issues_not_shown": len(reported) - len(issues),
        },
        batch=result.batch,
    )
    notifications.import_ended(job, status)
    if status != ImportJob.Status.VALID:
        discard_files(job_pk)


_EVENT_LABELS = {"evento_aliciamento": "aliciamento", "evento_exploracao": "exploração", "evento_transito": "trânsito"}


def _field_label(name: str) -> str:
    if name in _EVENT_LABELS:
        return _("eventos (%(kind)s)") % {"kind": _EVENT_LABELS[name]}
    for model in (CasePerson, Case):
        try:
            return str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            continue
    return name


def quality_lines(quality: dict) -> list[str]:
    """A batch's or job's data-quality summary (column → values flagged invalid), one line per column."""
    return [
        ngettext(
            "%(column)s: %(count)s valor gravado como informado e marcado como inválido",
            "%(column)s: %(count)s valores gravados como informados e marcados como inválidos",
            count,
        )
        % {"column": column, "count": number_format(count, force_grouping=True)}
        for column, count in sorted((quality or {}).items())
    ]


def changes_to_confirm(job: ImportJob) -> list[str]:
    """What writing ``job`` removes or empties, in Portuguese: persons taken out of their cases and, per
    field, stored values a present empty cell erases. Empty: nothing needs an explicit confirmation."""
    counts = (job.summary or {}).get("counts", {})
    lines = []
    removed = counts.get("persons_deleted", 0)
    if removed:
        lines.append(
            ngettext(
                "%(count)s pessoa será retirada do seu caso (o registro do arquivo não a traz mais).",
                "%(count)s pessoas serão retiradas dos seus casos (os registros do arquivo não as trazem mais).",
                removed,
            )
            % {"count": number_format(removed, force_grouping=True)}
        )
    for name, count in sorted(counts.get("emptied", {}).items()):
        lines.append(
            ngettext(
                "%(field)s: %(count)s valor gravado será apagado (célula vazia no arquivo).",
                "%(field)s: %(count)s valores gravados serão apagados (células vazias no arquivo).",
                count,
            )
            % {"field": _field_label(name), "count": number_format(count, force_grouping=True)}
        )
    return lines


def stored_issue(issue: dict) -> dict:
    """An issue cut to sizes a JSON column holds whatever the file had in its cells."""
    return {key: value[: _FIELD_CHARS[key]] if isinstance(value, str) and key in _FIELD_CHARS else value
            for key, value in issue.items()}  # fmt: skip


def discard_files(job_pk: int) -> None:
    """Delete the job's uploaded files (kept only while a valid file waits for confirmation)."""
    job = ImportJob.objects.filter(pk=job_pk).values("file_path", "identity_file_path").first()
    for path in (job or {}).values():
        if path:
            Path(path).unlink(missing_ok=True)


def cancel(job: ImportJob) -> bool:
    """A validated job the user gave up: marked cancelled, its files deleted. False if it was not waiting."""
    cancelled = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.VALID).update(
        status=ImportJob.Status.CANCELLED, message=_("Cancelada antes da gravação; nada foi gravado.")
    )
    if cancelled:
        discard_files(job.pk)
    return bool(cancelled)

"""Web imports as services: start, confirm, cancel and retry an import job, and roll back a batch.

Each takes the user first and checks its own permission (``PermissionDenied``, the project's one refusal);
a state that does not allow the step is a ``ValidationError`` with the Portuguese message the page shows.
The work itself runs on the queue (``ingestion.jobs``).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from ..ingestion import jobs
from ..ingestion.batches import RollbackRefused, rollback
from ..models import ImportBatch, ImportJob, SourceMapping
from ..permissions import can_import_source


def _require_import(user, source) -> None:
    if not can_import_source(user, source):
        raise PermissionDenied(_("Você não envia arquivos desta fonte de dados."))


def start_import(user, *, source, layout, upload, identity_upload=None, mapping=None) -> ImportJob:
    """Store the uploaded files and queue their validation (nothing is written before a confirmation)."""
    _require_import(user, source)
    if mapping:
        SourceMapping.objects.update_or_create(source=source, defaults=mapping)
    job = ImportJob.objects.create(
        source=source,
        layout=layout,
        user=user,
        file_path=jobs.save_upload(upload),
        file_name=upload.name[:255],
        identity_file_path=jobs.save_upload(identity_upload) if identity_upload else "",
        identity_file_name=identity_upload.name[:255] if identity_upload else "",
    )
    jobs.start(job, write=False)
    return job


def confirm_import(user, job: ImportJob, *, removals_confirmed: bool) -> None:
    """Queue the write of a validated job; removals (persons withdrawn, values erased) need their own tick."""
    _require_import(user, job.source)
    if job.status != ImportJob.Status.VALID:
        raise ValidationError(_("Só um arquivo validado e ainda não gravado pode ser confirmado."))
    if jobs.changes_to_confirm(job) and not removals_confirmed:
        raise ValidationError(
            _("Esta importação retira pessoas ou apaga valores: marque a confirmação antes de gravar.")
        )
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    jobs.start(job, write=True)


def cancel_import(user, job: ImportJob) -> None:
    _require_import(user, job.source)
    if not jobs.cancel(job):
        raise ValidationError(_("Só um arquivo validado e ainda não gravado pode ser cancelado."))


def retry_import(user, job: ImportJob) -> None:
    _require_import(user, job.source)
    if not jobs.retry(job):
        raise ValidationError(_("Só uma importação interrompida pode ser validada novamente."))


def roll_back_batch(user, batch: ImportBatch) -> dict:
    """Undo a batch (its cases deleted, the ones it replaced restored); returns the counts."""
    _require_import(user, batch.source)
    try:
        return rollback(batch, user=user)
    except RollbackRefused as refusal:
        raise ValidationError(refusal.message) from refusal

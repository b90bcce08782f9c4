"""Notifications of SISETP work that ends after the request: imports (``pnetp.notifications``; linkage runs:
``pnetp.linkage.notifications``).

Texts carry the job number, the data source and counts only: never a value from a file (an import's error
messages may quote one), never an identity.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pnetp.notifications.models import Kind
from pnetp.notifications.services.notify import notify

from ..models import ImportJob

_FINISHED = {
    ImportJob.Status.VALID: gettext_lazy("Arquivo validado, aguardando sua confirmação"),
    ImportJob.Status.DONE: gettext_lazy("Importação concluída"),
    ImportJob.Status.INVALID: gettext_lazy("Arquivo com erros: nada foi gravado"),
    ImportJob.Status.FAILED: gettext_lazy("Importação falhou: nada foi gravado"),
}


def import_ended(job: ImportJob, status: str) -> None:
    """Tell whoever sent the file how the validation or the import ended."""
    if status not in _FINISHED or job.user is None:
        return
    context = {"job": job.pk, "source": str(job.source), "what": str(_FINISHED[status])}
    failed = status in (ImportJob.Status.INVALID, ImportJob.Status.FAILED)
    notify(
        job.user,
        kind=Kind.IMPORT_FAILED if failed else Kind.IMPORT_FINISHED,
        title=_("%(what)s (tarefa nº %(job)s)") % context,
        body=_("Fonte: %(source)s. Os detalhes estão na página da tarefa.") % context,
        url=reverse("sisetp:import-job", args=[job.pk]),
    )

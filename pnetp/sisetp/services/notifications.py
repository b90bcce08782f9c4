"""Notifications of SISETP work that ends after the request: imports and linkage runs (``pnetp.notifications``).

Texts carry the job number, the data source and counts only: never a value from a file (an import's error
messages may quote one), never an identity.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from pnetp.accounts.models import Role, User
from pnetp.notifications.models import Kind
from pnetp.notifications.services.notify import notify, notify_all

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


def linkage_reviewers():
    return User.objects.filter(Q(role__in=[Role.COORDINATION, Role.ANALYST]) | Q(is_superuser=True), is_active=True)


def linkage_review_pending(pending: int) -> None:
    """After a linkage run leaves pairs in the review band: the reviewers are told how many wait."""
    if pending <= 0:
        return
    notify_all(
        linkage_reviewers(),
        kind=Kind.LINKAGE_REVIEW,
        title=ngettext(
            "Revisão de pessoas únicas: %(n)d par aguardando decisão",
            "Revisão de pessoas únicas: %(n)d pares aguardando decisão",
            pending,
        )
        % {"n": pending},
        url=reverse("sisetp:linkage-review"),
    )

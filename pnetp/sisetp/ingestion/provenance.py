"""Which import batch created a case or a person, now that imports keep no "+" history row for them.

Audit policy (see ``writer``): a row an import creates carries the batch id and the batch records
who, when, which file (SHA-256) and why. ``Case.batch`` / ``CasePerson.batch`` name the LAST batch
that wrote the row, so the creating batch is found from provenance:

- a "+" history row exists (created by hand, or by an import before this policy): its batch;
- otherwise the earliest history row is a "~": if it was written by an import that updated the
  record, that batch's ``replaced`` holds the batch the record had before — the creating one, since
  every update by an import leaves a "~" row; if not (an edit by hand), the row's own batch;
- no history at all: the row's current batch.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Case, CasePerson, ImportBatch


def creation_batch(obj: Case | CasePerson) -> ImportBatch | None:
    """The import batch that created ``obj``, or None (created by hand, or its batch is gone)."""
    history = obj.history.order_by("history_date", "history_id")
    created = list(history.filter(history_type="+").values_list("batch_id", flat=True)[:1])
    if created:
        return ImportBatch.objects.filter(pk=created[0]).first() if created[0] else None
    earliest = history.values_list("batch_id", flat=True).first()
    if earliest is None:
        return obj.batch
    batch = ImportBatch.objects.filter(pk=earliest).first()
    if batch is None:
        return None
    case = obj if isinstance(obj, Case) else obj.case
    state = (batch.replaced or {}).get(case.source_record_id)
    if state is not None and (isinstance(obj, Case) or obj.source_person_id in state["record"]["persons"]):
        return ImportBatch.objects.filter(pk=state["batch"]).first()
    return batch


def creation_text(obj: Case | CasePerson) -> str:
    """One sentence for the history page: created by which batch, when, by whom, from which file."""
    batch = creation_batch(obj)
    if batch is None:
        return ""
    return _(
        "Criado pelo lote de importação %(id)s em %(when)s, por %(user)s: arquivo %(file)s (SHA-256 %(sha)s). "
        "A criação por importação fica registrada no lote, não no histórico abaixo."
    ) % {
        "id": batch.pk,
        "when": timezone.localtime(batch.started_at).strftime("%d/%m/%Y %H:%M"),
        "user": batch.user or _("processo do sistema"),
        "file": batch.file_name,
        "sha": batch.file_sha256,
    }


class ProvenanceHistoryMixin:
    """For a SimpleHistoryAdmin: the history page also says which import batch created the record."""

    object_history_template = "sisetp/admin/object_history.html"

    def history_view(self, request, object_id, extra_context=None):
        obj = self.model.objects.filter(pk=object_id).first()
        extra_context = {**(extra_context or {}), "creation_text": creation_text(obj) if obj else ""}
        return super().history_view(request, object_id, extra_context=extra_context)

"""Model signals: a person's multi-valued fields link only to terms of their own vocabulary; imported
rows keep their imported state in history before their first edit by hand."""

from django.core.exceptions import ValidationError
from django.db.models.signals import m2m_changed, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import TERM_FIELDS, Case, CasePerson, PersonIdentity, VocabularyTerm


def _check_terms(field_name: str):
    vocabulary = TERM_FIELDS[field_name]

    def check(sender, instance, action, reverse, pk_set, **kwargs):
        if action != "pre_add" or reverse or not pk_set:
            return
        wrong = VocabularyTerm.objects.filter(pk__in=pk_set).exclude(vocabulary=vocabulary)
        if wrong.exists():
            codes = ", ".join(f"{t.vocabulary}:{t.code}" for t in wrong)
            raise ValidationError(f"{field_name} aceita só termos de {vocabulary}; recebeu {codes}")

    return check


_handlers = []
for _name in TERM_FIELDS:
    _handler = _check_terms(_name)
    _handlers.append(_handler)  # receivers are weak references: keep them alive
    receiver(m2m_changed, sender=getattr(CasePerson, _name).through, dispatch_uid=f"sisetp-terms-{_name}")(_handler)


# Imports record a creation in their batch, not in a "+" history row (ingestion/writer.py). Before the
# first change by hand (admin, identity service) of such a row, its imported state becomes the "+" row,
# so the history still shows what the record held before anyone edited it.
def _keep_imported_state(sender, instance, raw=False, **kwargs):
    if raw or instance._state.adding:
        return
    pk_name = sender._meta.pk.attname
    pk = getattr(instance, pk_name)
    if pk is None or sender.history.filter(**{pk_name: pk}).exists():
        return
    before = sender.objects.filter(pk=pk).first()
    if before is None:
        return
    batch = getattr(before, "batch", None) or getattr(getattr(before, "person", None), "batch", None)
    sender.history.bulk_history_create(
        [before],
        default_date=batch.started_at if batch is not None else timezone.now(),
        default_change_reason=_("Estado gravado pela importação (lote %(batch)s), antes da primeira alteração.")
        % {"batch": batch.pk if batch is not None else "—"},
    )


for _model in (Case, CasePerson, PersonIdentity):
    pre_save.connect(_keep_imported_state, sender=_model, dispatch_uid=f"sisetp-imported-state-{_model.__name__}")

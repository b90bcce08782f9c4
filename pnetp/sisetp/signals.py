"""A person's multi-valued fields may only link to terms of their own vocabulary."""

from django.core.exceptions import ValidationError
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .models import TERM_FIELDS, CasePerson, VocabularyTerm


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

"""Keeping the term rows in step with the standard, and linking persons to terms by code."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..standard.vocabularies import VOCABULARIES, get_vocabulary


def sync_terms() -> int:
    """Create or update one row per vocabulary entry; retire rows whose code left the standard.

    Returns how many rows were created or changed. Labels are stored in pt-BR, the platform language.
    """
    from ..models import VocabularyTerm

    changed = 0
    with transaction.atomic():
        existing = {(t.vocabulary, t.code): t for t in VocabularyTerm.objects.all()}
        seen = set()
        for vocabulary in VOCABULARIES.values():
            for position, item in enumerate(vocabulary.entries):
                key = (vocabulary.slug, item.code)
                seen.add(key)
                values = {"label": str(item.label)[:200], "position": position, "active": True}
                term = existing.get(key)
                if term is None:
                    VocabularyTerm.objects.create(vocabulary=vocabulary.slug, code=item.code, **values)
                    changed += 1
                elif any(getattr(term, name) != value for name, value in values.items()):
                    VocabularyTerm.objects.filter(pk=term.pk).update(**values)
                    changed += 1
        retired = [t.pk for key, t in existing.items() if key not in seen and t.active]
        changed += VocabularyTerm.objects.filter(pk__in=retired).update(active=False)
    return changed


def sync_terms_after_migrate(sender, using="default", **kwargs) -> None:
    from django.utils import translation

    from ..models import VocabularyTerm

    if VocabularyTerm._meta.db_table not in _tables(using):
        return
    with translation.override("pt-br"):
        sync_terms()


def _tables(using: str) -> list[str]:
    from django.db import connections

    return connections[using].introspection.table_names()


def terms(vocabulary: str, codes) -> list:
    """The term rows of ``codes`` in ``vocabulary``; ValidationError names any code that is not there."""
    from ..models import VocabularyTerm

    codes = list(dict.fromkeys(codes))
    get_vocabulary(vocabulary)  # raises LookupError for a mistyped vocabulary
    found = {t.code: t for t in VocabularyTerm.objects.filter(vocabulary=vocabulary, code__in=codes)}
    missing = [code for code in codes if code not in found]
    if missing:
        raise ValidationError(
            _("Códigos que não existem no vocabulário %(vocabulary)s: %(codes)s."),
            params={"vocabulary": vocabulary, "codes": ", ".join(missing)},
        )
    return [found[code] for code in codes]


def set_person_terms(person, field_name: str, codes) -> None:
    """Replace the terms of one multi-valued field of a ``CasePerson`` with ``codes``."""
    from ..models import TERM_FIELDS

    vocabulary = TERM_FIELDS[field_name]
    getattr(person, field_name).set(terms(vocabulary, codes))


def person_codes(person, field_name: str) -> list[str]:
    return sorted(getattr(person, field_name).values_list("code", flat=True))

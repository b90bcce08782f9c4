"""The published data dictionary, built from the models, the layout and the vocabularies themselves.

Nothing here is written twice: a field's description is its ``help_text``, a column's is in
``standard.layout``, so the dictionary cannot drift from what the system stores.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _

from ..fields import EncryptedDateField, EncryptedTextField, VocabularyField
from ..standard import STANDARD_VERSION, layout
from ..standard.datapackage import SKOS
from ..standard.schemes import SCHEMES
from ..standard.vocabularies import VOCABULARIES


def dictionary_models():
    from .. import models as m

    # Standard first, then access control; in the order a reader meets them.
    return [
        (m.StandardVersion, _("Versões publicadas dos parâmetros mínimos.")),
        (m.DataSource, _("Fontes de dados: sistemas das instituições que registram casos (atividade 2.1.1).")),
        (m.DataSharingAgreement, _("Acordos que autorizam cada fonte a compartilhar colunas do leiaute.")),
        (m.Case, _("Um caso como registrado por uma fonte; único por fonte e identificador.")),
        (m.CasePerson, _("Pessoas de cada caso, pseudonimizadas: vítimas, suspeitos e autores.")),
        (
            m.PersonIdentity,
            _("Identificação direta da pessoa, em tabela separada e cifrada; acesso restrito e registrado."),
        ),
        (m.Event, _("Eventos do tráfico: aliciamento, trânsito e exploração, com data e lugar.")),
        (m.VocabularyTerm, _("Termos dos vocabulários de múltipla escolha, espelho dos vocabulários do padrão.")),
        (m.IdentityAccessGrant, _("Autorizações individuais e temporárias para ler identidades.")),
        (m.IdentityAccessLog, _("Registro de cada leitura ou gravação de identidade, permitida ou recusada.")),
    ]


_TYPE_LABELS = [
    (EncryptedDateField, lambda f: _("data, cifrada")),
    (EncryptedTextField, lambda f: _("texto, cifrado")),
    (VocabularyField, lambda f: _("código do vocabulário %(v)s") % {"v": VOCABULARIES[f.vocabulary].label}),
    (models.UUIDField, lambda f: _("identificador aleatório (UUID)")),
    (models.EmailField, lambda f: _("e-mail")),
    (models.SlugField, lambda f: _("identificador (letras minúsculas, números e hífens)")),
    (models.TextField, lambda f: _("texto longo")),
    (models.CharField, lambda f: _("texto (até %(n)s caracteres)") % {"n": f.max_length}),
    (models.DateTimeField, lambda f: _("data e hora")),
    (models.DateField, lambda f: _("data")),
    (models.BooleanField, lambda f: _("sim/não")),
    (models.AutoField, lambda f: _("número sequencial")),
    (models.BigAutoField, lambda f: _("número sequencial")),
    (models.IntegerField, lambda f: _("número inteiro")),
    (models.JSONField, lambda f: _("lista de colunas do leiaute")),
]


def field_type(field) -> str:
    if field.many_to_many:
        vocabulary = (field.remote_field.limit_choices_to or {}).get("vocabulary")
        if vocabulary:
            return _("lista de códigos do vocabulário %(v)s") % {"v": VOCABULARIES[vocabulary].label}
        return _("lista de %(model)s") % {"model": field.related_model._meta.verbose_name_plural}
    if field.is_relation:
        return _("referência a %(model)s") % {"model": field.related_model._meta.verbose_name}
    for cls, label in _TYPE_LABELS:
        if isinstance(field, cls):
            return label(field)
    return field.get_internal_type()


@dataclass
class FieldDoc:
    name: str
    label: str
    type: str
    description: str
    required: bool
    vocabulary: str | None


def vocabulary_of(field) -> str | None:
    if isinstance(field, VocabularyField):
        return field.vocabulary
    if field.many_to_many:
        return (field.remote_field.limit_choices_to or {}).get("vocabulary")
    return None


def documented_fields(model) -> list:
    """Concrete and many-to-many fields of ``model`` (no reverse relations, no history accessor)."""
    return [f for f in model._meta.get_fields() if f.concrete or (f.many_to_many and not f.auto_created)]


def model_doc(model, description) -> dict:
    fields = []
    for f in documented_fields(model):
        if f.primary_key and not f.is_relation:
            description_text, label = _("Chave primária."), _("identificador")
        else:
            description_text, label = str(f.help_text), str(f.verbose_name)
        required = not (getattr(f, "null", False) or getattr(f, "blank", False)) and f.editable
        fields.append(FieldDoc(f.name, label, str(field_type(f)), description_text, required, vocabulary_of(f)))
    return {
        "name": model._meta.model_name,
        "table": model._meta.db_table,
        "label": str(model._meta.verbose_name_plural).capitalize(),
        "description": description,
        "fields": fields,
    }


def vocabulary_doc(vocabulary) -> dict:
    return {
        "slug": vocabulary.slug,
        "label": vocabulary.label,
        "description": vocabulary.description,
        "references": vocabulary.references,
        "entries": [
            {
                "code": item.code,
                "label": item.label,
                "note": item.note,
                "mappings": [
                    [{"value": m.value, "kind": m.kind, "relation": SKOS[m.kind]} for m in item.matches(scheme)]
                    for scheme in SCHEMES
                ],
            }
            for item in vocabulary.entries
        ],
    }


def data_dictionary() -> dict:
    return {
        "version": STANDARD_VERSION,
        "schemes": SCHEMES,
        "resources": layout.RESOURCES,
        "list_separator": layout.LIST_SEPARATOR,
        "tables": [model_doc(model, description) for model, description in dictionary_models()],
        "vocabularies": [vocabulary_doc(v) for v in VOCABULARIES.values()],
    }

"""Saving a source's custom layout mapping (``SourceMapping``), checked against the standard layout."""

from django.utils.translation import gettext as _

from ..models import SourceMapping
from ..standard import layout
from .validation import AGE_BAND_COLUMN

TARGETS = set(layout.CASE_PERSON.header) | {AGE_BAND_COLUMN}


def check_mapping(data) -> dict:
    """The mapping as {"columns", "values", "constants"}; ValueError with a Portuguese message if wrong."""
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict) or not data["columns"]:
        raise ValueError(_("o mapeamento precisa de “columns”: {coluna da fonte: coluna do padrão}"))
    values, constants = data.get("values") or {}, data.get("constants") or {}
    if not isinstance(values, dict) or not all(isinstance(v, dict) for v in values.values()):
        raise ValueError(_("“values” deve ser {coluna do padrão: {valor da fonte: código}}"))
    if not isinstance(constants, dict):
        raise ValueError(_("“constants” deve ser {coluna do padrão: valor}"))
    targets = [*data["columns"].values(), *values, *constants]
    unknown = sorted({str(name) for name in targets if name not in TARGETS})
    if unknown:
        raise ValueError(_("colunas que não existem no leiaute padrão: %(columns)s") % {"columns": ", ".join(unknown)})
    return {"columns": data["columns"], "values": values, "constants": constants}


def save_mapping(source, data) -> SourceMapping:
    cleaned = check_mapping(data)
    mapping, _created = SourceMapping.objects.update_or_create(source=source, defaults=cleaned)
    return mapping

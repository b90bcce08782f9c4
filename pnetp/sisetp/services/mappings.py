"""A source's column mappings (``SourceMapping.columns``) managed on pages by whoever manages the sources.

Each entry maps one column of the source's own spreadsheet to one column of the standard layout. The
whole mapping keeps its history (``SourceMapping.history``, with the user); value tables and fixed
values, sent as JSON on the import page, are kept as they are.
"""

import csv
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..ingestion.mappings import TARGETS
from ..models import DataSource, SourceMapping
from ..standard import layout
from .sources import require_source_manager

# "fonte" is always the source's own slug (the custom layout fills it): never read from a column.
MAPPABLE = TARGETS - {"fonte"}
MAX_COLUMN_NAME = 200


@dataclass(frozen=True)
class ColumnMapping:
    source_column: str
    standard_column: str

    @property
    def standard_title(self) -> str:
        return standard_title(self.standard_column)


@dataclass(frozen=True)
class PreviewColumn:
    position: int  # 1-based, as people count columns
    source_column: str
    standard_column: str  # "" when the column is not mapped (it is ignored by the import)

    @property
    def standard_title(self) -> str:
        return standard_title(self.standard_column) if self.standard_column else ""


def standard_title(name: str) -> str:
    try:
        return str(layout.column(name).title)
    except KeyError:  # the age band: read from CTDC and Disque 100 files, not a CSV column
        return _("Faixa etária")


def standard_choices() -> list[tuple[str, str]]:
    """(name, "name — title") of every standard column a source column may map to, in layout order."""
    names = [name for name in layout.CASE_PERSON.header if name in MAPPABLE]
    names += sorted(MAPPABLE - set(names))
    return [(name, f"{name} — {standard_title(name)}") for name in names]


def column_mappings(source: DataSource) -> list[ColumnMapping]:
    mapping = SourceMapping.objects.filter(source=source).first()
    columns = mapping.columns if mapping else {}
    return sorted((ColumnMapping(src, std) for src, std in columns.items()), key=lambda e: e.source_column.casefold())


def _check(columns: dict, source_column: str, standard_column: str, *, replacing: str | None) -> str:
    """The cleaned source column name; ValidationError (in Portuguese) when the entry cannot be saved."""
    source_column = (source_column or "").strip()
    errors = {}
    if not source_column:
        errors["source_column"] = _("Informe o nome da coluna na planilha da fonte.")
    elif len(source_column) > MAX_COLUMN_NAME:
        errors["source_column"] = _("Nome de coluna longo demais (até %(max)s caracteres).") % {"max": MAX_COLUMN_NAME}
    elif source_column != replacing and source_column in columns:
        errors["source_column"] = _("A coluna “%(column)s” já está mapeada para “%(target)s”.") % {
            "column": source_column,
            "target": columns[source_column],
        }
    if standard_column not in MAPPABLE:
        errors["standard_column"] = _("“%(column)s” não é uma coluna do leiaute padrão.") % {"column": standard_column}
    else:
        taken = [src for src, std in columns.items() if std == standard_column and src != replacing]
        if taken:
            errors["standard_column"] = _("A coluna do padrão “%(target)s” já recebe a coluna “%(column)s”.") % {
                "target": standard_column,
                "column": taken[0],
            }
    if errors:
        raise ValidationError(errors)
    return source_column


def _save(user, mapping: SourceMapping, columns: dict) -> SourceMapping | None:
    """One history entry per change; the mapping goes when nothing at all is left in it."""
    mapping._history_user = user
    if not columns and not mapping.values and not mapping.constants:
        if mapping.pk:
            mapping.delete()
        return None
    mapping.columns = columns
    mapping.save()
    return mapping


def _locked_mapping(source: DataSource) -> SourceMapping:
    return SourceMapping.objects.select_for_update().filter(source=source).first() or SourceMapping(source=source)


def add_column_mapping(user, source: DataSource, *, source_column: str, standard_column: str) -> ColumnMapping:
    require_source_manager(user)
    with transaction.atomic():
        mapping = _locked_mapping(source)
        columns = dict(mapping.columns or {})
        name = _check(columns, source_column, standard_column, replacing=None)
        columns[name] = standard_column
        _save(user, mapping, columns)
    return ColumnMapping(name, standard_column)


def change_column_mapping(
    user, source: DataSource, current: str, *, source_column: str, standard_column: str
) -> ColumnMapping:
    """Rename the source column and/or point it to another standard column."""
    require_source_manager(user)
    with transaction.atomic():
        mapping = _locked_mapping(source)
        columns = dict(mapping.columns or {})
        if current not in columns:
            raise ValidationError(_("A coluna “%(column)s” não está no mapeamento da fonte.") % {"column": current})
        name = _check(columns, source_column, standard_column, replacing=current)
        del columns[current]
        columns[name] = standard_column
        _save(user, mapping, columns)
    return ColumnMapping(name, standard_column)


def remove_column_mapping(user, source: DataSource, source_column: str) -> None:
    require_source_manager(user)
    with transaction.atomic():
        mapping = _locked_mapping(source)
        columns = dict(mapping.columns or {})
        if columns.pop(source_column, None) is None:
            raise ValidationError(
                _("A coluna “%(column)s” não está no mapeamento da fonte.") % {"column": source_column}
            )
        _save(user, mapping, columns)


@dataclass(frozen=True)
class HeaderPreview:
    columns: list[PreviewColumn]
    missing: list[str]  # mapped source columns the header lacks: the import would stop on them


def preview_header(source: DataSource, header: str) -> HeaderPreview:
    """Where each column of a sample header line (comma or semicolon separated) goes on import."""
    lines = (header or "").strip().splitlines()
    if not lines:
        return HeaderPreview([], [])
    line = lines[0]
    delimiter = ";" if line.count(";") > line.count(",") else ","
    names = [name.strip() for name in next(csv.reader([line], delimiter=delimiter))]
    columns = {m.source_column: m.standard_column for m in column_mappings(source)}
    return HeaderPreview(
        columns=[PreviewColumn(i, name, columns.get(name, "")) for i, name in enumerate(names, 1)],
        missing=[name for name in columns if name not in names],
    )


def mapping_history(source: DataSource, limit: int = 10) -> list:
    """The latest changes of the source's mapping, newest first (deleted mappings included)."""
    history = SourceMapping.history.filter(source_id=source.pk).select_related("history_user")
    return list(history.order_by("-history_date", "-history_id")[:limit])

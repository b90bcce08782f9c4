"""CSV import and export of the whole directory (the coordination's working file, restricted fields included).

Columns: ``codigo,nome,tipo`` and any of ``OPTIONAL_COLUMNS``. ``codigo`` is the unit's key: a known code
updates that unit, a new one creates it; a column left out of the file leaves that field as it is.
``tipo`` is a code or its Portuguese name; ``servicos`` and ``campos_restritos`` are lists separated by
``;``; ``instituicao`` and ``mantido_por`` are siglas of registered institutions; ``municipio_ibge`` the
IBGE code; ``pais`` the ISO alpha-2 code; dates AAAA-MM-DD or DD/MM/AAAA; ``ativa`` sim/não.
All or nothing: any error means nothing is written; each reads "ARQUIVO, linha N, coluna X: ...".
The export (``export_units_csv``) writes the same columns, so it imports back unchanged.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pnetp.core.csv_import import CsvImportReport, read_table
from pnetp.core.files import source_name
from pnetp.core.text import clean_text, fold
from pnetp.institutions.models import Institution
from pnetp.territory.models import Country, Municipality

from .models import Unit, UnitKind, UnitService
from .permissions import can_manage_directory

REQUIRED_COLUMNS = ("codigo", "nome", "tipo")
# column → model field
OPTIONAL_COLUMNS = {
    "instituicao": "institution", "servicos": "services", "municipio_ibge": "municipality", "pais": "country",
    "endereco": "address", "latitude": "latitude", "longitude": "longitude", "telefone": "phone",
    "email": "email", "sitio": "website", "horario": "opening_hours", "idiomas": "languages",
    "publico": "audience", "campos_restritos": "restricted_fields", "verificado_em": "last_verified",
    "mantido_por": "maintained_by", "ativa": "active",
}  # fmt: skip
COLUMNS = {"codigo": "code", "nome": "name", "tipo": "kind", **OPTIONAL_COLUMNS}
FIELD_COLUMN = {field: column for column, field in COLUMNS.items()}
LIST_SEPARATOR = ";"
KIND_LOOKUP = {**{fold(c): c for c in UnitKind.values}, **{fold(str(label)): c for c, label in UnitKind.choices}}
YES, NO = {"sim", "s", "1", "true", "x"}, {"nao", "n", "0", "false", ""}


@dataclass
class ImportResult(CsvImportReport):
    def summary(self) -> str:
        parts = [
            ngettext("%(n)d criada", "%(n)d criadas", len(self.created)) % {"n": len(self.created)},
            ngettext("%(n)d atualizada", "%(n)d atualizadas", len(self.updated)) % {"n": len(self.updated)},
            ngettext("%(n)d sem alteração", "%(n)d sem alteração", len(self.unchanged)) % {"n": len(self.unchanged)},
        ]
        return self.simulation(_("Unidades: %(parts)s.") % {"parts": ", ".join(parts)})


class CellError(ValueError):
    pass


def _column_key(header: str) -> str:
    return "_".join(fold(header).replace("-", " ").split())


def _institution(value: str, lookup: dict) -> Institution | None:
    if not value:
        return None
    if fold(value) not in lookup:
        raise CellError(_('sigla "%(value)s" não encontrada entre as instituições cadastradas.') % {"value": value})
    return lookup[fold(value)]


def _parse(column: str, value: str, lookups: dict):
    """The model value of one cell; raises CellError with a Portuguese explanation."""
    if column in ("instituicao", "mantido_por"):
        return _institution(value, lookups["institutions"])
    if column == "tipo":
        if fold(value) not in KIND_LOOKUP:
            raise CellError(
                _('tipo "%(value)s" desconhecido; use um código como netp, creas, shelter.') % {"value": value}
            )
        return KIND_LOOKUP[fold(value)]
    if column == "servicos":
        codes = [c.strip() for c in value.split(LIST_SEPARATOR) if c.strip()]
        unknown = [c for c in codes if c not in UnitService.values]
        if unknown:
            raise CellError(_("serviços desconhecidos: %(codes)s.") % {"codes": ", ".join(unknown)})
        return codes
    if column == "campos_restritos":
        return [c.strip() for c in value.split(LIST_SEPARATOR) if c.strip()]
    if column == "municipio_ibge":
        if not value:
            return None
        municipality = lookups["municipalities"].get(value)
        if municipality is None:
            raise CellError(_('código IBGE "%(value)s" não é de um município cadastrado.') % {"value": value})
        return municipality
    if column == "pais":
        if not value:
            return None
        if value.upper() not in lookups["countries"]:
            raise CellError(_('país "%(value)s" desconhecido; use o código ISO de duas letras.') % {"value": value})
        return lookups["countries"][value.upper()]
    if column in ("latitude", "longitude"):
        try:
            return Decimal(value.replace(",", ".")).quantize(Decimal("0.00001")) if value else None
        except InvalidOperation:
            raise CellError(_('"%(value)s" não é um número.') % {"value": value}) from None
    if column == "verificado_em":
        return _date(value)
    if column == "ativa":
        if fold(value) not in YES | NO:
            raise CellError(_('use "sim" ou "não".'))
        return fold(value) in YES
    return clean_text(value)


def _date(value: str) -> date | None:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, pattern).date() if value else None
        except ValueError:
            continue
    raise CellError(_('data "%(value)s" inválida; use AAAA-MM-DD ou DD/MM/AAAA.') % {"value": value})


def _lookups(codes: set[str]) -> dict:
    numeric = [int(c) for c in codes if c.isdigit() and len(c) == 7]
    return {
        "institutions": {fold(i.acronym): i for i in Institution.objects.all()},
        "municipalities": {str(m.pk): m for m in Municipality.objects.filter(pk__in=numeric)},
        "countries": {c.pk: c for c in Country.objects.all()},
    }


def import_units_csv(user, source, *, dry_run: bool = False, filename: str | None = None) -> ImportResult:
    """Validate every row, then write all of them in one transaction, or nothing."""
    if not can_manage_directory(user):
        raise PermissionDenied
    result = ImportResult(filename or source_name(source), dry_run)
    table = read_table(
        source, result, required=REQUIRED_COLUMNS, optional=tuple(OPTIONAL_COLUMNS), column_key=_column_key
    )
    if result.errors:
        return result
    lookups = _lookups({c.get("municipio_ibge", "") for _line, c in table})
    existing = {u.code: u for u in Unit.objects.filter(code__in=[c["codigo"] for _line, c in table])}
    planned, seen = [], {}
    for line, cells in table:
        unit = _row_unit(line, cells, existing, lookups, seen, result)
        if unit is not None:
            planned.append(unit)
    if result.errors:
        return result
    with transaction.atomic():
        for unit, state in planned:
            if state == "unchanged":
                result.unchanged.append(unit.code)
                continue
            (result.created if state == "created" else result.updated).append(unit.code)
            if not dry_run:
                unit._history_user = user
                unit._change_reason = (_("Importação CSV: %(file)s") % {"file": result.filename})[:100]
                unit.save()
    return result


def _row_unit(line, cells, existing, lookups, seen, result):
    code = cells["codigo"]
    if not code:
        result.error(line, "codigo", _("campo obrigatório não preenchido."))
        return None
    if code in seen:
        result.error(
            line,
            "codigo",
            _('código "%(code)s" repetido (já usado na linha %(line)d).') % {"code": code, "line": seen[code]},
        )
        return None
    seen[code] = line
    unit = existing.get(code) or Unit(code=code)
    before = _snapshot(unit) if unit.pk else None
    failed = False
    for column, value in cells.items():
        if column == "codigo":
            continue
        if column in REQUIRED_COLUMNS and not value:
            result.error(line, column, _("campo obrigatório não preenchido."))
            failed = True
            continue
        try:
            setattr(unit, COLUMNS[column], _parse(column, value, lookups))
        except CellError as exc:
            result.error(line, column, str(exc))
            failed = True
    if failed:
        return None
    try:
        unit.full_clean(exclude=["code"] if unit.pk else None, validate_unique=not unit.pk)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            result.error(line, FIELD_COLUMN.get(field, field), " ".join(messages))
        return None
    if before is None:
        return unit, "created"
    return unit, "unchanged" if _snapshot(unit) == before else "updated"


def _snapshot(unit: Unit) -> tuple:
    return tuple(_cell(unit, field) for field in COLUMNS.values())


def _cell(unit: Unit, field: str) -> str:
    value = getattr(unit, field)
    if field in ("institution", "maintained_by"):
        return value.acronym if value else ""
    if field == "municipality":
        return str(value.pk) if value else ""
    if field == "country":
        return value.pk if value else ""
    if field in ("services", "restricted_fields"):
        return LIST_SEPARATOR.join(value or [])
    if field == "active":
        return "sim" if value else "não"
    if field in ("latitude", "longitude"):
        return str(Decimal(value).quantize(Decimal("0.00001"))) if value is not None else ""
    if field == "last_verified":
        return value.isoformat() if value else ""
    return value or ""


def export_units_csv(user) -> str:
    """Every unit, every column (restricted values included): for the coordination only."""
    if not can_manage_directory(user):
        raise PermissionDenied
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    units = Unit.objects.select_related("institution", "maintained_by", "municipality", "country").order_by("code")
    for unit in units:
        writer.writerow([_cell(unit, field) for field in COLUMNS.values()])
    return buffer.getvalue()

"""CSV import of a Projeto Mapear survey (``pnetp import-mapear`` and the coordination's upload page).

Columns: ``id_ponto,rodovia,km,latitude,longitude,municipio,uf,grau_risco,tipo_ponto,iluminacao,
estacionamento,criancas,alcool,prostituicao,seguranca_privada,conselho_tutelar,observacoes``
(``uf``, ``tipo_ponto``, the attributes and ``observacoes`` may be left out).
- municipio: the IBGE code or the name (with ``uf`` when the name exists in several UFs);
- grau_risco: baixo, médio, alto or crítico, ignoring case and accents;
- attributes: sim/não, s/n, 1/0; blank means "not observed", stored as NULL and never as "não";
- km and coordinates with a decimal comma or point; coordinates inside Brazil and within 50 km of the
  municipal seat (or inside the municipal outline, when outlines are loaded);
- encoding UTF-8 (with or without BOM) or Windows-1252; separator comma or semicolon.

All or nothing: any error means nothing is written; each error reads "ARQUIVO, linha N, coluna X: ...".
Points are matched by (edição, id_ponto), so importing the same file twice changes nothing.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pnetp.core.csv_import import CsvImportReport, read_table
from pnetp.core.files import source_name
from pnetp.core.text import clean_text, fold
from pnetp.territory.services import PlaceLookupError, find_municipality, find_uf

from . import geo, parsing
from .models import ATTRIBUTES, HighwayPoint, MapearSurvey

REQUIRED_COLUMNS = ("id_ponto", "rodovia", "km", "latitude", "longitude", "municipio", "grau_risco")
OPTIONAL_COLUMNS = ("uf", "tipo_ponto", *(column for _name, column, _label in ATTRIBUTES), "observacoes")
POINT_ID_MAX = HighwayPoint._meta.get_field("point_id").max_length
KM_MAX = Decimal("9999")
# The fields compared to decide "unchanged" (everything the file sets).
DATA_FIELDS = ["highway", "km", "latitude", "longitude", "municipality_id", "risk_grade", "kind", "notes"]
DATA_FIELDS += [name for name, _column, _label in ATTRIBUTES]


@dataclass
class ImportResult(CsvImportReport):
    year: int = 0

    def summary(self) -> str:
        parts = [
            ngettext("%(n)d criado", "%(n)d criados", len(self.created)) % {"n": len(self.created)},
            ngettext("%(n)d atualizado", "%(n)d atualizados", len(self.updated)) % {"n": len(self.updated)},
            ngettext("%(n)d sem alteração", "%(n)d sem alteração", len(self.unchanged)) % {"n": len(self.unchanged)},
        ]
        return self.simulation(
            _("Mapear %(year)d, pontos: %(parts)s.") % {"year": self.year, "parts": ", ".join(parts)}
        )


@dataclass
class Row:
    line: int
    values: dict[str, str]
    data: dict = field(default_factory=dict)  # model field → parsed value
    municipality: object = None


def import_mapear_csv(
    source, *, year: int, dry_run: bool = False, user=None, filename: str | None = None, source_note: str = ""
) -> ImportResult:
    """Import a CSV file (a path, or a binary file object such as an upload) into the survey of ``year``."""
    result = ImportResult(filename or source_name(source), dry_run, year=year)
    table = read_table(source, result, required=REQUIRED_COLUMNS, optional=OPTIONAL_COLUMNS, column_key=_column_key)
    rows = [Row(line, cells) for line, cells in table]
    if result.errors:
        return result
    _validate(rows, result)
    if result.errors:
        return result
    with transaction.atomic():
        _apply(rows, result, user, source_note)
    return result


def _column_key(value: str) -> str:
    return "_".join(fold(value).replace("-", " ").split())


def _validate(rows: list[Row], result: ImportResult) -> None:
    """Parse every cell into ``row.data``, reporting every problem found."""
    first_line: dict[str, int] = {}
    places: dict[tuple[str, str], object] = {}  # lookups repeat: thousands of points, a few hundred places
    for row in rows:
        _validate_point_id(row, first_line, result)
        parsers = [("rodovia", "highway", parsing.parse_highway), ("grau_risco", "risk_grade", parsing.parse_grade)]
        parsers += [("tipo_ponto", "kind", parsing.parse_kind)]
        parsers += [(column, name, parsing.parse_observed) for name, column, _label in ATTRIBUTES]
        for column, name, parser in parsers:
            try:
                row.data[name] = parser(row.values.get(column, ""))
            except ValueError as exc:
                result.error(row.line, column, str(exc))
        row.data["notes"] = clean_text(row.values.get("observacoes", ""))
        _validate_km(row, result)
        municipality = _validate_municipality(row, places, result)
        coordinates = _validate_coordinates(row, result)
        if municipality is not None and coordinates is not None:
            _validate_distance(row, municipality, *coordinates, result)


def _validate_point_id(row: Row, first_line: dict[str, int], result: ImportResult) -> None:
    point_id = row.values["id_ponto"]
    if not point_id:
        result.error(row.line, "id_ponto", _("campo obrigatório não preenchido."))
    elif len(point_id) > POINT_ID_MAX:
        message = _("o identificador tem %(length)d caracteres; o máximo é %(max)d.")
        result.error(row.line, "id_ponto", message % {"length": len(point_id), "max": POINT_ID_MAX})
    elif point_id in first_line:
        message = _("identificador “%(id)s” repetido (já usado na linha %(line)d).")
        result.error(row.line, "id_ponto", message % {"id": point_id, "line": first_line[point_id]})
    else:
        first_line[point_id] = row.line
    row.data["point_id"] = point_id


def _required_decimal(row: Row, column: str, result: ImportResult) -> Decimal | None:
    if not row.values[column]:
        result.error(row.line, column, _("campo obrigatório não preenchido."))
        return None
    try:
        return parsing.parse_decimal(row.values[column])
    except ValueError as exc:
        result.error(row.line, column, str(exc))
        return None


def _validate_km(row: Row, result: ImportResult) -> None:
    km = _required_decimal(row, "km", result)
    if km is not None and not 0 <= km <= KM_MAX:
        result.error(row.line, "km", _("o km deve estar entre 0 e %(max)s.") % {"max": KM_MAX})
    elif km is not None:
        row.data["km"] = km.quantize(Decimal("0.001"))


def _validate_municipality(row: Row, places: dict, result: ImportResult):
    text, uf_text = row.values["municipio"], row.values.get("uf", "")
    key = (fold(text), fold(uf_text))
    if key not in places:
        places[key] = _lookup_municipality(text, uf_text)
    found = places[key]
    if isinstance(found, tuple):  # (column, message)
        result.error(row.line, *found)
        return None
    row.data["municipality_id"] = found.pk
    row.municipality = found
    return found


def _lookup_municipality(text: str, uf_text: str):
    if not text:
        return "municipio", _("campo obrigatório não preenchido.")
    try:
        uf = find_uf(uf_text) if uf_text else None
    except PlaceLookupError as exc:
        return "uf", exc.message
    try:
        # A code is looked up without the UF, so a mismatch is reported as such rather than "not found".
        municipality = find_municipality(text, None if text.isdigit() else uf)
    except PlaceLookupError as exc:
        return "municipio", exc.message
    if uf is not None and municipality.uf_id != uf.pk:
        message = _("o município %(code)s é %(name)s, que fica em %(actual)s, não em %(given)s.")
        return "uf", message % {
            "code": text,
            "name": municipality,
            "actual": municipality.uf.abbreviation,
            "given": uf.abbreviation,
        }
    return municipality


def _validate_coordinates(row: Row, result: ImportResult) -> tuple[Decimal, Decimal] | None:
    latitude = _required_decimal(row, "latitude", result)
    longitude = _required_decimal(row, "longitude", result)
    if latitude is None or longitude is None:
        return None
    if not geo.in_brazil_box(latitude, longitude):
        lat_range, lon_range = geo.LATITUDE_RANGE, geo.LONGITUDE_RANGE
        message = _(
            "o ponto (latitude %(lat)s, longitude %(lon)s) fica fora do Brasil, cujas latitudes vão de %(lat0)s "
            "a %(lat1)s e longitudes de %(lon0)s a %(lon1)s; no Brasil ambas são quase sempre negativas."
        ) % {
            "lat": _number(latitude),
            "lon": _number(longitude),
            "lat0": _number(lat_range[0]),
            "lat1": _number(lat_range[1]),
            "lon0": _number(lon_range[0]),
            "lon1": _number(lon_range[1]),
        }
        if geo.in_brazil_box(longitude, latitude):
            message += " " + _("Latitude e longitude parecem trocadas.")
        result.error(row.line, "latitude", message)
        return None
    row.data["latitude"] = latitude.quantize(Decimal("0.000001"))
    row.data["longitude"] = longitude.quantize(Decimal("0.000001"))
    return row.data["latitude"], row.data["longitude"]


def _validate_distance(row: Row, municipality, latitude: Decimal, longitude: Decimal, result: ImportResult) -> None:
    distance = geo.distance_km(latitude, longitude, municipality.latitude, municipality.longitude)
    if distance <= geo.MAX_DISTANCE_KM or geo.inside_boundary(municipality, latitude, longitude):
        return
    message = _(
        "o ponto (latitude %(lat)s, longitude %(lon)s) fica a %(distance)d km da sede de %(municipality)s, "
        "além do limite de %(max)d km; confira as coordenadas (sinais, casas decimais) e o município."
    ) % {
        "lat": _number(latitude),
        "lon": _number(longitude),
        "distance": round(distance),
        "municipality": municipality,
        "max": geo.MAX_DISTANCE_KM,
    }
    result.error(row.line, "latitude", message)


def _number(value: Decimal) -> str:
    """Portuguese notation without trailing zeros: -23,5."""
    return format(value.normalize(), "f").replace(".", ",")


def _apply(rows: list[Row], result: ImportResult, user, source_note: str) -> None:
    survey = MapearSurvey.objects.filter(year=result.year).first()
    if survey is None:
        survey = MapearSurvey(year=result.year, source_note=source_note)
        if not result.dry_run:
            survey.save()
    existing = {p.point_id: p for p in survey.points.all()} if survey.pk else {}
    reason = (_("Importação CSV: %(file)s") % {"file": result.filename})[:100]
    for row in rows:
        point = existing.get(row.data["point_id"])
        if point is None:
            point = HighwayPoint(survey=survey, point_id=row.data["point_id"])
            result.created.append(point.point_id)
        elif all(getattr(point, name) == row.data[name] for name in DATA_FIELDS):
            result.unchanged.append(point.point_id)
            continue
        else:
            result.updated.append(point.point_id)
        if result.dry_run:
            continue
        for name in DATA_FIELDS:
            setattr(point, name, row.data[name])
        point.municipality = row.municipality  # already loaded: save() reads its UF
        point._change_reason = reason
        if user is not None:
            point._history_user = user
        point.save()

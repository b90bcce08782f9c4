"""Fills the territory tables offline: countries, the 27 UFs, the municipalities and their outlines.

Sources (see data/README.md): pycountry's ISO 3166-1 with its pt_BR translation; the CSV files in
data/ derived from IBGE data; municipal polygons and state outlines from npm packages in node_modules.
By default only missing rows and empty outlines are filled, so admin edits survive each run; with
``refresh=True`` names, coordinates, capitals and outlines are rewritten from the sources.
"""

import csv
import gettext
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pycountry
from django.conf import settings
from django.db import transaction
from tqdm import tqdm

from .geometry import BRAZIL_VIEWBOX, simplify_boundary
from .keys import place_key
from .models import Country, FederativeUnit, Municipality
from .services import sync_capital_flags

DATA_DIR = Path(__file__).resolve().parent / "data"
POLYGONS = Path("ibge-cidades-com-poligonos") / "municipios-poligonos.json"
STATE_OUTLINES = Path("@svg-maps") / "brazil" / "index.js"

# Short pt-BR names where pycountry's translation is the formal ISO one or European Portuguese.
COUNTRY_NAMES = {
    "CD": "República Democrática do Congo",
    "CZ": "Tchéquia",
    "FM": "Micronésia",
    "IR": "Irã",
    "PS": "Palestina",
    "SZ": "Essuatíni",
    "VA": "Santa Sé",
}
COUNTRY_ALIASES = {
    "CZ": ["República Tcheca"],
    "GB": ["Grã-Bretanha"],
    "MM": ["Birmânia"],
    "NL": ["Holanda"],
    "SZ": ["Suazilândia"],
    "TL": ["Timor-Leste"],
    "US": ["EUA"],
    "VA": ["Vaticano"],
}


class TerritoryDataError(Exception):
    """The shipped data files are inconsistent (a bug in data/, not in the database)."""


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    outlines: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        def part(label: str, counter: Counter) -> str:
            return f"{label}: " + ", ".join(f"{counter[key]} {key}" for key in ("países", "UFs", "municípios"))

        lines = [part("Criados", self.created), part("Atualizados", self.updated)]
        lines.append(f"Contornos preenchidos: {self.outlines['UFs']} UFs, {self.outlines['municípios']} municípios")
        return "\n".join(lines + self.warnings)


COUNTRY_FIELDS = ["alpha3", "numeric", "name", "official_name", "aliases", "search_keys"]
UF_FIELDS = ["abbreviation", "name", "region"]
MUNICIPALITY_FIELDS = ["name", "uf_id", "latitude", "longitude", "is_capital", "note", "search_key"]


def load_territory(*, boundaries=True, refresh=False, progress=False, node_modules=None) -> LoadReport:
    """Idempotent: a second run creates and changes nothing. ``progress`` shows a tqdm bar on stderr."""
    node_modules = Path(node_modules or settings.NODE_MODULES)
    report = LoadReport()
    with transaction.atomic():
        _upsert(Country, country_rows(), COUNTRY_FIELDS, refresh, report, "países")
        uf_rows, capitals = federative_unit_rows()
        _upsert(FederativeUnit, uf_rows, UF_FIELDS, refresh, report, "UFs")
        rows = municipality_rows(uf_rows, set(capitals.values()))
        outlined = _attach_boundaries(rows, node_modules, refresh, progress, report) if boundaries else []
        _upsert(Municipality, rows, MUNICIPALITY_FIELDS, refresh, report, "municípios")
        Municipality.objects.bulk_update(outlined, ["boundary"], batch_size=500)
        _link_capitals(capitals, refresh)
        if boundaries:
            _load_state_outlines(node_modules, refresh, report)
    return report


def _read_csv(name: str) -> list[dict]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def country_rows() -> list[Country]:
    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["pt_BR"])
    rows = []
    for country in pycountry.countries:
        common = getattr(country, "common_name", None) or country.name
        official = getattr(country, "official_name", None)
        name = COUNTRY_NAMES.get(country.alpha_2) or translation.gettext(common)
        official_pt = translation.gettext(official) if official else translation.gettext(country.name)
        candidates = [translation.gettext(country.name), country.name, common, official or ""]
        candidates += COUNTRY_ALIASES.get(country.alpha_2, [])
        seen = {place_key(name), place_key(official_pt)}
        aliases = []
        for alias in candidates:
            if alias and place_key(alias) not in seen:
                seen.add(place_key(alias))
                aliases.append(alias)
        row = Country(
            alpha2=country.alpha_2,
            alpha3=country.alpha_3,
            numeric=country.numeric,
            name=name,
            official_name=official_pt if place_key(official_pt) != place_key(name) else "",
            aliases="\n".join(aliases),
        )
        row.search_keys = row.build_search_keys()
        rows.append(row)
    return rows


def federative_unit_rows() -> tuple[list[FederativeUnit], dict[int, int]]:
    rows, capitals = [], {}
    for line in _read_csv("federative_units.csv"):
        code = int(line["ibge_code"])
        uf = FederativeUnit(ibge_code=code, abbreviation=line["abbreviation"], name=line["name"], region=line["region"])
        rows.append(uf)
        capitals[code] = int(line["capital_ibge_code"])
    if len(rows) != 27:
        raise TerritoryDataError(f"federative_units.csv tem {len(rows)} UFs; esperadas 27.")
    return rows, capitals


def municipality_rows(uf_rows: list[FederativeUnit], capital_codes: set[int]) -> list[Municipality]:
    lines = {int(line["ibge_code"]): line for line in _read_csv("municipalities.csv")}
    for fix in _read_csv("corrections.csv"):
        lines[int(fix["ibge_code"])] = fix  # replaces a 2022 row or adds a newer municipality
    abbreviations = {row.abbreviation: row.ibge_code for row in uf_rows}
    rows = []
    for code, line in sorted(lines.items()):
        if not line["latitude"] or not line["longitude"]:
            raise TerritoryDataError(f"Município {code} sem coordenadas em data/.")
        if abbreviations[line["uf"]] != code // 100000:
            raise TerritoryDataError(f"Município {code}: UF {line['uf']} não corresponde ao código.")
        rows.append(
            Municipality(
                ibge_code=code,
                name=line["name"],
                uf_id=code // 100000,
                latitude=Decimal(line["latitude"]),
                longitude=Decimal(line["longitude"]),
                is_capital=code in capital_codes,
                note=line.get("note", ""),
                search_key=place_key(line["name"]),
            )
        )
    return rows


def _upsert(model, rows: list, fields: list[str], refresh: bool, report: LoadReport, label: str) -> None:
    existing = {item["pk"]: item for item in model.objects.values("pk", *fields)}
    new = [row for row in rows if row.pk not in existing]
    model.objects.bulk_create(new, batch_size=500)
    report.created[label] += len(new)
    if refresh:
        changed = [
            row
            for row in rows
            if row.pk in existing and any(getattr(row, name) != existing[row.pk][name] for name in fields)
        ]
        model.objects.bulk_update(changed, fields, batch_size=500)
        report.updated[label] += len(changed)


def _link_capitals(capitals: dict[int, int], refresh: bool) -> None:
    present = set(Municipality.objects.filter(pk__in=capitals.values()).values_list("pk", flat=True))
    for uf in FederativeUnit.objects.all():
        wanted = capitals.get(uf.pk)
        if wanted in present and (uf.capital_id is None or refresh) and uf.capital_id != wanted:
            uf.capital_id = wanted
            uf.save(update_fields=["capital"])
    if refresh:
        sync_capital_flags()


def _load_state_outlines(node_modules: Path, refresh: bool, report: LoadReport) -> None:
    path = node_modules / STATE_OUTLINES
    if not path.exists():
        report.warnings.append(f"Contornos das UFs não carregados: {path} ausente (execute npm ci).")
        return
    source = path.read_text(encoding="utf-8").strip()
    svg_map = json.loads(source.removeprefix("export default").strip().rstrip(";"))
    if svg_map["viewBox"] != BRAZIL_VIEWBOX:
        report.warnings.append(f"Contornos das UFs não carregados: viewBox {svg_map['viewBox']} inesperado.")
        return
    paths = {location["id"].upper(): location["path"] for location in svg_map["locations"]}
    ufs = FederativeUnit.objects.all() if refresh else FederativeUnit.objects.filter(svg_path="")
    for uf in ufs:
        if uf.abbreviation in paths and uf.svg_path != paths[uf.abbreviation]:
            uf.svg_path = paths[uf.abbreviation]
            uf.save(update_fields=["svg_path"])
            report.outlines["UFs"] += 1


def _attach_boundaries(rows, node_modules: Path, refresh: bool, progress: bool, report: LoadReport) -> list:
    """Sets ``boundary`` on the rows that need one; returns those already in the database (to update).

    New rows get their outline inside bulk_create; existing rows only when empty or on refresh."""
    path = node_modules / POLYGONS
    if not path.exists():
        report.warnings.append(f"Limites municipais não carregados: {path} ausente (execute npm ci).")
        return []
    existing = set(Municipality.objects.values_list("pk", flat=True))
    empty = set(Municipality.objects.filter(boundary="").values_list("pk", flat=True))
    wanted = {row.pk: row for row in rows if refresh or row.pk not in existing or row.pk in empty}
    if not wanted:
        return []
    # Matched by IBGE code: the package keeps a few old names ("Fortaleza do Tabocão").
    features = ((int(item["municipioCodigo"]), item["poligono"]) for item in json.loads(path.read_text("utf-8")))
    polygons = [(wanted[code], geometry) for code, geometry in features if code in wanted]
    bar = tqdm(polygons, desc="Limites municipais", unit=" mun.", file=sys.stderr, disable=not progress)
    for row, geometry in bar:
        row.boundary = simplify_boundary(geometry)
    report.outlines["municípios"] += len(polygons)
    return [row for row, _ in polygons if row.pk in existing]

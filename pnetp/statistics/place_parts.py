"""The UF → municipality × year table stored in parts, so each page reads only what it shows.

The release protects and audits the place table whole (``place_protection``); ``store`` keeps it as:

- ``municipios``: what the map page shows — the table's UF and total rows (UF × year, UF and year totals,
  with their records, grid and equations), how many numbers each period publishes (the map's default period)
  and the published municipality ranking of each period (``RANKED`` first, with their ranks among every
  published count);
- ``municipios_uf/<UF>/<period>``: the values of one UF's municipalities for one year or all years
  (``todos``): the UF's municipality map reads one;
- ``municipios_uf/<UF>/estrutura``: that UF's records, grid rows and equations (only to rebuild the table);
- ``municipios_brasil``: every published all-years municipality count of Brazil, of exploitation and of
  recruitment: the municipality page (ranks in its UF and in Brazil) and the vulnerability index (normalised
  over the whole country) read it;
- ``municipios_ordem``: the order of every value, record, grid row and equation among the parts, so ``join``
  gives back the very table (same JSON) for whatever needs it whole (the audit, comparisons).

Everything here is derived from the published table: no part holds a number the table does not publish.
A UF's parts are unchanged when its municipalities are, so versions share them (``disclosure.store``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from pnetp.disclosure import ProtectedTable
from pnetp.disclosure.serialise import table_from_json, table_to_json
from pnetp.disclosure.tables import Key, Layout

from . import recruitment
from .domain import PlaceRelease

ALL_YEARS = "todos"  # the period of the all-years items (a part name; "" in the JSON of the map part)
STRUCTURE = "estrutura"
MARGIN = ""  # the part id of the UF and total rows (in the map part)
RANKED = 20  # municipalities of each period's ranking kept in the map part (the map page shows 20)
CHILD = "municipio"
COLUMN = "ano"


def _pairs(key: Key) -> dict[str, str]:
    return dict(key[1])


def _ufs(table: ProtectedTable) -> dict[Key, str]:
    """{municipality key: its UF label}, from the records (labels: UF, municipality, year)."""
    return {key: labels[0] for labels, key in table.layout.records if CHILD in _pairs(key) and labels}


def _empty(table: ProtectedTable, name: str = "") -> ProtectedTable:
    layout = Layout(name or table.layout.name, table.layout.dims, (), table.layout.header, ())
    return ProtectedTable(layout, table.k, {}, frozenset(), (), table.epsilon, frozenset())


def split(table: ProtectedTable) -> tuple[dict[str, ProtectedTable], dict]:
    """({part id: sub-table}, order): part ids are ``MARGIN``, ``<UF>/<period>`` and ``<UF>/estrutura``."""
    uf_of = _ufs(table)

    def value_part(key: Key) -> str:
        uf = uf_of.get(key)
        if uf is None:
            return MARGIN
        return f"{uf}/{_pairs(key).get(COLUMN, ALL_YEARS)}"

    def structure_part(keys) -> str:
        for key in keys:
            if key in uf_of:
                return f"{uf_of[key]}/{STRUCTURE}"
        return MARGIN

    parts: dict[str, dict] = {}

    def part(name: str) -> dict:
        return parts.setdefault(name, {"values": {}, "records": [], "grid": [], "equations": []})

    ids: list[str] = []
    index: dict[str, str] = {}

    def mark(name: str) -> str:
        if name not in index:
            index[name] = chr(0x100 + len(ids))  # one character a part: the order stays short
            ids.append(name)
        return index[name]

    part(MARGIN)
    order = {"valores": [], "registros": [], "grade": [], "equacoes": []}
    for key, value in table.values.items():
        name = value_part(key)
        part(name)["values"][key] = value
        order["valores"].append(mark(name))
    for record in table.layout.records:
        name = structure_part([record[1]])
        part(name)["records"].append(record)
        order["registros"].append(mark(name))
    for row in table.layout.grid:
        name = structure_part(row[1])
        part(name)["grid"].append(row)
        order["grade"].append(mark(name))
    for equation in table.equations:
        name = structure_part([equation[0], *equation[1]])
        part(name)["equations"].append(equation)
        order["equacoes"].append(mark(name))
    layout = table.layout
    tables = {}
    for name, content in parts.items():
        keys = content["values"].keys()
        tables[name] = ProtectedTable(
            Layout(layout.name, layout.dims, tuple(content["records"]), layout.header, tuple(content["grid"])),
            table.k,
            content["values"],
            frozenset(key for key in table.hidden if key in keys),
            tuple(content["equations"]),
            table.epsilon,
            frozenset(key for key in table.ranges if key in keys),
        )
    # keys neither valued nor in a part's records (none in a table from place_protection) stay in the margin
    margin = tables[MARGIN]
    placed = {key for t in tables.values() for key in t.values}
    stray_hidden = table.hidden - placed
    stray_ranges = table.ranges - placed
    if stray_hidden or stray_ranges:
        tables[MARGIN] = ProtectedTable(
            margin.layout,
            margin.k,
            margin.values,
            margin.hidden | stray_hidden,
            margin.equations,
            margin.epsilon,
            margin.ranges | stray_ranges,
        )
    return tables, {"partes": ids, **{name: "".join(marks) for name, marks in order.items()}}


def join(tables: Mapping[str, ProtectedTable], order: dict) -> ProtectedTable:
    """The table ``split`` cut into ``tables``, whole again: same values, records, grid and equations in the
    same order (so the same JSON)."""
    ids = order["partes"]

    def walk(marks: str, items) -> list:
        iterators: dict[str, Iterator] = {}
        result = []
        for mark in marks:
            name = ids[ord(mark) - 0x100]
            if name not in iterators:
                iterators[name] = iter(items(tables[name]))
            result.append(next(iterators[name]))
        return result

    margin = tables[MARGIN]
    layout = margin.layout
    return ProtectedTable(
        Layout(
            layout.name,
            layout.dims,
            tuple(walk(order["registros"], lambda t: t.layout.records)),
            layout.header,
            tuple(walk(order["grade"], lambda t: t.layout.grid)),
        ),
        margin.k,
        dict(walk(order["valores"], lambda t: t.values.items())),
        frozenset().union(*(t.hidden for t in tables.values())),
        tuple(walk(order["equacoes"], lambda t: t.equations)),
        margin.epsilon,
        frozenset().union(*(t.ranges for t in tables.values())),
    )


def _period(year: str | None) -> str:
    return year or ""


def map_part(result: PlaceRelease, margin: ProtectedTable) -> dict:
    """The map page's part: the UF and total rows, published numbers per period, rankings per period."""
    periods = [None, *result.years]
    return {
        "margem": table_to_json(margin),
        "periodos": [[_period(p), n] for p, n in result.published_by_period().items()],
        "ranking": {_period(p): [list(entry) for entry in result.ranking(p, RANKED)] for p in periods},
    }


def national_part(result: PlaceRelease, recruitment_table: ProtectedTable | None) -> dict:
    """Every published all-years municipality count of Brazil (exploitation, recruitment)."""
    recruited = None if recruitment_table is None else recruitment.listed_counts(recruitment_table)
    return {
        "exploracao": [[code, v] for code, v in result.municipality_counts(None).items()],
        "aliciamento": None if recruited is None else [[code, v] for code, v in recruited.items()],
    }


def storage(release) -> tuple[dict, dict[str, object]]:
    """(the release's JSON with the place table as references to its parts, the parts stored beside it):
    ``release`` is a ``domain.PublicRelease``."""
    import dataclasses

    whole = PlaceRelease(release.place, release.years, release.k, release.municipal_detail)
    tables, order = split(release.place)
    margin = tables.pop(MARGIN)
    data = dataclasses.replace(release, place=_empty(release.place)).to_json()
    data["municipios"] = {"$parte": "municipios"}
    data["municipios_brasil"] = {"$parte": "municipios_brasil"}
    by_uf: dict[str, dict] = {}
    for name, table in tables.items():
        uf, period = name.rsplit("/", 1)
        by_uf.setdefault(uf, {})[period] = table_to_json(table)
    data["municipios_uf"] = by_uf
    extra = {
        "municipios": map_part(whole, margin),
        "municipios_brasil": national_part(whole, release.recruitment),
        "municipios_ordem": order,
    }
    return data, extra


def parse_map(payload: dict) -> dict:
    return {
        "margin": table_from_json(payload["margem"]),
        "periods": {p or None: n for p, n in payload["periodos"]},
        "ranking": {p or None: [tuple(entry) for entry in entries] for p, entries in payload["ranking"].items()},
    }


def parse_national(payload: dict) -> dict:
    recruited = payload["aliciamento"]
    return {
        "exploitation": {code: v for code, v in payload["exploracao"]},
        "recruitment": None if recruited is None else {code: v for code, v in recruited},
    }


def restricted(margin: ProtectedTable, part: ProtectedTable | None) -> ProtectedTable:
    """The margin and one UF's part of one period as one table (values and ranges: what pages look up)."""
    if part is None:
        return margin
    return ProtectedTable(
        margin.layout,
        margin.k,
        {**margin.values, **part.values},
        margin.hidden | part.hidden,
        (),
        margin.epsilon,
        margin.ranges | part.ranges,
    )

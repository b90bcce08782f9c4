"""Origin → destination flows of victims for one year (plan activity 2.6.1), counted as unique persons.

Each person gets one exploitation place and one recruitment place — from the earliest record that knows it,
like ``compute`` — and one citizenship from all their records (Brazilian if any record says so, else the
first by ISO code), so every table adds up to the persons of the year and the citizenship is a function of
the set the citizenship table counts (``linked``). Within a record the first event (by sequence) with a
known place is used.

The three tables share numbers, so they are protected in one pass, against the year total the statistics
page publishes (``release.public_release``; same universe; the year total is the only shared number):

- (a) citizenship × country of exploitation;
- (b) UF of recruitment × UF of exploitation, over the persons exploited in Brazil (``where`` pais = Brasil,
  so its total *is* column Brasil of (a));
- (c) Brazilians by country of exploitation: the Brasil row of (a) (same keys) with a subtotal abroad.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import duckdb
import pyarrow as pa
from django.utils.translation import gettext as _

from pnetp.disclosure import (
    CountTable,
    SeriesTable,
)
from pnetp.territory.models import Country

from . import compute, frame
from .domain import FlowRelease

BRAZIL = "BR"
TOP_N = 8  # origins/destinations shown by name; the rest go to "outros" so tables stay small and readable

PEOPLE_SQL = """
WITH rec AS (
    SELECT p.id, coalesce(p.person_key, 'PSE-' || p.pseudonym) AS pkey, coalesce(p.identified, p.reported) AS day,
           p.pseudonym, p.case_id
    FROM persons p
), place AS (  -- first event of each kind with a known country, as "country|uf|municipality"
    SELECT case_id, kind, arg_min(country || '|' || coalesce(uf, '') || '|' || coalesce(CAST(mun AS VARCHAR), ''), seq)
           AS place
    FROM events WHERE country IS NOT NULL GROUP BY case_id, kind
), cit AS (  -- every citizenship in any record of the person
    SELECT r.pkey, list(DISTINCT c.country) AS cits
    FROM rec r JOIN citizenships c ON c.person_id = r.id GROUP BY r.pkey
), person AS (
    SELECT r.pkey, year(min(r.day)) AS ano,
           arg_min(e.place, (r.day, r.pseudonym)) AS expl,  -- arg_min skips NULLs: the earliest record that knows it
           arg_min(a.place, (r.day, r.pseudonym)) AS recr
    FROM rec r
    LEFT JOIN place e ON e.case_id = r.case_id AND e.kind = 'exploracao'
    LEFT JOIN place a ON a.case_id = r.case_id AND a.kind = 'aliciamento'
    GROUP BY r.pkey
)
SELECT p.ano, list_sort(c.cits) AS cits, p.expl, p.recr FROM person p LEFT JOIN cit c USING (pkey)
ORDER BY p.pkey  -- DuckDB returns rows in any order: the same data must give the same tables
"""


@dataclass(frozen=True)
class Person:
    """One unique victim as the flow and linked tables see them (no identity: codes and places only)."""

    year: int | None
    cits: frozenset[str]  # every citizenship (ISO alpha-2) in any of their records
    expl: tuple[str | None, str | None]  # (country, UF) of exploitation
    recr: tuple[str | None, str | None]  # (country, UF) of recruitment
    recr_municipality: int | None  # IBGE code, when it lies in the recruitment UF

    @property
    def cit(self) -> str | None:
        """The one citizenship of the flow tables: Brazilian for a Brazilian dual national."""
        return BRAZIL if BRAZIL in self.cits else min(self.cits, default=None)


def extract() -> tuple[pa.Table, pa.Table, pa.Table]:
    """Pseudonymised frames (``frame``): no name, only keys, dates and places."""
    records = frame.records()
    return records.persons, records.citizenships, records.events


def _split(place: str | None) -> tuple[str | None, str | None, int | None]:
    if place is None:
        return None, None, None
    country, uf, municipality = place.split("|")
    return country, uf or None, int(municipality) if municipality else None


def people() -> list[Person]:
    """Every unique victim, all years, from one pseudonymised extraction (the flows and linked tables)."""
    persons, citizenships, events = extract()
    con = duckdb.connect()
    try:
        for name, table in [
            ("persons", persons),
            ("citizenships", citizenships),
            ("events", events),
        ]:
            con.register(name, table)
        rows = con.execute(PEOPLE_SQL).fetchall()
    finally:
        con.close()
    result = []
    for year, cits, expl, recr in rows:
        expl, recr = _split(expl), _split(recr)
        result.append(Person(year, frozenset(cits or ()), expl[:2], recr[:2], recr[2]))
    return result


def person_places(year: int, everyone: list[Person] | None = None) -> list[tuple[str | None, tuple, tuple]]:
    """One (citizenship, (exploitation country, UF), (recruitment country, UF)) per unique person of the year."""
    everyone = people() if everyone is None else everyone
    if _grouped[0] is not everyone:  # grouped once per list: the release asks for every year, twice
        by_year: dict[int | None, list] = {}
        for p in everyone:
            by_year.setdefault(p.year, []).append((p.cit, p.expl, p.recr))
        _grouped[:] = [everyone, by_year]
    return list(_grouped[1].get(year, ()))


_grouped: list = [None, {}]  # the latest list of persons asked about and its places by year


def _top(counter: Counter, n: int, forced: tuple = ()) -> list:
    """The n most frequent known values (ties by code, so the choice is stable), plus ``forced`` ones."""
    ranked = sorted((v for v in counter if v is not None), key=lambda v: (-counter[v], v))
    return list(dict.fromkeys([*forced, *ranked[:n]]))


class Buckets:
    """Maps codes to the labels of one table axis: named ones, then "outros", then "não informado"."""

    def __init__(
        self,
        named: list,
        names: dict,
        other: str,
        unknown: str,
        extra: list[tuple[object, str]] = (),
    ):
        self.named, self.names, self.other, self.unknown, self.extra = (
            named,
            names,
            other,
            unknown,
            dict(extra),
        )

    def label(self, code) -> str:
        if code in self.extra:
            return self.extra[code]
        if code is None:
            return self.unknown
        return self.names.get(code, code) if code in self.named else self.other

    def labels(self, used: set[str]) -> list[str]:
        """Named labels always; the buckets only when someone falls in them."""
        named = [self.names.get(code, code) for code in self.named]
        return named + [b for b in [self.other, *self.extra.values(), self.unknown] if b in used and b not in named]


def _cross(pairs: list[tuple[str, str]], rows: list[str], cols: list[str]) -> list[list[int]]:
    counts = Counter(pairs)
    return [[counts[r, c] for c in cols] for r in rows]


def origin_buckets(people: list[tuple], names: dict, top_n: int = TOP_N) -> Buckets:
    """Rows of (a): Brasil, the top citizenships of the year, "outras", "não informada"."""
    return Buckets(
        _top(Counter(c for c, _e, _r in people), top_n, (BRAZIL,)),
        names,
        _("Outras nacionalidades"),
        _("Não informada"),
    )


def recruitment_code(recr: tuple) -> str | None:
    """A recruitment place as a row of (b): its UF, "exterior" (abroad) or None (unknown)."""
    return "exterior" if recr[0] not in (None, BRAZIL) else recr[1]


def recruitment_buckets(people: list[tuple], top_n: int = TOP_N) -> Buckets:
    """Rows of (b): the top UFs of recruitment of the persons exploited in Brazil that year."""
    return Buckets(
        _top(Counter(r[1] for _c, e, r in people if e[0] == BRAZIL and r[0] == BRAZIL), top_n),
        {},
        _("Outras UFs"),
        _("Não informada"),
        extra=[("exterior", _("Exterior"))],
    )


def count_tables(
    year: int, top_n: int = TOP_N, everyone: list[Person] | None = None
) -> dict[str, CountTable | SeriesTable]:
    people = person_places(year, everyone)
    names = dict(Country.objects.values_list("alpha2", "name"))
    universe, where = compute.UNIVERSE, {"ano": str(year)}

    # (a) citizenship × country of exploitation. Destinations: the top overall and the top for Brazilians
    # abroad, so that (c), which reuses these columns, names the countries that matter for Brazilians.
    abroad = Counter(e[0] for c, e, _r in people if c == BRAZIL and e[0] not in (None, BRAZIL))
    dest = Buckets(
        _top(Counter(e[0] for _c, e, _r in people), top_n, (BRAZIL,)) + _top(abroad, top_n),
        names,
        _("Outros países"),
        _("Não informado"),
    )
    dest.named = list(dict.fromkeys(dest.named))
    orig = origin_buckets(people, names, top_n)
    pairs_a = [(orig.label(c), dest.label(e[0])) for c, e, _r in people]
    rows_a, cols_a = (
        orig.labels({p[0] for p in pairs_a}),
        dest.labels({p[1] for p in pairs_a}),
    )
    flows = CountTable(
        rows_a,
        _cross(pairs_a, rows_a, cols_a),
        cols_a,
        row_var="cidadania",
        col_var="pais_exploracao",
        universe=universe,
        where=where,
        name=_("Vítimas por nacionalidade e país de exploração, %(ano)s") % {"ano": year},
    )

    # (b) over the persons exploited in Brazil: its total is the cell "Brasil" of (a)'s column margin.
    domestic = [(e[1], r) for _c, e, r in people if e[0] == BRAZIL]
    to_uf = Buckets(
        _top(Counter(uf for uf, _r in domestic), top_n),
        {},
        _("Outras UFs"),
        _("Não informada"),
    )
    from_uf = recruitment_buckets(people, top_n)
    pairs_b = [(from_uf.label(recruitment_code(r)), to_uf.label(uf)) for uf, r in domestic]
    rows_b, cols_b = (
        from_uf.labels({p[0] for p in pairs_b}),
        to_uf.labels({p[1] for p in pairs_b}),
    )
    pais = names.get(BRAZIL, BRAZIL)
    ufs = CountTable(
        rows_b,
        _cross(pairs_b, rows_b, cols_b),
        cols_b,
        row_var="uf_aliciamento",
        col_var="uf_exploracao",
        universe=universe,
        where={**where, "pais_exploracao": pais},
        name=_("Vítimas exploradas no Brasil por UF de aliciamento e UF de exploração, %(ano)s") % {"ano": year},
    )

    # (c) the Brasil row of (a): same keys, so it is protected as one with (a), plus the subtotal abroad.
    brazilians = dict(zip(cols_a, flows.cells[rows_a.index(pais)])) if pais in rows_a else {}
    foreign = [c for c in cols_a if c not in (pais, dest.unknown)]
    abroad_total = _("Total no exterior")
    series = SeriesTable(
        brazilians,
        {abroad_total: foreign, _("Total"): list(brazilians)},
        var="pais_exploracao",
        universe=universe,
        where={**where, "cidadania": pais},
        name=_("Brasileiros vítimas por país de exploração, %(ano)s") % {"ano": year},
    )
    return {"nacionalidade_pais": flows, "uf_uf": ufs, "brasileiros": series}


def top_flows(result: FlowRelease, limit: int = 10) -> list[tuple[str, int]]:
    """Largest published origin → destination cells of (a) and (b), for the chart; suppressed ones never."""
    items = []
    for name in ("nacionalidade_pais", "uf_uf"):
        if name not in result.tables:
            continue
        table = result.tables[name]
        for labels, key in table.layout.records:
            value = table.values[key]
            if value and _("Total") not in labels:
                items.append((f"{labels[0]} → {labels[1]}", value))
    return sorted(items, key=lambda item: -item[1])[:limit]

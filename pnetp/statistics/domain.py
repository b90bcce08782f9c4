"""The statistics' domain types and pure helpers: the bottom layer, importing no other statistics module.

Layers (``.importlinter`` checks them): this module → counting (``compute``, ``flows``, ``maps``, … read the
database) → the release that protects (``linked``, ``release``: the write side) → ``store`` → ``published``
(the current release and its readers) → derived reads, views, the API and ``territory``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime

from pnetp.disclosure import ProtectedTable, display, make_key
from pnetp.disclosure.serialise import table_from_json, table_to_json

UNIVERSE = "sisetp-vitimas"
CHILD_BANDS = ("0_8", "9_17")


def _json(table: ProtectedTable | None) -> dict | None:
    return None if table is None else table_to_json(table)


def _table(data: dict | None) -> ProtectedTable | None:
    return None if data is None else table_from_json(data)


@dataclass(frozen=True)
class PublicRelease:
    """Every public table, protected as one release (``release.public_release``); what ``store`` keeps."""

    stats: dict[str, ProtectedTable]  # the statistics page's tables (compute.count_tables)
    place: ProtectedTable  # UF → municipality × year (maps.place_table), only the released items
    years: list[str]
    flows: dict[int, dict[str, ProtectedTable]]  # year → the flow tables (flows.count_tables)
    k: int
    municipal_detail: dict[str, str] = field(default_factory=dict)  # UF label → place_protection level
    forms: ProtectedTable | None = None  # victims by form of exploitation; None when not publishable
    citizenship: ProtectedTable | None = None  # victims by citizenship (multi-valued) and year; None: idem
    recruitment_ufs: ProtectedTable | None = None  # recruitment UF totals, tied to the flows (linked)
    recruitment: ProtectedTable | None = None  # UF of recruitment → municipality, only the released items
    recruitment_detail: dict[str, str] = field(default_factory=dict)  # UF label → place_protection level
    computed_at: datetime | None = None  # when it was stored; None when computed for this request only
    stale: bool = False  # the data changed since; a recompute is under way

    def to_json(self) -> dict:
        return {
            "estatisticas": {name: table_to_json(t) for name, t in self.stats.items()},
            "municipios": table_to_json(self.place),
            "anos": self.years,
            "fluxos": {
                str(year): {name: table_to_json(t) for name, t in tables.items()} for year, tables in self.flows.items()
            },
            "k": self.k,
            "detalhe_municipal": self.municipal_detail,
            "formas": _json(self.forms),
            "nacionalidades": _json(self.citizenship),
            "aliciamento_ufs": _json(self.recruitment_ufs),
            "aliciamento": _json(self.recruitment),
            "detalhe_aliciamento": self.recruitment_detail,
        }

    @classmethod
    def from_json(cls, data: dict, **extra) -> PublicRelease:
        return cls(
            stats={name: table_from_json(t) for name, t in data["estatisticas"].items()},
            place=table_from_json(data["municipios"]),
            years=list(data["anos"]),
            flows={
                int(year): {name: table_from_json(t) for name, t in tables.items()}
                for year, tables in data["fluxos"].items()
            },
            k=data["k"],
            municipal_detail=dict(data["detalhe_municipal"]),
            forms=_table(data["formas"]),  # KeyError: older release
            citizenship=_table(data["nacionalidades"]),
            recruitment_ufs=_table(data["aliciamento_ufs"]),
            recruitment=_table(data["aliciamento"]),
            recruitment_detail=dict(data["detalhe_aliciamento"]),
            **extra,
        )

    def tables(self) -> list[ProtectedTable]:
        """Every public table of the release, for ``assert_safe``."""
        optional = [self.forms, self.citizenship, self.recruitment_ufs, self.recruitment]
        return [
            *self.stats.values(),
            self.place,
            *(t for tables in self.flows.values() for t in tables.values()),
            *(t for t in optional if t is not None),
        ]

    def with_status(self, computed_at: datetime | None, stale: bool) -> PublicRelease:
        return dataclasses.replace(self, computed_at=computed_at, stale=stale)

    def flows_of(self, year: int) -> dict[str, ProtectedTable]:
        """One year's flow tables (empty: none published that year)."""
        return self.flows.get(year, {})


@dataclass(frozen=True)
class Release:
    """The statistics page's part of the release: its tables and indicator values."""

    tables: dict[str, ProtectedTable]
    values: dict[str, float | int | None]  # indicator code → published value (None: suppressed)
    k: int
    computed_at: datetime | None = None  # when the stored release was computed (see ``store``)
    stale: bool = False  # the data changed since; a recompute is under way


@dataclass(frozen=True)
class FlowRelease:
    year: int
    tables: dict[str, ProtectedTable]  # empty: no record that year, or its total is suppressed
    k: int
    computed_at: datetime | None = None
    stale: bool = False


@dataclass(frozen=True)
class PlaceRelease:
    table: ProtectedTable  # the UF → municipality × year table as published (only the released items)
    years: list[str]
    k: int
    levels: dict[str, str] = field(default_factory=dict)  # UF → how its municipalities are published
    computed_at: datetime | None = None
    stale: bool = False

    def uf_count(self, uf: str, year: str | None = None) -> int | None:
        """Published count of a UF (all years when ``year`` is None); 0 for a UF without records."""
        key = make_key(UNIVERSE, [("uf", uf), *([("ano", year)] if year else [])])
        return self.table.values.get(key, 0)

    def uf_shown(self, uf: str, year: str | None = None) -> str:
        """How a UF's suppressed count is shown: "X", or its range ("1 a 10") when it is published as one."""
        key = make_key(UNIVERSE, [("uf", uf), *([("ano", year)] if year else [])])
        return display(None, key in self.table.ranges, self.k)

    def municipality_shown(self, code: int, year: str | None = None) -> str:
        """How a municipality's suppressed count is shown: "X", or its range ("1 a 10")."""
        key = make_key(UNIVERSE, [("municipio", str(code)), *([("ano", year)] if year else [])])
        return display(None, key in self.table.ranges, self.k)

    def municipality_counts(self, year: str | None = None) -> dict[int, int | None]:
        """{IBGE code: published count} for municipalities with records (None: suppressed).

        Only municipalities published at that level: by year for UFs whose whole row is published, all years
        together also for UFs whose total is (see ``place_protection``).
        """
        return municipality_column(self.table, "municipio", year)

    def published_by_period(self) -> dict[str | None, int]:
        """{year (None: all years): how many numbers of UFs and municipalities it publishes}."""
        published: dict[str | None, int] = dict.fromkeys([None, *self.years], 0)
        for (_universe, pairs), value in self.table.values.items():
            year = dict(pairs).get("ano")
            if value is not None and year in published:
                published[year] += 1
        return published

    def ranking(self, year: str | None, limit: int) -> list[tuple[int, int, int | None]]:
        """(IBGE code, count, rank) of the ``limit`` municipalities with the largest published counts."""
        counts = self.municipality_counts(year)
        top = sorted(((v, code) for code, v in counts.items() if v), reverse=True)[:limit]
        return [(code, v, rank(code, counts)) for v, code in top]

    def of_uf(self, uf: str, year: str | None) -> PlaceRelease:
        """What the municipality map of ``uf`` for ``year`` looks up: this release (the stored one reads only
        that UF's part)."""
        return self


def municipality_column(table: ProtectedTable, child_var: str, year: str | None = None) -> dict[int, int | None]:
    """{IBGE code: published value} of the items of ``table`` with a municipality code, for ``year``."""
    result = {}
    for (_universe, pairs), value in table.values.items():
        pairs = dict(pairs)
        if child_var in pairs and pairs[child_var].isdigit() and pairs.get("ano") == year:
            result[int(pairs[child_var])] = value
    return result


def rank(code: int, counts: dict[int, int | None]) -> int | None:
    """Competition rank (1, 2, 2, 4) among published counts; None when this count is not published."""
    mine = counts.get(code, 0)
    if not mine:  # suppressed, or no record at all
        return None
    return 1 + sum(1 for v in counts.values() if v is not None and v > mine)


def _by_label(table: ProtectedTable) -> dict[str, int | None]:
    return {labels[0]: table.values[key] for labels, key in table.layout.records}


def share(table: ProtectedTable, numerator: list[str], known: list[str]) -> float | None:
    """A percentage from published numbers only, so it reveals nothing the table does not.

    CTDC rule: the denominator is the persons whose value is known. Suppressed (None) when a part of the
    numerator or of the denominator is suppressed, or when no one has a known value.
    """
    values = _by_label(table)
    parts = [values[label] for label in known]
    if any(v is None for v in parts) or any(values[label] is None for label in numerator) or not sum(parts):
        return None
    return round(100 * sum(values[label] for label in numerator) / sum(parts), 1)

"""The entry points: turn count tables into tables that may be published."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from . import render
from .audit import assert_safe
from .witnesses import collect
from .primary import check_k, primary_suppressions
from .range_choice import choose_ranges
from .secondary import secondary_suppressions
from .tables import (
    CountTable,
    HierarchicalTable,
    Key,
    Layout,
    OverlapTable,
    SeriesTable,
    Structure,
    cumulative,
    merge,
)

Table = CountTable | HierarchicalTable | SeriesTable | OverlapTable


@dataclass(frozen=True)
class ProtectedTable:
    """A table as the public may see it. It holds no suppressed value: ``values[key]`` is None when hidden."""

    layout: Layout
    k: int
    values: Mapping[Key, int | None]
    hidden: frozenset[Key]  # parts never published on their own (series); the rest of the Nones are suppressed
    equations: tuple[tuple[Key, tuple[Key, ...]], ...]
    epsilon: float | None = None  # set when the counts were released with differential privacy
    ranges: frozenset[Key] = frozenset()  # suppressed small counts shown as "1 a k−1" (``ranges``), not "X"

    def value(self, key: Key) -> int | None:
        return self.values[key]

    @property
    def suppressed(self) -> frozenset[Key]:
        return frozenset(key for key, v in self.values.items() if v is None) - self.hidden

    def to_rows(self) -> list[list]:
        return render.to_rows(self)

    def to_dict(self) -> dict:
        return render.to_dict(self)

    def display_grid(self) -> list[list[str]]:
        return render.display_grid(self)


def _public(
    structure: Structure,
    table: Table,
    shown: Structure,
    suppressed: set[int],
    k: int,
    epsilon: float | None,
    ranged: set[int] = frozenset(),
) -> ProtectedTable:
    """One table's share of a joint protection; ``structure`` is the merged one, ``shown`` the table's own;
    ``ranged``: the suppressed items shown as "1 a k−1"."""
    index = structure.index
    values = {
        key: None if index[key] in suppressed or index[key] in structure.hidden else structure.values[index[key]]
        for key in shown.keys
    }
    hidden = frozenset(shown.keys[i] for i in shown.hidden if index[shown.keys[i]] in structure.hidden)
    equations = tuple((shown.keys[t], tuple(shown.keys[p] for p in parts)) for t, parts in shown.equations)
    shown_ranges = frozenset(key for key in shown.keys if index[key] in ranged)
    return ProtectedTable(table.layout(), k, values, hidden, equations, epsilon, shown_ranges)


def protect_linked(
    tables: Sequence[Table], k: int | None = None, *, verify: bool = True, epsilon: float | None = None
) -> list[ProtectedTable]:
    """Protect tables released together (same page, export, API or open-data package) as one system.

    Numbers shared between tables (same universe and labels: the UF totals of sex × UF and age × UF) get one
    suppression status, and the audit covers the sums of every table at once, so no cell hidden in one table
    is published — or derivable by difference — in another.
    """
    k = check_k(k)
    shown = [table.structure() for table in tables]
    structure = merge(shown)
    with collect() as witnesses:
        suppressed = secondary_suppressions(structure, primary_suppressions(structure, k), k)
        ranged = choose_ranges(structure, suppressed, k) if epsilon is None else set()
        result = [_public(structure, t, s, suppressed, k, epsilon, ranged) for t, s in zip(tables, shown)]
        if verify:  # the postcondition, checked from the public view (witnesses are checked, never trusted)
            assert_safe(*result, witnesses=witnesses)
    return result


def protect(table: Table, k: int | None = None, **options) -> ProtectedTable:
    """Protect one table: no count from 1 to k−1, and no suppressed count derivable from its totals."""
    return protect_linked([table], k, **options)[0]


def protect_series(
    parts: Mapping[str, int],
    aggregates: Mapping[str, Sequence[str]] | None = None,
    *,
    publish_parts: bool = True,
    k: int | None = None,
    var: str = "periodo",
    name: str = "",
    universe: str = "",
    where: Mapping[str, str] | None = None,
) -> ProtectedTable:
    """Protect nested or overlapping totals over the same parts (months, UFs).

    Without ``aggregates`` the running totals are published ("até 2025-03"). Use this for any set of totals
    whose differences are counts — "Brasil" and "Brasil exceto SP", year-to-date figures month after month.
    """
    table = SeriesTable(
        parts,
        aggregates if aggregates is not None else cumulative(list(parts)),
        var,
        publish_parts,
        name,
        universe,
        dict(where or {}),
    )
    return protect(table, k)

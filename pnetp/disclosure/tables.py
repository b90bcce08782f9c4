"""Count tables and the linear structure an attacker sees: items (cells and totals) tied by sum equations.

Every table turns into a ``Structure``: a list of items, each with a ``Key`` and a true count, and equations
``total = sum(parts)``. Keys are semantic — ``(universe, {(variable, label), ...})`` — so the same number in two
tables (the SP total of a sex × UF table and of an age × UF table) is one item when the tables are protected or
audited together. ``universe`` separates populations that must never be summed together (victims in 2024 vs.
cases in 2025).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

Key = tuple[str, frozenset[tuple[str, str]]]


def canonical(key: Key) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A key with its pairs sorted: its ``repr`` is the same in every process (a frozenset's order follows
    the process's string hashing), for digests stored and compared across processes."""
    universe, pairs = key
    return universe, tuple(sorted(pairs))


def make_key(universe: str, pairs: Iterable[tuple[str, str]] = ()) -> Key:
    return (universe, frozenset((str(var), str(label)) for var, label in pairs))


@dataclass(frozen=True)
class Structure:
    """The items of one or more tables, their true values and the sums that tie them."""

    keys: tuple[Key, ...]
    values: tuple[int, ...]
    totals: frozenset[int]  # items defined as sums: hidden last when choosing secondary suppressions
    hidden: frozenset[int]  # never published (parts of a series released only as aggregates)
    equations: tuple[tuple[int, tuple[int, ...]], ...]
    index: Mapping[Key, int] = field(compare=False, repr=False)


class StructureBuilder:
    def __init__(self):
        self._keys: list[Key] = []
        self._values: list[int] = []
        self._totals: set[int] = set()
        self._published: set[int] = set()
        self._equations: dict[tuple[int, tuple[int, ...]], None] = {}  # ordered set
        self._index: dict[Key, int] = {}

    def item(self, key: Key, value: int, *, total: bool = False, hidden: bool = False) -> int:
        i = self._index.get(key)
        if i is None:
            i = self._index[key] = len(self._keys)
            self._keys.append(key)
            self._values.append(value)
        elif self._values[i] != value:
            raise ValueError(f"{key}: {self._values[i]} ≠ {value} — linked tables disagree on a shared number")
        if total:
            self._totals.add(i)
        if not hidden:  # published anywhere means published
            self._published.add(i)
        return i

    def equation(self, total: int, parts: Iterable[int]) -> None:
        self._equations[(total, tuple(sorted(parts)))] = None

    def merge(self, other: Structure) -> None:
        local = [
            self.item(key, value, total=i in other.totals, hidden=i in other.hidden)
            for i, (key, value) in enumerate(zip(other.keys, other.values))
        ]
        for total, parts in other.equations:
            self.equation(local[total], (local[p] for p in parts))

    def build(self) -> Structure:
        return Structure(
            keys=tuple(self._keys),
            values=tuple(self._values),
            totals=frozenset(self._totals),
            hidden=frozenset(range(len(self._keys))) - self._published,
            equations=tuple(self._equations),
            index=dict(self._index),
        )


def merge(structures: Iterable[Structure]) -> Structure:
    builder = StructureBuilder()
    for structure in structures:
        builder.merge(structure)
    return builder.build()


@dataclass(frozen=True)
class Layout:
    """How a table is shown: ``records`` for CSV/JSON (one per number) and ``grid`` for HTML/PDF."""

    name: str
    dims: tuple[str, ...]
    records: tuple[tuple[tuple[str, ...], Key], ...]
    header: tuple[str, ...]
    grid: tuple[tuple[str, tuple[Key, ...]], ...]


def _count(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"contagem inválida: {value!r}")
    return value


def _labels(labels: Iterable) -> tuple[str, ...]:
    labels = tuple(str(label) for label in labels)
    if len(set(labels)) != len(labels):
        raise ValueError(f"rótulos repetidos: {labels}")
    return labels


@dataclass(frozen=True)
class CountTable:
    """A one-dimensional (``cols=None``, ``cells`` a list) or two-dimensional contingency table of counts.

    Margins and the grand total are computed, never given, so they always add up. ``where`` fixes other
    variables (``{"uf": "RJ"}`` for "vítimas no RJ por sexo"), so the table links with wider ones.
    """

    rows: Sequence[str]
    cells: Sequence
    cols: Sequence[str] | None = None
    row_var: str = "linha"
    col_var: str = "coluna"
    name: str = ""
    universe: str = ""
    where: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self):
        set_ = object.__setattr__
        set_(self, "rows", _labels(self.rows))
        if self.cols is None:
            cells = tuple(_count(v) for v in self.cells)
            if len(cells) != len(self.rows):
                raise ValueError("uma contagem por linha")
        else:
            set_(self, "cols", _labels(self.cols))
            cells = tuple(tuple(_count(v) for v in row) for row in self.cells)
            if len(cells) != len(self.rows) or any(len(row) != len(self.cols) for row in cells):
                raise ValueError("a matriz de contagens não tem o formato linhas × colunas")
        set_(self, "cells", cells)

    @classmethod
    def from_mapping(cls, counts: Mapping, **options) -> CountTable:
        """``{row: n}`` or ``{row: {col: n}}`` (missing columns count 0)."""
        rows = list(counts)
        if all(isinstance(v, Mapping) for v in counts.values()):
            cols = list(dict.fromkeys(c for v in counts.values() for c in v))
            cells = [[counts[r].get(c, 0) for c in cols] for r in rows]
            return cls(rows, cells, cols, **options)
        return cls(rows, [counts[r] for r in rows], **options)

    def _key(self, row: str | None = None, col: str | None = None) -> Key:
        pairs = [*self.where.items(), *([(self.row_var, row)] if row is not None else [])]
        if col is not None:
            pairs.append((self.col_var, col))
        return make_key(self.universe, pairs)

    def structure(self) -> Structure:
        b = StructureBuilder()
        grand = b.item(self._key(), sum(self.row_sums()), total=True)
        if self.cols is None:
            b.equation(grand, [b.item(self._key(r), v) for r, v in zip(self.rows, self.cells)])
            return b.build()
        cell = {
            (r, c): b.item(self._key(r, c), self.cells[i][j])
            for i, r in enumerate(self.rows)
            for j, c in enumerate(self.cols)
        }
        row_tot = [b.item(self._key(r), s, total=True) for r, s in zip(self.rows, self.row_sums())]
        col_tot = [b.item(self._key(None, c), s, total=True) for c, s in zip(self.cols, self.col_sums())]
        for r, t in zip(self.rows, row_tot):
            b.equation(t, [cell[r, c] for c in self.cols])
        for c, t in zip(self.cols, col_tot):
            b.equation(t, [cell[r, c] for r in self.rows])
        b.equation(grand, row_tot)
        b.equation(grand, col_tot)
        return b.build()

    def row_sums(self) -> list[int]:
        return list(self.cells) if self.cols is None else [sum(row) for row in self.cells]

    def col_sums(self) -> list[int]:
        return [sum(col) for col in zip(*self.cells)] if self.cols else []

    def layout(self) -> Layout:
        total = _("Total")
        if self.cols is None:
            records = [((r,), self._key(r)) for r in self.rows] + [((total,), self._key())]
            return Layout(
                self.name,
                (self.row_var,),
                tuple(records),
                ("", total),
                tuple((label, (key,)) for (label,), key in records),
            )
        records, grid = [], []
        for r in [*self.rows, None]:
            keys = tuple(self._key(r, c) for c in [*self.cols, None])
            label = total if r is None else r
            grid.append((label, keys))
            records += [((label, total if c is None else c), key) for c, key in zip([*self.cols, None], keys)]
        return Layout(self.name, (self.row_var, self.col_var), tuple(records), ("", *self.cols, total), tuple(grid))


@dataclass(frozen=True)
class HierarchicalTable:
    """Rows nested in groups (UF → municipality); a group's counts are the sums of its rows.

    ``groups`` is ``{parent: {child: n}}`` or, with ``cols``, ``{parent: {child: [n per column]}}``. Child
    labels must be unique across groups (use IBGE codes).
    """

    groups: Mapping[str, Mapping[str, int | Sequence[int]]]
    cols: Sequence[str] | None = None
    parent_var: str = "uf"
    child_var: str = "municipio"
    col_var: str = "coluna"
    name: str = ""
    universe: str = ""

    def __post_init__(self):
        if self.cols is not None:
            object.__setattr__(self, "cols", _labels(self.cols))
        groups = {}
        for parent, children in self.groups.items():
            rows = {}
            for child, v in children.items():
                rows[str(child)] = (_count(v),) if self.cols is None else tuple(_count(x) for x in v)
                if len(rows[str(child)]) != len(self.cols or (None,)):
                    raise ValueError(f"{child}: uma contagem por coluna")
            groups[str(parent)] = rows
        _labels(groups)
        _labels(child for rows in groups.values() for child in rows)
        object.__setattr__(self, "groups", groups)

    def _columns(self) -> list[str | None]:
        return [None] if self.cols is None else [*self.cols, None]

    def _key(self, var: str | None, label: str | None, col: str | None) -> Key:
        pairs = [(var, label)] if var else []
        if col is not None:
            pairs.append((self.col_var, col))
        return make_key(self.universe, pairs)

    def structure(self) -> Structure:
        b = StructureBuilder()
        inner = self.cols or []

        def line(var, label, counts, total):
            """One row's items: its cells then its row total, or a single item when there are no columns."""
            if not inner:
                return [b.item(self._key(var, label, None), counts[0], total=total)]
            items = [b.item(self._key(var, label, c), v, total=total) for c, v in zip(inner, counts)]
            row_total = b.item(self._key(var, label, None), sum(counts), total=True)
            b.equation(row_total, items)
            return [*items, row_total]

        def column_sums(rows):
            return [sum(col) for col in zip(*rows)] if rows else [0] * max(len(inner), 1)

        parent_lines = []
        for parent, children in self.groups.items():
            child_lines = [line(self.child_var, child, counts, False) for child, counts in children.items()]
            parent_lines.append(line(self.parent_var, parent, column_sums(list(children.values())), True))
            for j, item in enumerate(parent_lines[-1]):
                b.equation(item, [cl[j] for cl in child_lines])
        leaves = [counts for children in self.groups.values() for counts in children.values()]
        for j, item in enumerate(line(None, None, column_sums(leaves), True)):
            b.equation(item, [pl[j] for pl in parent_lines])
        return b.build()

    def layout(self) -> Layout:
        total = _("Total")
        records, grid = [], []

        def add(labels, var, label, indent):
            keys = tuple(self._key(var, label, c) for c in self._columns())
            grid.append((indent + labels[-1] if var == self.child_var else (label or total), keys))
            for c, key in zip(self._columns(), keys):
                records.append(((*labels, total if c is None else c) if self.cols else labels, key))

        for parent, children in self.groups.items():
            add((parent, total), self.parent_var, parent, "")
            for child in children:
                add((parent, child), self.child_var, child, "  ")
        add((total, total), None, None, "")
        dims = (self.parent_var, self.child_var, *((self.col_var,) if self.cols else ()))
        return Layout(self.name, dims, tuple(records), ("", *(self.cols or ()), total), tuple(grid))


@dataclass(frozen=True)
class SeriesTable:
    """Counts of parts (months, UFs) and aggregates over them (running totals, "Brasil exceto SP").

    Aggregates can overlap or nest: differences between them are parts, which is why they are protected
    together. An aggregate over every part is the universe total, the key shared with other tables' grand total.
    With ``publish_parts=False`` parts stay hidden and only aggregates are released — the parts must still not
    be derivable as a small count.
    """

    parts: Mapping[str, int]
    aggregates: Mapping[str, Sequence[str]]
    var: str = "periodo"
    publish_parts: bool = True
    name: str = ""
    universe: str = ""
    where: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self):
        parts = {str(label): _count(v) for label, v in self.parts.items()}
        aggregates = {str(label): _labels(units) for label, units in self.aggregates.items()}
        for label, units in aggregates.items():
            if unknown := set(units) - set(parts):
                raise ValueError(f"{label}: partes desconhecidas {sorted(unknown)}")
            if label in parts:
                raise ValueError(f"{label}: agregado com o nome de uma parte")
        object.__setattr__(self, "parts", parts)
        object.__setattr__(self, "aggregates", aggregates)

    def _key(self, label: str) -> Key:
        if label in self.aggregates and set(self.aggregates[label]) == set(self.parts):
            return make_key(self.universe, self.where.items())
        return make_key(self.universe, [*self.where.items(), (self.var, label)])

    def structure(self) -> Structure:
        b = StructureBuilder()
        part = {p: b.item(self._key(p), v, hidden=not self.publish_parts) for p, v in self.parts.items()}
        for label, units in self.aggregates.items():
            b.equation(
                b.item(self._key(label), sum(self.parts[u] for u in units), total=True), [part[u] for u in units]
            )
        return b.build()

    def layout(self) -> Layout:
        labels = [*(self.parts if self.publish_parts else ()), *self.aggregates]
        records = tuple(((label,), self._key(label)) for label in labels)
        return Layout(
            self.name, (self.var,), records, ("", _("Total")), tuple((label, (key,)) for (label,), key in records)
        )


def cumulative(labels: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Running totals over ordered parts: ``{"até 2025-03": ("2025-01", "2025-02", "2025-03"), ...}``."""
    labels = [str(label) for label in labels]
    return {_("até %(label)s") % {"label": label}: tuple(labels[: i + 1]) for i, label in enumerate(labels)}


@dataclass(frozen=True)
class OverlapTable:
    """Sums over hidden parts, shown as rows × columns: for multi-valued variables and tables tied to others.

    A person with several forms of exploitation (or citizenships) is in several rows, so rows do not add up.
    The true structure is still a partition: each person is in exactly one part (a combination of values, by
    year). Every published number is the sum of the parts it covers, so the audit sees every linear relation
    an attacker who knows which parts occur could use. ``sums`` maps the pairs of each number's key to its
    parts; those not shown in ``rows`` × ``cols`` tie the table to numbers other tables publish (a flows row
    of a year). The row and column "Total" are the pairs of ``cols``/``rows`` entries with no pair of their own.
    """

    parts: Mapping[str, int]
    sums: Sequence[tuple[Mapping[str, str], Sequence[str]]]
    rows: Sequence[tuple[str, Mapping[str, str]]]  # (label, pairs) of each shown row
    cols: Sequence[tuple[str, Mapping[str, str]]]  # (label, pairs) of each shown column
    part_var: str = "parte"
    name: str = ""
    universe: str = ""

    def __post_init__(self):
        parts = {str(label): _count(v) for label, v in self.parts.items()}
        sums = tuple((dict(pairs), _labels(units)) for pairs, units in self.sums)
        for pairs, units in sums:
            if unknown := set(units) - set(parts):
                raise ValueError(f"{pairs}: partes desconhecidas {sorted(unknown)}")
        object.__setattr__(self, "parts", parts)
        object.__setattr__(self, "sums", sums)
        object.__setattr__(self, "rows", tuple((str(label), dict(p)) for label, p in self.rows))
        object.__setattr__(self, "cols", tuple((str(label), dict(p)) for label, p in self.cols))

    def _key(self, pairs: Mapping[str, str]) -> Key:
        return make_key(self.universe, pairs.items())

    def structure(self) -> Structure:
        b = StructureBuilder()
        part = {p: b.item(make_key(self.universe, [(self.part_var, p)]), v, hidden=True) for p, v in self.parts.items()}
        for pairs, units in self.sums:
            b.equation(
                b.item(self._key(pairs), sum(self.parts[u] for u in units), total=True), [part[u] for u in units]
            )
        return b.build()

    def layout(self) -> Layout:
        defined = {self._key(pairs) for pairs, _units in self.sums}
        records, grid = [], []
        for row, row_pairs in self.rows:
            keys = tuple(self._key({**row_pairs, **col_pairs}) for _c, col_pairs in self.cols)
            grid.append((row, keys))
            records += [
                ((row, col) if len(self.cols) > 1 else (row,), key)
                for (col, _p), key in zip(self.cols, keys)
                if key in defined
            ]
        vars_ = dict.fromkeys(var for _l, pairs in [*self.rows, *self.cols] for var in pairs)
        dims = tuple(vars_)[: 2 if len(self.cols) > 1 else 1]
        return Layout(self.name, dims, tuple(records), ("", *(label for label, _p in self.cols)), tuple(grid))

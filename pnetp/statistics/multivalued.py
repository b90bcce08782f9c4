"""Victims by a multi-valued dimension (forms of exploitation, citizenships): one table builder for both.

A person may have several values (across their records, or in one), so the rows do not add up to the total.
How the counts are kept from revealing a small number, by differences with each other or with other tables:

- The true structure is a partition: each person falls in exactly one *part* — the combination of their
  values ("laboral + sexual", "BR + PY", none informed), by column (year) when the table has columns. The
  parts are the hidden parts of a ``disclosure.OverlapTable``; each published number ("has value V in year
  Y", "no value informed", "some value informed") is a sum over them, and the totals have the keys of the
  statistics page's totals (grand total, year totals). The audit thus sees every linear relation an attacker
  could use, assuming the attacker even knows which combinations occur (the worst case).
- ``links`` add sums over the same parts that other tables publish under their own keys (a year's row of
  the flows), so tables that count the same persons differently are protected as one system.
- Persons of years not published on their own (their year total is suppressed) fall in one part group,
  ``OTHER_YEARS``: no number of theirs is shown by year, only in the all-years column; how the group splits
  between those years is tied to nothing this table publishes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from pnetp.disclosure import OverlapTable, ProtectedTable
from pnetp.disclosure.render import NOT_RELEASED

from .domain import UNIVERSE

NONE = "-"
OTHER_YEARS = "outros-anos"
Combo = frozenset[str]


@dataclass(frozen=True)
class Row:
    label: str
    member: Callable[[Combo], bool]  # whether a person with these values is counted in the row


@dataclass(frozen=True)
class Dimension:
    var: str  # key variable of the rows ("forma_exploracao", "nacionalidade")
    rows: tuple[Row, ...]  # shown in this order, then the total
    part_name: str  # how a hidden part is named: "combinação: %(codes)s"


def value_rows(
    labels: dict[str, str], unknown: str, known: str | None = None, other: str | None = None
) -> tuple[Row, ...]:
    """A row per code of ``labels``, then "other values" (any code not in it), "not informed" and, for
    CTDC's denominator, "informed"."""
    rows = [Row(label, lambda combo, code=code: code in combo) for code, label in labels.items()]
    if other:
        rows.append(Row(other, lambda combo: any(code not in labels for code in combo)))
    rows.append(Row(unknown, lambda combo: not combo))
    if known:
        rows.append(Row(known, bool))
    return tuple(rows)


def _part(dimension: Dimension, group: str, combo: Combo) -> str:
    name = dimension.part_name % {"codes": " + ".join(sorted(combo)) or NONE}
    return f"{group} | {name}" if group else name


def table(
    people: Iterable[tuple[str, Combo]],
    dimension: Dimension,
    *,
    columns: list[str] = (),
    col_var: str = "ano",
    links: Iterable[tuple[dict, Callable[[str, Combo], bool]]] = (),
    name: str = "",
    column_label: str | None = None,
) -> OverlapTable:
    """``people``: one (group, combination of values) per person, group "" when the table has no columns.

    ``columns``: the groups shown as columns (published years), then a column over all groups. ``links``:
    (pairs of another table's key, which parts it sums) for numbers other tables publish about these persons.
    """
    counts = Counter(people)
    part = {(group, combo): _part(dimension, group, combo) for group, combo in counts}
    wanted = [(label, {col_var: label}) for label in columns]
    cols = [*wanted, (column_label or _("Todos os anos"), {})]
    rows = [(row.label, {dimension.var: row.label}) for row in dimension.rows]
    sums = []
    for row in [*dimension.rows, None]:
        for col, col_pairs in cols:
            units = [
                p
                for (group, combo), p in part.items()
                if (row is None or row.member(combo)) and (not col_pairs or group == col)
            ]
            sums.append(({**({dimension.var: row.label} if row else {}), **col_pairs}, units))
    for pairs, member in links:
        sums.append((pairs, [p for (group, combo), p in part.items() if member(group, combo)]))
    return OverlapTable(
        {part[key]: n for key, n in counts.items()},
        sums,
        [*rows, (_("Total"), {})],
        cols,
        part_var=dimension.var,
        name=name,
        universe=UNIVERSE,
    )


def rows(protected: ProtectedTable | None, total: bool = False) -> list[tuple[str, list[int | str | None]]]:
    """(row label, published numbers by column) for every shown row (the total too with ``total``); [] when
    not published. None: suppressed ("X"); ``NOT_RELEASED``: a cell the table does not have."""
    if protected is None:
        return []
    grid = protected.layout.grid if total else protected.layout.grid[:-1]
    return [
        (label, [protected.values[key] if key in protected.values else NOT_RELEASED for key in keys])
        for label, keys in grid
    ]


def share(value, known) -> float | None:
    """CTDC's rule: a percentage of the persons whose value is known, from published numbers only."""
    if not isinstance(value, int) or not isinstance(known, int) or not known:
        return None
    return round(100 * value / known, 1)

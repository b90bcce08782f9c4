"""The UF → municipality × year table, protected UF by UF against the UF numbers already published.

Protecting every municipality in the same system as the other public tables took minutes (the audit's LPs
grow with every suppressed cell). The UF row of the table — UF × year and the UF total — is published by the
statistics page's table (same keys), so it is protected first with the other tables; then each UF's
municipalities are protected as a block with that row fixed (``pnetp.disclosure.blocks``). A block tied to
the rest only by published numbers cannot tell the attacker more than it does alone, so this is as safe as
one big pass, and each block is small. A block is a two-way table against its published UF row, a network:
its small counts are repaired by minimum-cost flows (``disclosure.flow``), not LPs.

Each UF's municipalities are published at the finest level its published margin allows:

- ``ano``: municipality × year, when every number of the UF row is published and the block can be protected;
- ``total``: municipality totals over all years, when the UF total is published (some year is suppressed);
- ``nenhum``: no municipality number, when even the UF total is suppressed (a UF with few victims).

A coarser level leaves items out of the table altogether (not "X"): a suppressed cell still tied to a
suppressed UF number would let the attacker narrow that number.
"""

from __future__ import annotations

from collections.abc import Mapping

from pnetp.disclosure import DisclosureError, HierarchicalTable, ProtectedTable
from pnetp.disclosure.blocks import protect_block_ranges, sub_structure
from pnetp.disclosure.tables import Key, Layout

BY_YEAR, TOTAL, NONE = "ano", "total", "nenhum"
COLUMN = "ano"


def _pairs(key: Key) -> dict[str, str]:
    return dict(key[1])


def protect_places(
    table: HierarchicalTable,
    published: Mapping[Key, int | None],
    k: int,
    published_ranges: frozenset[Key] = frozenset(),
) -> tuple[ProtectedTable, dict[str, str]]:
    """The place table as published and each UF's level; ``published`` holds the values already released for
    the UF rows (the statistics page's UF × year table, protected with the other public tables), and
    ``published_ranges`` those of them shown as "1 a k−1"."""
    parent, child = table.parent_var, table.child_var  # uf/municipio; the recruitment table has its own
    structure = table.structure()
    # a UF number absent from ``published`` is not released (``linked``): neither are its municipalities
    values = {key: published[key] for key in structure.keys if child not in _pairs(key) and key in published}
    uf_of = {child: uf for uf, children in table.groups.items() for child in children}
    by_uf: dict[str, list[Key]] = {}
    margins: dict[str, list[Key]] = {}  # each UF's row (its year numbers and total), in the structure's order
    for key in structure.keys:
        pairs = _pairs(key)
        if child in pairs:
            by_uf.setdefault(uf_of[pairs[child]], []).append(key)
        elif parent in pairs:
            margins.setdefault(pairs[parent], []).append(key)
    levels, ranged = {}, {key for key in values if key in published_ranges}
    for uf in table.groups:
        margin = margins.get(uf, [])
        levels[uf] = NONE
        for level in (BY_YEAR, TOTAL):
            edge = margin if level == BY_YEAR else [key for key in margin if COLUMN not in _pairs(key)]
            items = (
                by_uf.get(uf, [])
                if level == BY_YEAR
                else [key for key in by_uf.get(uf, []) if COLUMN not in _pairs(key)]
            )
            if any(values.get(key) is None for key in edge):
                continue
            try:
                block, shown = protect_block_ranges(
                    sub_structure(structure, [*edge, *items]), {key: values[key] for key in edge}, k, network=True
                )
            except DisclosureError:  # no pattern protects this level without touching the UF row: go coarser
                continue
            values.update((key, block[key]) for key in items)
            ranged |= shown & set(items)
            levels[uf] = level
            break
    return _published_table(table, structure, values, k, frozenset(ranged)), levels


def _published_table(table, structure, values, k, ranged: frozenset[Key] = frozenset()) -> ProtectedTable:
    """The table restricted to released items: equations and layout rows that mention only them."""
    equations = tuple(
        (structure.keys[t], tuple(structure.keys[p] for p in parts))
        for t, parts in structure.equations
        if structure.keys[t] in values and all(structure.keys[p] in values for p in parts)
    )
    full = table.layout()
    layout = Layout(
        name=full.name,
        dims=full.dims,
        header=full.header,
        records=tuple((labels, key) for labels, key in full.records if key in values),
        # a row of a coarser level keeps its total; its year cells are shown as not released
        grid=tuple((label, keys) for label, keys in full.grid if any(key in values for key in keys)),
    )
    return ProtectedTable(layout, k, values, frozenset(), equations, ranges=ranged)

"""Optional differentially private release of open-data tables (OpenDP discrete Laplace mechanism).

Privacy budget: each table released with ``dp_release(table, epsilon)`` is epsilon-DP for adding or removing one
person, provided a person adds at most ``contributions`` to the table's inner cells (1 for a table where each
victim falls in one cell; the number of categories a person can tick for multi-valued variables). Tables about
the same people compose: releasing several costs the sum of their epsilons — ``dp_release_linked`` splits a
total budget evenly and records each table's share. Every new release (a new month, a corrected file) spends
budget again; keep a register of what was released.

Noise is added once to the inner cells; negative values become 0 and every total is the sum of the noisy
cells, so tables add up. The noisy table is then protected with the threshold rule like any other — a
deterministic post-processing that costs no budget — so the output still shows no count from 1 to k−1.
Noisy tables get their own universe: they are never linked with the exact tables or with each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .protect import ProtectedTable, Table, protect
from .tables import CountTable, HierarchicalTable, SeriesTable


def _laplace(counts: list[int], epsilon: float, contributions: int) -> list[int]:
    import opendp.prelude as dp

    dp.enable_features("contrib")
    space = dp.vector_domain(dp.atom_domain(T=int)), dp.l1_distance(T=int)
    measurement = dp.m.make_laplace(*space, scale=contributions / epsilon)
    if measurement.map(contributions) > epsilon * (1 + 1e-9):
        raise ValueError("o mecanismo excede o orçamento de privacidade")
    return [max(0, v) for v in measurement(counts)] if counts else []


def noisy_table(table: Table, epsilon: float, contributions: int = 1) -> Table:
    """The same table with epsilon-DP noise on its inner cells (totals recomputed)."""
    if not epsilon > 0 or contributions < 1:
        raise ValueError("epsilon deve ser > 0 e contributions ≥ 1")
    universe = f"{table.universe}#dp:{table.name}"
    if isinstance(table, CountTable):
        flat = list(table.cells) if table.cols is None else [v for row in table.cells for v in row]
        noisy = _laplace(flat, epsilon, contributions)
        width = len(table.cols or ())
        cells = noisy if table.cols is None else [noisy[i * width : (i + 1) * width] for i in range(len(table.rows))]
        return replace(table, cells=cells, universe=universe)
    if isinstance(table, HierarchicalTable):
        rows = [(p, c, counts) for p, children in table.groups.items() for c, counts in children.items()]
        flat = _laplace([v for _, _, counts in rows for v in counts], epsilon, contributions)
        width = len(table.cols or [None])
        groups: dict[str, dict] = {p: {} for p in table.groups}
        for n, (p, c, _) in enumerate(rows):
            cell = flat[n * width : (n + 1) * width]
            groups[p][c] = cell[0] if table.cols is None else cell
        return replace(table, groups=groups, universe=universe)
    if isinstance(table, SeriesTable):
        noisy = _laplace(list(table.parts.values()), epsilon, contributions)
        return replace(table, parts=dict(zip(table.parts, noisy)), universe=universe)
    raise TypeError(f"tabela não suportada: {type(table).__name__}")


def dp_release(table: Table, epsilon: float, *, k: int | None = None, contributions: int = 1) -> ProtectedTable:
    """An epsilon-DP release of ``table``, thresholded at k; ``result.epsilon`` states the budget spent."""
    return replace(protect(noisy_table(table, epsilon, contributions), k), epsilon=epsilon)


def dp_release_linked(
    tables: Sequence[Table], total_epsilon: float, *, k: int | None = None, contributions: int = 1
) -> list[ProtectedTable]:
    """Release tables about the same people within ``total_epsilon``, split evenly (sequential composition)."""
    share = total_epsilon / len(tables)
    return [dp_release(table, share, k=k, contributions=contributions) for table in tables]

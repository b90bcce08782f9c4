"""Property-based tests: random tables of random shapes; no small count published, none recoverable."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pnetp.disclosure import CountTable, HierarchicalTable, assert_safe, protect, protect_linked

from .attack import assert_unrecoverable
from .truth import truth

# No example database: the suite stays read-only for the checkout; failures print the example to reproduce.
FAST = settings(max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

counts = st.one_of(st.just(0), st.integers(1, 12), st.integers(13, 90))
ks = st.sampled_from([2, 5, 11])


def labels(n, prefix):
    return [f"{prefix}{i}" for i in range(n)]


@st.composite
def count_tables(draw, rows=None):
    n_rows = rows or draw(st.integers(1, 5))
    if draw(st.booleans()):
        return CountTable(labels(n_rows, "r"), draw(st.lists(counts, min_size=n_rows, max_size=n_rows)))
    n_cols = draw(st.integers(1, 5))
    cells = draw(st.lists(st.lists(counts, min_size=n_cols, max_size=n_cols), min_size=n_rows, max_size=n_rows))
    return CountTable(labels(n_rows, "r"), cells, labels(n_cols, "c"))


def check(protected_tables, tables, k):
    for protected in protected_tables:
        assert not [v for v in protected.values.values() if v is not None and 1 <= v < k]
    values = truth(*tables)
    for protected in protected_tables:
        assert all(v is None or v == values[key] for key, v in protected.values.items())
    assert_safe(*protected_tables)
    assert_unrecoverable(*protected_tables, k=k, truth=values)


@FAST
@given(count_tables(), ks)
def test_random_tables(table, k):
    check([protect(table, k)], [table], k)


@FAST
@given(st.data(), ks)
def test_random_hierarchies(data, k):
    n_cols = data.draw(st.sampled_from([None, 2, 3]))
    cell = counts if n_cols is None else st.lists(counts, min_size=n_cols, max_size=n_cols)
    groups = {}
    for g in range(data.draw(st.integers(1, 3))):
        groups[f"U{g}"] = {f"m{g}_{i}": data.draw(cell) for i in range(data.draw(st.integers(1, 3)))}
    table = HierarchicalTable(groups, labels(n_cols, "c") if n_cols else None)
    check([protect(table, k)], [table], k)


@FAST
@given(st.data(), ks)
def test_random_tables_sharing_row_margins(data, k):
    # Two classifications of the same rows: one table's cells are the other's row totals.
    first = data.draw(count_tables(rows=data.draw(st.integers(2, 4))))
    if first.cols is None:
        first = CountTable(first.rows, [[v] for v in first.cells], ["c0"])
    totals = first.row_sums()
    n_cols = data.draw(st.integers(2, 3))
    second_cells = []
    for total in totals:
        cuts = sorted(data.draw(st.lists(st.integers(0, total), min_size=n_cols - 1, max_size=n_cols - 1)))
        second_cells.append([b - a for a, b in zip([0, *cuts], [*cuts, total])])
    second = CountTable(first.rows, second_cells, labels(n_cols, "d"), col_var="outra")
    check(protect_linked([first, second], k), [first, second], k)

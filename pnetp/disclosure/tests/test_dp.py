"""Differentially private release: budget stated, non-negative integers that add up, still thresholded."""

import pytest

from pnetp.disclosure import CountTable, HierarchicalTable, assert_safe, protect_series
from pnetp.disclosure.tables import SeriesTable

dp = pytest.importorskip("pnetp.disclosure.dp")

TABLE = CountTable(
    ["SP", "RJ", "MG"],
    [[3, 20, 45], [30, 40, 50], [15, 25, 60]],
    ["M", "F", "NI"],
    row_var="uf",
    col_var="sexo",
    name="Vítimas por UF e sexo",
)


def test_release_states_its_budget_and_is_safe():
    released = dp.dp_release(TABLE, epsilon=1.0)
    assert released.epsilon == 1.0 and released.to_dict()["privacidade_diferencial"]["epsilon"] == 1.0
    assert not [v for v in released.values.values() if v is not None and 1 <= v < 11]
    assert_safe(released)


def test_noisy_counts_are_non_negative_integers_that_add_up():
    noisy = dp.noisy_table(TABLE, epsilon=0.5)
    assert all(isinstance(v, int) and v >= 0 for row in noisy.cells for v in row)
    structure = noisy.structure()
    for total, parts in structure.equations:
        assert structure.values[total] == sum(structure.values[p] for p in parts)
    assert noisy.universe != TABLE.universe  # never linked with the exact figures


def test_noise_is_moderate_at_a_large_epsilon():
    noisy = dp.noisy_table(TABLE, epsilon=50.0)
    assert all(abs(a - b) <= 2 for r1, r2 in zip(noisy.cells, TABLE.cells) for a, b in zip(r1, r2))


def test_linked_release_splits_the_total_budget():
    by_uf = CountTable(["SP", "RJ"], [68, 120], row_var="uf")
    releases = dp.dp_release_linked([TABLE, by_uf], total_epsilon=1.0)
    assert sum(r.epsilon for r in releases) == pytest.approx(1.0)


def test_hierarchies_and_series():
    h = HierarchicalTable({"SP": {"a": [5, 30], "b": [20, 25]}, "RJ": {"c": [50, 2]}}, cols=["M", "F"])
    assert_safe(dp.dp_release(h, epsilon=1.0))
    s = SeriesTable({"jan": 20, "fev": 3}, {"até fev": ["jan", "fev"]})
    assert_safe(dp.dp_release(s, epsilon=1.0))
    assert protect_series({"jan": 20, "fev": 3}).epsilon is None


def test_budget_must_be_positive():
    with pytest.raises(ValueError):
        dp.dp_release(TABLE, epsilon=0)

"""Adversarial tests: try to recover hidden cells from totals, from the LP over everything published, and from
differences between tables. The attacks must work on naive output (or they prove nothing) and fail on ours."""

from dataclasses import replace

import pytest

from pnetp.disclosure import (
    CountTable,
    DisclosureError,
    HierarchicalTable,
    SeriesTable,
    assert_safe,
    intervals,
    protect,
    protect_linked,
    protect_series,
)
from pnetp.disclosure.primary import primary_suppressions
from pnetp.disclosure.protect import _public
from pnetp.disclosure.tables import make_key, merge

from .attack import assert_unrecoverable, milp_intervals, peel
from .truth import truth

K = 11


def key(universe="", **labels):
    return make_key(universe, labels.items())


def primary_only(*tables, k=K):
    """What a naive exporter would publish: small counts blanked, nothing else."""
    shown = [t.structure() for t in tables]
    structure = merge(shown)
    return [_public(structure, t, s, primary_suppressions(structure, k), k, None) for t, s in zip(tables, shown)]


SEX_BY_UF = CountTable(
    ["SP", "RJ", "MG", "BA"],
    [[3, 20, 45], [30, 40, 50], [15, 25, 60], [12, 0, 33]],
    ["M", "F", "NI"],
    row_var="uf",
    col_var="sexo",
)


def test_naive_output_gives_cells_away_from_row_and_column_totals():
    (naive,) = primary_only(SEX_BY_UF)
    assert peel(naive)[key(uf="SP", sexo="M")] == 3
    with pytest.raises(DisclosureError, match="limitado abaixo de k"):
        assert_safe(naive)


def test_row_column_and_grand_totals_do_not_give_cells_away():
    protected = protect(SEX_BY_UF)
    assert peel(protected) == {}
    assert_unrecoverable(protected, k=K, truth=truth(SEX_BY_UF))


def test_audit_matches_an_independent_integer_attack():
    protected = protect(SEX_BY_UF)
    assert intervals(protected) == milp_intervals(protected)


def test_two_small_cells_in_one_line_are_not_enough():
    # 4 and 5 share a row whose total is published: each is then at most 9 — still inside [1, 10].
    table = CountTable(["a", "b", "c"], [[4, 5, 90], [30, 40, 50], [60, 70, 80]], ["x", "y", "z"])
    (naive,) = primary_only(table)
    assert all(high < K for high in (hi for _, hi in milp_intervals(naive).values()))
    assert_unrecoverable(protect(table), k=K, truth=truth(table))


def test_small_total_with_large_cells_hidden_around_it():
    table = CountTable(["a", "b", "c"], [[2, 3, 1], [30, 40, 50], [60, 70, 80]], ["x", "y", "z"])
    protected = protect(table)
    assert protected.values[key(linha="a")] is None
    assert_unrecoverable(protected, k=K, truth=truth(table))


def test_hierarchical_uf_and_municipality_totals():
    table = HierarchicalTable(
        {
            "SP": {"3550308": [5, 30], "3509502": [20, 25], "3548708": [40, 12]},
            "RJ": {"3304557": [50, 2], "3303302": [30, 40]},
            "AC": {"1200401": [3, 4]},
        },
        cols=["M", "F"],
        col_var="sexo",
    )
    protected = protect(table)
    assert protected.values[key(uf="AC")] is None and protected.values[key(municipio="1200401")] is None
    assert [protected.values[key(sexo="M")], protected.values[key()]] == [148, 261]  # national totals stay
    assert_unrecoverable(protected, k=K, truth=truth(table))


SEX_SP_RJ = CountTable(["SP", "RJ"], [[3, 20], [30, 40]], ["M", "F"], row_var="uf", col_var="sexo")
SEX_RJ = CountTable(["M", "F"], [30, 40], row_var="sexo", where={"uf": "RJ"})


def test_difference_between_separately_protected_tables_gives_a_cell_away():
    # Alone, each table is safe; together, RJ by sex publishes the cells that hid SP-M=3 in sex × UF.
    wide, narrow = protect(SEX_SP_RJ), protect(SEX_RJ)
    assert_safe(wide)
    assert_safe(narrow)
    assert wide.values[key(uf="RJ", sexo="M")] is None and narrow.values[key(uf="RJ", sexo="M")] == 30
    with pytest.raises(DisclosureError):
        assert_safe(wide, narrow)
    assert peel(wide, narrow)[key(uf="SP", sexo="M")] == 3


def test_linked_tables_share_suppressions_and_resist_differences():
    wide, narrow = protect_linked([SEX_SP_RJ, SEX_RJ])
    assert narrow.values[key(uf="RJ", sexo="M")] is None
    assert_unrecoverable(wide, narrow, k=K, truth=truth(SEX_SP_RJ, SEX_RJ))


def test_tables_sharing_uf_margins():
    age = CountTable(
        ["SP", "RJ", "MG", "BA"],
        [[8, 30, 30], [40, 40, 40], [30, 30, 40], [9, 16, 20]],
        ["0-17", "18-29", "30+"],
        row_var="uf",
        col_var="idade",
    )
    sex = SEX_BY_UF
    protected = protect_linked([sex, age])
    assert_safe(*protected)
    assert_unrecoverable(*protected, k=K, truth=truth(sex, age))
    uf_totals = [key(uf=uf) for uf in ("SP", "RJ", "MG", "BA")]
    assert [protected[0].values[k] for k in uf_totals] == [protected[1].values[k] for k in uf_totals]


def test_brazil_and_brazil_minus_one_uf():
    ufs = {"SP": 50, "RJ": 3, "MG": 40}
    aggregates = {"Brasil": ["SP", "RJ", "MG"], "Brasil exceto RJ": ["SP", "MG"]}
    naive = primary_only(SeriesTable(ufs, aggregates, var="uf"))[0]
    assert peel(naive)[key(uf="RJ")] == 3
    protected = protect_series(ufs, aggregates, var="uf")
    assert_unrecoverable(protected, k=K, truth=truth(SeriesTable(ufs, aggregates, var="uf")))


def test_running_totals_do_not_give_a_month_away():
    months = {"2025-01": 40, "2025-02": 4, "2025-03": 35, "2025-04": 0, "2025-05": 60}
    naive = primary_only(
        SeriesTable(months, {f"até {m}": list(months)[: i + 1] for i, m in enumerate(months)}, publish_parts=False)
    )[0]
    assert peel(naive)[key(periodo="2025-02")] == 4
    protected = protect_series(months, publish_parts=False)
    assert_safe(protected)
    assert_unrecoverable(protected, k=K)
    assert protected.values[key()] == 139  # the running total over every month is the universe total


def test_series_linked_with_a_table_sharing_its_grand_total():
    ufs = {"SP": 50, "RJ": 3, "MG": 40}
    by_uf = CountTable(list(ufs), list(ufs.values()), row_var="uf")
    minus = SeriesTable(ufs, {"Brasil exceto MG": ["SP", "RJ"]}, var="uf", publish_parts=False)
    separately = [protect(by_uf), protect(minus)]
    with pytest.raises(DisclosureError):
        assert_safe(*separately)  # "Brasil exceto MG" 53 minus SP 50 gives RJ = 3
    together = protect_linked([by_uf, minus])
    assert_unrecoverable(*together, k=K, truth=truth(by_uf, minus))


# Ranges ("1 a 10"): a small count shown as its range must keep the whole range against every published number.

ROW_WITH_SMALL_SECONDARY = CountTable(["SP", "RJ", "MG"], [50, 3, 12], row_var="uf")


def test_a_range_published_where_it_is_narrowed_gives_the_cell_away():
    protected = protect(ROW_WITH_SMALL_SECONDARY)
    assert protected.ranges == frozenset()  # RJ and MG stay "X"
    # Shown wrongly as "1 a 10", RJ would be narrowed: MG ≥ 11 beside a range and RJ + MG = 15 put RJ in 1..4.
    wrong = replace(protected, ranges=frozenset({key(uf="RJ")}))
    assert milp_intervals(wrong)[key(uf="RJ")] == (1, 4)
    with pytest.raises(DisclosureError, match="faixa estreitada"):
        assert_safe(wrong)
    with pytest.raises(AssertionError):
        assert_unrecoverable(wrong, k=K, truth=truth(ROW_WITH_SMALL_SECONDARY))


def test_two_ranges_in_one_line_would_narrow_each_other():
    # 4 + 5 + X = 99 with X ≥ 11 is fine for each, but a line whose only unknowns are two ranges is not.
    table = CountTable(["a", "b", "c"], [[4, 5, 90], [30, 40, 50], [60, 70, 80]], ["x", "y", "z"])
    protected = protect(table)
    assert_unrecoverable(protected, k=K, truth=truth(table))
    (naive,) = primary_only(table)
    wrong = replace(naive, ranges=frozenset({key(linha="a", coluna="x"), key(linha="a", coluna="y")}))
    with pytest.raises(DisclosureError, match="faixa estreitada"):
        assert_safe(wrong)


def test_ranges_in_a_two_way_table_resist_the_integer_attack():
    table = CountTable(["SP", "RJ"], [[3, 30], [40, 50]], ["M", "F"], row_var="uf", col_var="sexo")
    protected = protect(table)
    assert protected.ranges == {key(uf="SP", sexo="M")}
    assert protected.display_grid()[1] == ["SP", "1 a 10", "X", "33"]
    assert intervals(protected)[key(uf="SP", sexo="M")] == (1, 10)
    assert intervals(protected) == milp_intervals(protected)
    assert_unrecoverable(protected, k=K, truth=truth(table))
    # SEX_BY_UF's 3 stays "X": beside it every "X" would be ≥ 11, and SP's row would put it in 1..8.
    assert protect(SEX_BY_UF).ranges == frozenset()


def test_ranges_in_linked_tables_and_hierarchies_resist_the_integer_attack():
    groups = {"SP": {"3550308": 40, "3509502": 4, "3518800": 25}, "RJ": {"3304557": 60, "3303302": 2, "3301702": 30}}
    hierarchy = HierarchicalTable(groups, name="municípios")
    by_sex = CountTable(["SP", "RJ"], [[30, 39], [45, 47]], ["M", "F"], row_var="uf", col_var="sexo")
    together = protect_linked([hierarchy, by_sex])
    assert_safe(*together)
    assert_unrecoverable(*together, k=K, truth=truth(hierarchy, by_sex))

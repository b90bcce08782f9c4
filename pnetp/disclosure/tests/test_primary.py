"""Primary suppression, zeros, k, edge cases and the rendering conventions."""

import csv
import io
import json
from dataclasses import replace

import pytest
from django.test import override_settings

from pnetp.disclosure import (
    CountTable,
    DisclosureError,
    assert_safe,
    default_k,
    intervals,
    legend,
    protect,
    public_count,
)
from pnetp.disclosure.secondary import derivable
from pnetp.disclosure.tables import make_key

from .attack import assert_unrecoverable
from .truth import truth


def published_numbers(protected):
    return [v for v in protected.values.values() if v is not None]


def test_k_defaults_to_ctdc_and_follows_settings():
    assert default_k() == 11
    with override_settings(PNETP_DISCLOSURE_K=5):
        assert default_k() == 5
        assert protect(CountTable(["a", "b"], [5, 30])).values[make_key("", [("linha", "a")])] == 5


def test_small_cells_and_small_totals_are_suppressed():
    table = CountTable(
        ["SP", "RJ", "AC"], [[3, 20, 40], [30, 40, 50], [2, 4, 0]], ["M", "F", "NI"], row_var="uf", col_var="sexo"
    )
    protected = protect(table)
    key = lambda **kw: make_key("", kw.items())  # noqa: E731
    assert protected.values[key(uf="SP", sexo="M")] is None
    assert protected.values[key(uf="AC")] is None  # the total 6 is small too
    assert not [v for v in published_numbers(protected) if 1 <= v < 11]
    assert_safe(protected)
    assert_unrecoverable(protected, k=11, truth=truth(table))


def test_zeros_are_published_and_never_hide_another_cell():
    table = CountTable(["a", "b", "c"], [[0, 5, 40], [0, 30, 20], [0, 18, 60]], ["x", "y", "z"])
    protected = protect(table)
    zeros = [make_key("", [("linha", r), ("coluna", "x")]) for r in "abc"] + [make_key("", [("coluna", "x")])]
    assert [protected.values[z] for z in zeros] == [0, 0, 0, 0]
    assert_unrecoverable(protected, k=11, truth=truth(table))


def test_row_with_one_nonzero_cell_hides_its_total():
    table = CountTable(["a", "b"], [[4, 0, 0], [30, 25, 40]], ["x", "y", "z"])
    protected = protect(table)
    assert protected.values[make_key("", [("linha", "a")])] is None
    assert_unrecoverable(protected, k=11, truth=truth(table))


def test_all_cells_small_hides_everything_but_zeros_and_large_totals():
    table = CountTable(["a", "b"], [[1, 2], [3, 4]], ["x", "y"])
    protected = protect(table)
    assert published_numbers(protected) == []  # grand total 10 < 11 as well
    assert_safe(protected)


def test_all_cells_small_but_the_grand_total_is_publishable():
    table = CountTable(["a", "b", "c"], [[3, 2], [4, 4], [5, 1]], ["x", "y"])
    protected = protect(table)
    assert published_numbers(protected) == [19]
    assert_unrecoverable(protected, k=11, truth=truth(table))


def test_single_cell_rows_and_columns():
    assert published_numbers(protect(CountTable(["só"], [7]))) == []
    assert published_numbers(protect(CountTable(["só"], [70]))) == [70, 70]
    protected = protect(CountTable(["a", "b", "c"], [[3], [40], [50]], ["único"]))
    assert_unrecoverable(protected, k=11)


def test_one_dimensional_table_needs_a_second_suppression():
    table = CountTable(["SP", "RJ", "MG"], [50, 3, 40], row_var="uf")
    protected = protect(table)
    # RJ's 3 shows as its range: beside it MG is known to be ≥ 11, so RJ + MG = 43 leaves RJ anywhere in 1..10.
    assert protected.display_grid() == [["", "Total"], ["SP", "50"], ["RJ", "1 a 10"], ["MG", "X"], ["Total", "93"]]
    assert_unrecoverable(protected, k=11, truth=truth(table))


def test_no_range_where_the_published_numbers_would_narrow_it():
    table = CountTable(["SP", "RJ", "MG"], [50, 3, 12], row_var="uf")
    protected = protect(table)
    # Shown as "1 a 10", RJ + MG = 15 with MG ≥ 11 would put RJ in 1..4: both stay "X".
    assert protected.display_grid() == [["", "Total"], ["SP", "50"], ["RJ", "X"], ["MG", "X"], ["Total", "65"]]
    assert protected.ranges == frozenset()
    assert_unrecoverable(protected, k=11, truth=truth(table))


def test_k_1_disables_suppression():
    table = CountTable(["a", "b"], [[1, 2], [3, 0]], ["x", "y"])
    protected = protect(table, k=1)
    assert None not in protected.values.values()
    assert_safe(protected)


def test_k_must_be_a_positive_integer():
    for k in (0, -3, 2.5, True):
        with pytest.raises(ValueError):
            protect(CountTable(["a"], [1]), k=k)


def test_invalid_counts_are_refused():
    for cells in ([-1], [1.5], [True]):
        with pytest.raises(ValueError):
            CountTable(["a"], cells)
    with pytest.raises(ValueError):
        CountTable(["a", "a"], [1, 2])


def test_public_count_guards_single_numbers():
    assert [public_count(n) for n in (0, 1, 10, 11, 250)] == [0, None, None, 11, 250]
    assert public_count(4, k=3) == 4


def test_no_suppressed_cell_is_derivable():
    protected = protect(CountTable(["a", "b"], [[3, 40], [30, 50]], ["x", "y"]))
    assert_safe(protected)
    assert all(high > low for low, high in intervals(protected).values())


def test_derivable_secondary_cells_are_published_again():
    structure = CountTable(["a", "b"], [[20, 30], [40, 50]], ["x", "y"]).structure()
    row_a = {structure.index[make_key("", [("linha", "a"), ("coluna", c)])] for c in "xy"}
    assert derivable(structure, row_a, row_a) == row_a  # the column totals give both away


def test_from_mapping():
    table = CountTable.from_mapping({"SP": {"M": 3, "F": 20}, "RJ": {"F": 40}}, row_var="uf", col_var="sexo")
    assert table.cols == ("M", "F") and table.cells == ((3, 20), (0, 40))
    assert CountTable.from_mapping({"SP": 3, "RJ": 40}).cells == (3, 40)


def test_csv_and_json_convention():
    protected = protect(CountTable(["SP", "RJ", "MG"], [50, 3, 40], row_var="uf", name="Vítimas por UF"))
    out = io.StringIO()
    csv.writer(out).writerows(protected.to_rows())
    assert out.getvalue().splitlines() == [
        "uf,valor,suprimido,faixa",
        "SP,50,False,",
        "RJ,,True,1 a 10",
        "MG,,True,",
        "Total,93,False,",
    ]
    data = json.loads(json.dumps(protected.to_dict()))
    assert data["k"] == 11 and "proteger a identidade das vítimas" in data["legenda"]
    assert data["registros"][1] == {"uf": "RJ", "valor": None, "suprimido": True, "faixa": "1 a 10"}
    assert data["registros"][2] == {"uf": "MG", "valor": None, "suprimido": True, "faixa": None}
    assert "de 1 a 10" in legend(11) and legend(1) == ""


def test_assert_safe_rejects_a_small_published_count():
    leaked = replace(protect(CountTable(["a", "b"], [5, 30]), k=1), k=11)
    with pytest.raises(DisclosureError, match="contagem pequena publicada"):
        assert_safe(leaked)

"""The model's comparison levels, evaluated by DuckDB on real feature pairs: which level a pair falls in."""

import duckdb
import pytest

from pnetp.sisetp.linkage import model
from pnetp.sisetp.linkage.features import identity_features


def level_of(comparison, left: dict, right: dict) -> str:
    """Label of the first level of ``comparison`` that holds for the pair (as Splink's CASE picks it)."""
    levels = comparison.get_comparison("duckdb").comparison_levels
    columns = sorted({k for k in (*left, *right)})
    con = duckdb.connect()
    try:
        select = ", ".join(f"$l_{c} AS {c}_l, $r_{c} AS {c}_r" for c in columns)
        params = {f"l_{c}": left.get(c) for c in columns} | {f"r_{c}": right.get(c) for c in columns}
        con.execute(f"CREATE TABLE pair AS SELECT {select}", params)
        for level in levels:
            if level.sql_condition.strip().upper() == "ELSE":
                return level.label_for_charts
            if con.execute(f"SELECT COALESCE(({level.sql_condition}), FALSE) FROM pair").fetchone()[0]:
                return level.label_for_charts
    finally:
        con.close()
    raise AssertionError("no level holds")


def mother(name: str) -> dict:
    feats = identity_features("", name, "", "")
    return {"mae": feats["mae"], "mae_fon": feats["mae_fon"]}


SHORTENED = "primeiro e último iguais, meio abreviado ou omitido"
DIFFERENT_MIDDLE = "primeiro e último iguais, meio diferente"


@pytest.mark.parametrize("left, right, expected", [
    ("Maria José Santos", "Maria J. Santos", SHORTENED),  # abbreviated
    ("Maria Clara Pereira Gomes Silva", "Maria Clara Silva", SHORTENED),  # words left out
    ("Maria Clara Silva", "Maria Silva", SHORTENED),
    ("Ana Beatriz Machado Ferreira", "Ana B. M. Ferreira", SHORTENED),
    # first and last agree by chance: a child's surname is often the mother's last name
    ("Maria de Jesus Ribeiro", "Maria Luiza Santos Ribeiro", DIFFERENT_MIDDLE),
    ("Maria Souza Santos", "Maria J. Santos", DIFFERENT_MIDDLE),
    ("Maria Helena Silva", "Maria Clara A. Silva", DIFFERENT_MIDDLE),
])
def test_mothers_middle_names(left, right, expected):
    assert level_of(model._mother(fuzzy=True), mother(left), mother(right)) == expected
    assert level_of(model._mother(fuzzy=True), mother(right), mother(left)) == expected  # symmetric


def test_mothers_with_nothing_but_the_last_name_in_common_are_different():
    """No level rewards a shared last name alone: with the child's names agreeing it is likely by chance."""
    label = level_of(model._mother(fuzzy=True), mother("Maria Clara Santos Vieira"), mother("Isabela Cardoso Vieira"))
    assert label == "All other comparisons"


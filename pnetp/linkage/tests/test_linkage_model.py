"""The model's comparison levels, evaluated by DuckDB on real feature pairs: which level a pair falls in."""

import duckdb
import pytest

from pnetp.linkage import model
from pnetp.linkage.features import identity_features


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


@pytest.mark.parametrize(
    "left, right, expected",
    [
        ("Maria José Santos", "Maria J. Santos", SHORTENED),  # abbreviated
        ("Maria Clara Pereira Gomes Silva", "Maria Clara Silva", SHORTENED),  # words left out
        ("Maria Clara Silva", "Maria Silva", SHORTENED),
        ("Ana Beatriz Machado Ferreira", "Ana B. M. Ferreira", SHORTENED),
        # first and last agree by chance: a child's surname is often the mother's last name
        ("Maria de Jesus Ribeiro", "Maria Luiza Santos Ribeiro", DIFFERENT_MIDDLE),
        ("Maria Souza Santos", "Maria J. Santos", DIFFERENT_MIDDLE),
        ("Maria Helena Silva", "Maria Clara A. Silva", DIFFERENT_MIDDLE),
    ],
)
def test_mothers_middle_names(left, right, expected):
    assert level_of(model._mother(fuzzy=True), mother(left), mother(right)) == expected
    assert level_of(model._mother(fuzzy=True), mother(right), mother(left)) == expected  # symmetric


def test_mothers_with_nothing_but_the_last_name_in_common_are_different():
    """No level rewards a shared last name alone: with the child's names agreeing it is likely by chance."""
    label = level_of(model._mother(fuzzy=True), mother("Maria Clara Santos Vieira"), mother("Isabela Cardoso Vieira"))
    assert label == "All other comparisons"


@pytest.mark.parametrize(
    "left, right, expected",
    [
        (
            {"ano_aprox": "1990", "nascimento": None, "ano": None},
            {"ano_aprox": "1990", "nascimento": "1990-05-02", "ano": "1990"},
            "mesmo ano de nascimento aproximado",
        ),
        (
            {"ano_aprox": "1990", "nascimento": None, "ano": None},
            {"ano_aprox": "1991", "nascimento": None, "ano": None},
            "a um ano",
        ),
        (
            {"ano_aprox": "1990", "nascimento": None, "ano": None},
            {"ano_aprox": "1985", "nascimento": None, "ano": None},
            "de três a cinco anos",
        ),
        (
            {"ano_aprox": "1990", "nascimento": None, "ano": None},
            {"ano_aprox": "1984", "nascimento": None, "ano": None},
            "All other comparisons",
        ),
        # both birth dates known: the date comparison decides, the age adds nothing (no double counting)
        (
            {"ano_aprox": "1990", "nascimento": "1990-05-02", "ano": "1990"},
            {"ano_aprox": "1985", "nascimento": "1985-01-01", "ano": "1985"},
            "sem idade, ou as duas datas de nascimento conhecidas",
        ),
        # a dated record with no age: its birth year stands in for the age-derived one
        (
            {"ano_aprox": "1990", "nascimento": None, "ano": None},
            {"ano_aprox": None, "nascimento": "1991-05-02", "ano": "1991"},
            "a um ano",
        ),
        (
            {"ano_aprox": None, "nascimento": None, "ano": None},
            {"ano_aprox": "1990", "nascimento": None, "ano": None},
            "sem idade, ou as duas datas de nascimento conhecidas",
        ),
    ],
)
def test_approximate_birth_year_counts_only_where_a_date_is_missing(left, right, expected):
    assert level_of(model._approximate_birth_year(), left, right) == expected


def test_hand_recorded_attributes_never_veto_a_pair_on_their_own():
    """EM sees no true pair disagreeing on role or citizenship in clean data; the floor keeps such a
    disagreement a strong sign, not an impossibility (about -3 bits, not -8)."""

    class Level:
        def __init__(self, m):
            self.m_probability, self.is_null_level = m, False

    class Comparison:
        def __init__(self, name):
            self.output_column_name, self.comparison_levels = name, [Level(None), Level(1e-6), Level(0.9)]

    class Linker:
        class _settings_obj:  # noqa: N801 (Splink's attribute name)
            comparisons = [Comparison("papel"), Comparison("cpf")]

    model.floor_m(Linker)
    soft, hard = (c.comparison_levels for c in Linker._settings_obj.comparisons)
    assert [level.m_probability for level in soft] == [model.SOFT_M_FLOOR, model.SOFT_M_FLOOR, 0.9]
    assert [level.m_probability for level in hard] == [model.M_FLOOR, model.M_FLOOR, 0.9]


def test_identification_day_or_month():
    day = {"data_ident": "2024-03-01"}
    assert level_of(model._identification_date(), day, {"data_ident": "2024-03-01"}) == "Exact match on data_ident"
    assert level_of(model._identification_date(), day, {"data_ident": "2024-03-20"}) == "mesmo mês"
    assert level_of(model._identification_date(), day, {"data_ident": "2024-02-20"}) == "até 31 dias"
    assert level_of(model._identification_date(), day, {"data_ident": "2024-04-02"}) == "All other comparisons"
    assert level_of(model._identification_date(), day, {"data_ident": "2023-03-01"}) == "All other comparisons"


def test_another_municipality_of_the_same_state():
    place = {"mun_expl": "3550308"}
    assert level_of(model._municipality("mun_expl"), place, {"mun_expl": "3550308"}) == "Exact match on mun_expl"
    assert level_of(model._municipality("mun_expl"), place, {"mun_expl": "3509502"}) == "mesma UF"
    assert level_of(model._municipality("mun_expl"), place, {"mun_expl": "3304557"}) == "All other comparisons"


def person(name: str) -> dict:
    feats = identity_features(name, "", "", "")
    return {c: feats[c] for c in ("nome", "meio", "meio_fon")}


@pytest.mark.parametrize(
    "left, right, expected",
    [
        ("Maria Eduarda Santos Lima", "Maria Eduarda Santos Lima", "mesmo nome do meio"),
        ("Maria Eduarda Santos Lima", "Maria Santos Lima", "palavras do meio omitidas"),  # second given name dropped
        ("Maria Eduarda Santos Lima", "Maria Eduarda Lima", "palavras do meio omitidas"),
        # the same initial only: a word dropped by one, another written by the other
        ("Maria Eduarda Santos Lima", "Maria Sandra Lima", "nome do meio omitido"),
        ("Maria Eduarda Santos Lima", "Maria Carla Lima", "All other comparisons"),
    ],
)
def test_middle_words_left_out(left, right, expected):
    assert level_of(model._middle(True), person(left), person(right)) == expected

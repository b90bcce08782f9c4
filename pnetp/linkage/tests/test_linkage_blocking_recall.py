"""Issue 17, blocking recall ≥ 0.99: the pairs that no rule reached before (seed 7, 100k) and the rules that
reach them now. Each case pairs two records of one person; the rules before these are the baseline."""

import pytest

from pnetp.linkage import model
from pnetp.linkage.features import CASE_FEATURES, COLUMNS, identity_features
from pnetp.linkage.metrics import blocking_pairs, blocking_recall

PAIR = {"a|1|1": 1, "b|1|1": 1}
# the rules before this change: up to the first of them (the one on the last middle initial)
OLD_RULES = model.BLOCKING_RULES[
    : next(i for i, r in enumerate(model.BLOCKING_RULES) if isinstance(r, str) and "RIGHT(l.meio, 1)" in r)
]


def columns_of(*records, **case):
    """(key, nome, cpf-less identity: nome, nascimento) → feature columns; ``case``: column → values."""
    out = {c: [] for c in COLUMNS}
    for key, nome, born in records:
        feats = identity_features(nome, "", "", born)
        for c in COLUMNS:
            out[c].append(feats.get(c))
        out["unique_id"][-1], out["fonte"][-1] = key, key.split("|")[0]
    for c in CASE_FEATURES:
        out[c] = list(case.get(c, [None] * len(records)))
    return out


def reached(columns, rules=None) -> bool:
    return blocking_recall(columns, PAIR, rules=rules) == 1.0


def test_dateless_record_with_a_middle_word_dropped_keeps_the_last_middle_initial():
    columns = columns_of(("a|1|1", "Maria Eduarda Santos Silva", "1990-03-27"), ("b|1|1", "Maria Santos Silva", ""))
    assert not reached(columns, OLD_RULES)
    assert reached(columns)
    # another last middle initial: a namesake as far as blocking goes
    columns = columns_of(("a|1|1", "Maria Eduarda Santos Silva", "1990-03-27"), ("b|1|1", "Maria Lima Silva", ""))
    assert not reached(columns)


@pytest.mark.parametrize(("age_year", "expected"), [("1989", True), ("1991", True), ("1992", False)])
def test_dateless_record_whose_age_gives_a_year_one_off(age_year, expected):
    columns = columns_of(
        ("a|1|1", "Jose Carlos Pereira", "1990-05-05"), ("b|1|1", "Jose Pereira", ""), ano_aprox=[None, age_year]
    )
    assert not reached(columns, OLD_RULES)
    assert reached(columns) is expected


@pytest.mark.parametrize("typed", ["1991-05-18", "1989-05-18", "1991-08-15"])
def test_both_dates_with_the_year_one_off_and_a_digit_of_day_or_month_mistyped(typed):
    columns = columns_of(("a|1|1", "Ana Paula Costa", "1990-05-15"), ("b|1|1", "Ana Costa", typed))
    assert not reached(columns, OLD_RULES)
    assert reached(columns)


@pytest.mark.parametrize("typed", ["1990-05-18", "1991-05-15", "1909-05-15"])
def test_first_name_mistyped_in_its_second_letter_and_a_digit_of_the_date(typed):
    columns = columns_of(("a|1|1", "Jessica Oliveira", "1990-05-15"), ("b|1|1", "Jwssica Oliveira", typed))
    assert not reached(columns, OLD_RULES)
    assert reached(columns)


def test_record_without_a_name_or_a_date_is_reached_by_age_sex_and_state():
    """Another municipality of the same state (the IBGE code's first two digits) still counts."""
    case = {"ano_aprox": [None, "1985"], "sexo": ["F", "F"], "mun_expl": ["3550308", "3509502"]}
    columns = columns_of(("a|1|1", "Carla Mendes", "1985-11-02"), ("b|1|1", "", ""), **case)
    assert not reached(columns, OLD_RULES)
    assert reached(columns)
    columns["mun_expl"], columns["mun_alic"] = [None, None], ["1501402", "1500800"]  # recruited in Pará
    assert reached(columns)
    columns["sexo"] = ["F", "M"]
    assert not reached(columns)


@pytest.mark.parametrize("typed", ["1985-12-02", "1986-11-02", "1985-02-11"])
def test_record_without_a_name_and_a_digit_of_its_date_mistyped(typed):
    case = {"sexo": ["F", "F"], "mun_alic": ["1501402", "1500800"]}
    columns = columns_of(("a|1|1", "Carla Mendes", "1985-11-02"), ("b|1|1", "", typed), **case)
    assert not reached(columns, OLD_RULES)
    assert reached(columns)


def test_new_rules_bring_no_pair_that_shares_none_of_their_keys():
    columns = columns_of(
        ("a|1|1", "Maria Eduarda Santos Silva", "1990-03-27"),
        ("b|1|1", "Joana Lima", ""),
        ("c|1|1", "", "1970-01-01"),
        ("d|1|1", "Ana Costa", "1990-05-15"),
        sexo=["F", "F", "M", "F"],
        ano_aprox=[None, "1950", None, None],
    )
    assert sum(n for _, n in blocking_pairs(columns)) == 0

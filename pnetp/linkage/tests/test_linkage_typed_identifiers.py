"""Mistyped identifiers in the linkage: a flagged CPF is never a key but one digit off still brings two records
together; birth dates with one digit mistyped are reachable by blocking; the prior comes from the scored pairs."""

import duckdb
import pyarrow as pa
import pytest

from pnetp.sisetp.generator.cpf import is_valid_cpf
from pnetp.linkage import model
from pnetp.linkage.features import CASE_FEATURES, COLUMNS, identity_features
from pnetp.linkage.metrics import blocking_pairs, blocking_recall
from pnetp.linkage.run import estimate_prior

VALID = "52998224725"
TYPO = "52998224735"  # one digit off: check digits fail


def columns_of(*records):
    """(key, nome, mae, cpf, nascimento) → feature columns, with no case attributes."""
    out = {c: [] for c in COLUMNS}
    for key, nome, mae, cpf, born in records:
        feats = identity_features(nome, mae, cpf, born)
        for c in COLUMNS:
            out[c].append(feats.get(c))
        out["unique_id"][-1], out["fonte"][-1] = key, key.split("|")[0]
    for c in CASE_FEATURES:
        assert all(v is None for v in out[c])
    return out


def test_invalid_cpf_is_kept_as_typed_but_never_the_exact_key():
    assert is_valid_cpf(VALID) and not is_valid_cpf(TYPO)
    feats = identity_features("Ana Souza", "", TYPO, "")
    assert feats["cpf"] is None and feats["cpf_digitado"] == TYPO
    valid = identity_features("Ana Souza", "", "529.982.247-25", "")
    assert valid["cpf"] == valid["cpf_digitado"] == VALID
    # flagged at import (the source said so): not a key even if the digits would pass
    flagged = identity_features("Ana Souza", "", VALID, "", cpf_flagged=True)
    assert flagged["cpf"] is None and flagged["cpf_digitado"] == VALID


def test_cpf_one_digit_off_is_blocked_but_a_shared_invalid_cpf_is_no_exact_key():
    columns = columns_of(
        ("a|1|1", "", "", VALID, ""),
        ("b|1|1", "", "", TYPO, ""),
        ("c|1|1", "", "", TYPO, ""),
        ("d|1|1", "", "", TYPO, ""),
    )
    typo_pair = {"a|1|1": 1, "b|1|1": 1}
    assert blocking_recall(columns, typo_pair) == 1.0  # nothing else in common: the CPF's halves
    same_invalid = {"c|1|1": 2, "d|1|1": 2}
    assert blocking_recall(columns, same_invalid, rules=[model.BLOCKING_RULES[0]]) == 0.0  # block_on("cpf")
    assert blocking_recall(columns, same_invalid) == 1.0  # the halves still bring them together


@pytest.mark.parametrize(
    # impossible dates one digit off (13th month, 72nd day), and day and month swapped with a digit mistyped; not
    # month and day both mistyped in the same year (1990-02-31): no rule keys on the name and the year alone
    # (23 million pairs at a million records)
    "typed",
    ["1990-08-27", "1990-03-28", "1991-03-27", "1909-03-27", "1990-30-27", "1990-03-72", "1990-13-27", "1990-27-08"],
)
def test_birth_date_with_one_digit_mistyped_is_reachable(typed):
    columns = columns_of(
        ("a|1|1", "Maria Aparecida Souza", "", "", "1990-03-27"),
        ("b|1|1", "Maria Aparecida Souza", "", "", typed),
        ("c|1|1", "", "Joana Lima", "", "1990-03-27"),
        ("d|1|1", "", "Joana Lima", "", typed),
    )
    assert blocking_recall(columns, {"a|1|1": 1, "b|1|1": 1}) == 1.0  # name and part of the date
    assert blocking_recall(columns, {"c|1|1": 1, "d|1|1": 1}) == 1.0  # mother and part of the date


def test_records_without_a_name_are_blocked_on_the_date_alone():
    columns = columns_of(("a|1|1", "Carla Mendes", "", "", "1985-11-02"), ("b|1|1", "", "", "", "1985-11-02"))
    assert blocking_recall(columns, {"a|1|1": 1, "b|1|1": 1}) == 1.0


def test_dateless_record_with_a_late_typo_in_the_name_is_reached_by_the_age_or_the_day_identified():
    """One side without a birth date, the first name mistyped past its third letter and the middle
    initials different: the age (approximate year) or the day of identification brings them together."""
    columns = columns_of(
        ("a|1|1", "Thiago S Marques", "", "", "1974-04-16"),
        ("b|1|1", "Thiayo Souza Marques", "", "", ""),
        ("c|1|1", "Thiago Marques", "", "", "1990-01-01"),
        ("d|1|1", "Tiago Lima", "", "", ""),
    )
    pair = {"a|1|1": 1, "b|1|1": 1}
    # before issue 17's rules for dateless pairs (the first of them matches the age against the birth year)
    first = next(
        i for i, r in enumerate(model.BLOCKING_RULES) if isinstance(r, str) and "COALESCE(l.ano, l.ano_aprox)" in r
    )
    old_rules = model.BLOCKING_RULES[:first]
    assert blocking_recall(columns, pair, rules=old_rules) == 0.0
    columns["ano_aprox"] = ["1974", "1974", "1990", "1974"]
    assert blocking_recall(columns, pair) == 1.0
    columns["ano_aprox"] = [None] * 4
    assert blocking_recall(columns, pair) == 0.0
    columns["data_ident"] = ["2024-05-02", "2024-05-02", None, None]
    assert blocking_recall(columns, pair) == 1.0  # same surname (phonetic) and day identified
    per_rule = blocking_pairs(columns)
    assert len(per_rule) == len(model.BLOCKING_RULES)
    assert sum(n for _, n in per_rule) == 1  # a–b only


@pytest.mark.parametrize("start", [1e-6, 1e-4, 1e-2])
def test_prior_is_the_mean_match_probability_over_all_pairs(start):
    """100 certain matches among 1,000 records (499,500 pairs) and 5,000 clear non-matches: λ ≈ 100 / 499,500
    whatever the first estimate; the weights given are those scored with ``start``."""
    records, base = 1000, pytest.importorskip("math").log2(start / (1 - start))
    weights = [base + 30] * 100 + [base - 30] * 5000
    con = duckdb.connect()
    con.register("scored", pa.table({"match_weight": pa.array(weights, pa.float64())}))
    assert estimate_prior(lambda sql: con.execute(sql).fetchall(), "scored", records, start) == pytest.approx(
        100 / 499_500, rel=0.01
    )

"""Issue 17, item 4 at a million records: the blocking rules' pairs are estimated before scoring, and above
``model.PAIR_BUDGET`` the costliest rules (``model.COSTLY_RULES``) are left out, said in the run's notes."""

import pyarrow as pa

from pnetp.linkage import model, run
from pnetp.linkage.features import COLUMNS


def table_of(rows: list[dict]) -> pa.Table:
    return pa.table(
        {
            c: pa.array(range(len(rows)), pa.int64())
            if c == "unique_id"
            else pa.array([r.get(c) for r in rows], pa.string())
            for c in COLUMNS
        }
    )


def namesakes(n: int) -> pa.Table:
    """``n`` dateless records of one phonetic name, a third of them of each of three ages: every pair shares
    the name, so the rules on the name alone (no date on one side) give about n²/2 pairs."""
    return table_of(
        [
            {"prenome_fon": "MR", "sobrenome_fon": "SRV", "nome_fon": "MR SRV", "prenome": "maria",
             "sobrenome": "silva", "sexo": "F", "ano_aprox": str(1990 + i % 3)}
            for i in range(n)
        ]
    )  # fmt: skip


def test_estimate_counts_each_rules_pairs_and_scales_a_sample_by_its_square():
    table = namesakes(600)
    rule = "l.prenome_fon = r.prenome_fon AND l.ano_aprox = r.ano_aprox"
    exact = 3 * (200 * 199 // 2)
    assert run.estimate_rule_pairs(table, [rule], sample=1000) == [exact]  # every record counted
    sampled = run.estimate_rule_pairs(table, [rule], sample=100)[0]  # about a sixth of the records
    assert sampled != exact and abs(sampled - exact) / exact < 0.05


def test_below_the_budget_every_rule_is_used():
    rules, notes = run.prediction_rules(namesakes(300))
    assert rules == model.BLOCKING_RULES and notes == []


def test_above_the_budget_the_costliest_rules_are_left_out_in_order_and_said():
    table = namesakes(300)
    pairs = run.estimate_rule_pairs(table, model.BLOCKING_RULES)
    budget = 44_000  # fewer than the 44,850 pairs of 300 records; the rules give ~4 times as many
    assert sum(pairs) > 3 * budget
    rules, notes = run.prediction_rules(table, budget=budget)
    kept = {id(r) for r in rules}
    left_out = [i for i, r in enumerate(model.BLOCKING_RULES) if id(r) not in kept]
    assert left_out and set(left_out) <= set(model.COSTLY_RULES)
    # in COSTLY_RULES order: what is left out is a prefix of that order, and no more than needed
    order = [i for i in model.COSTLY_RULES if i in left_out]
    assert order == list(model.COSTLY_RULES[: len(order)])
    # no more than needed: until the rest fits, or nothing more may be left out
    assert sum(pairs) - sum(pairs[i] for i in left_out) <= budget or len(left_out) == len(model.COSTLY_RULES)
    assert sum(pairs) - sum(pairs[i] for i in order[:-1]) > budget
    assert len(notes) == 1 and f"{len(left_out)} regras de bloqueio" in notes[0]


def test_costly_rules_are_distinct_rules_and_the_valid_cpf_is_never_left_out():
    assert len(set(model.COSTLY_RULES)) == len(model.COSTLY_RULES)
    assert all(0 <= i < len(model.BLOCKING_RULES) for i in model.COSTLY_RULES)
    assert 0 not in model.COSTLY_RULES  # block_on("cpf")


def test_a_run_above_the_budget_scores_the_rules_kept_and_says_so(monkeypatch):
    table = namesakes(300)
    columns = {c: table.column(c).to_pylist() for c in COLUMNS}
    columns["unique_id"] = [f"a|{i}|1" for i in range(300)]
    everything = run.link_columns(columns)
    assert len(everything.blocking_rules) == len(model.BLOCKING_RULES)
    assert not any("regras de bloqueio" in n for n in everything.notes)
    monkeypatch.setattr(model, "PAIR_BUDGET", 44_000)
    fewer = run.link_columns(columns)
    assert 0 < len(fewer.blocking_rules) < len(model.BLOCKING_RULES)
    assert any("regras de bloqueio" in n for n in fewer.notes)

"""The tables met while protecting (witnesses) and the audit's per-component verdicts: never a way around
the audit. A forged witness costs an LP, never passes an unsafe release; an unchanged block reuses its
verdict, a changed one is audited again; carrying the tables from round to round changes no pattern."""

import random

import pytest

from pnetp.disclosure import CountTable, DisclosureError, HierarchicalTable, assert_safe, protect, protect_linked
from pnetp.disclosure import audit, secondary
from pnetp.disclosure.tables import make_key
from pnetp.disclosure.witnesses import Witnesses, collect

from .attack import assert_unrecoverable
from .test_attacks import primary_only
from .truth import truth

K = 11
SEX_BY_UF = CountTable(
    ["SP", "RJ", "MG", "BA"],
    [[3, 20, 45], [30, 40, 50], [15, 25, 60], [12, 0, 33]],
    ["M", "F", "NI"],
    row_var="uf",
    col_var="sexo",
)
SP_M = make_key("", [("uf", "SP"), ("sexo", "M")])


def places(seed: int) -> HierarchicalTable:
    """A generated UF → municipality × year table with many small counts."""
    rng = random.Random(seed)
    groups = {
        uf: {
            f"{uf}-{m}": [rng.choice([0, 0, 1, 2, 3, 5, 8, 13, 21, 40]) for _y in range(4)]
            for m in range(rng.randint(3, 9))
        }
        for uf in ["AC", "AM", "PA", "RR"]
    }
    return HierarchicalTable(
        groups, cols=["2021", "2022", "2023", "2024"], parent_var="uf", child_var="municipio", col_var="ano"
    )


@pytest.fixture(autouse=True)
def no_remembered_verdicts():
    audit._AUDITED.clear()
    yield
    audit._AUDITED.clear()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_carrying_the_tables_met_changes_no_pattern(seed, monkeypatch):
    table = places(seed)
    carried = protect(table, K)
    monkeypatch.setattr(secondary, "CARRY_TABLES", False)
    audit._AUDITED.clear()
    assert protect(table, K).values == carried.values
    assert_unrecoverable(carried, k=K, truth=truth(table))


def test_protection_witnesses_are_real_tables_and_the_plain_audit_agrees():
    table = places(4)
    with collect() as witnesses:
        [protected] = protect_linked([table], K, verify=False)
    assert witnesses.changes  # repairs and LP solutions were met
    assert_safe(protected, witnesses=witnesses)
    audit._AUDITED.clear()
    assert_safe(protected)  # today's audit, from nothing
    assert audit.violations(protected) == []


def test_forged_witnesses_never_pass_an_unsafe_release():
    (naive,) = primary_only(SEX_BY_UF)
    real = {key: value for key, value in truth(SEX_BY_UF).items()}
    forged = [
        Witnesses({**real, SP_M: 30}, []),  # a "true" table that does not add up
        Witnesses(real, [{SP_M: 27}]),  # a change that does not net to zero on its lines
        Witnesses(real, [{SP_M: 27, make_key("", [("uf", "SP")]): 27}]),  # touches a published total
        Witnesses(real, [{SP_M: -3}]),  # below what the attacker knows (a suppressed count is ≥ 1)
    ]
    for witnesses in forged:
        audit._AUDITED.clear()
        with pytest.raises(DisclosureError, match="limitado abaixo de k"):
            assert_safe(naive, witnesses=witnesses)


def test_an_unchanged_block_reuses_its_verdict_and_a_changed_one_is_audited_again(monkeypatch):
    safe = protect(SEX_BY_UF, K)
    assert audit.violations(safe) == []
    solved = []
    monkeypatch.setattr(audit.Attacker, "_solve", lambda self, item, sense: solved.append(item) or 0.0)
    assert audit.violations(safe) == []  # same inputs: the remembered verdict, no LP
    assert solved == []
    (naive,) = primary_only(SEX_BY_UF)  # same keys, other published numbers: audited again
    monkeypatch.undo()
    with pytest.raises(DisclosureError, match="limitado abaixo de k"):
        assert_safe(naive)


def test_a_block_with_unchanged_inputs_is_not_protected_again(monkeypatch):
    from pnetp.disclosure import blocks

    blocks._PROTECTED.clear()
    table = places(5)
    structure = table.structure()
    keys = [key for key in structure.keys if dict(key[1]).get("uf") == "AC"]
    margin = {key: structure.values[structure.index[key]] for key in keys if "municipio" not in dict(key[1])}
    block = blocks.sub_structure(structure, keys)
    first = blocks.protect_block(block, margin, K)
    calls = []
    monkeypatch.setattr(blocks, "secondary_suppressions", lambda *a, **_: calls.append(a) or set())
    assert blocks.protect_block(block, margin, K) == first and calls == []  # remembered: nothing solved
    changed = blocks.sub_structure(
        places(6).structure(), [k for k in places(6).structure().keys if dict(k[1]).get("uf") == "AC"]
    )
    changed_margin = {
        key: changed.values[changed.index[key]] for key in changed.keys if "municipio" not in dict(key[1])
    }
    if any(1 <= v < K for v in changed_margin.values()):
        pytest.skip("generated margin small")
    blocks.protect_block(changed, changed_margin, K)
    assert calls  # other inputs: protected again
    blocks._PROTECTED.clear()


def test_a_remembered_block_still_gives_the_audit_its_true_table():
    """A block protected before (in this process, or loaded from a stored release) is not solved again, but its
    true table is kept while collecting: without it ``verified`` would use no witness for the whole view."""
    from pnetp.disclosure import blocks

    structure = CountTable(["a", "b", "c", "d"], [3, 14, 20, 2]).structure()
    blocks.protect_block(structure, {}, 5)
    with collect() as witnesses:
        blocks.protect_block(structure, {}, 5)  # remembered: nothing solved
    assert witnesses.truth == dict(zip(structure.keys, structure.values))

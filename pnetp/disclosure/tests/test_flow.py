"""Secondary suppression by minimum-cost flows (``flow``) for blocks that form a network: the same attacks
fail on its patterns as on the LP method's, and blocks that are not networks keep the LP method."""

import random

import numpy as np
import pytest

from pnetp.disclosure import CountTable, HierarchicalTable, assert_safe, audit, flow
from pnetp.disclosure.blocks import protect_block_ranges, sub_structure
from pnetp.disclosure.protect import ProtectedTable
from pnetp.disclosure.tables import merge

from .attack import assert_unrecoverable

K = 11
YEARS = ["2019", "2020", "2021", "2022", "2023"]


@pytest.fixture(autouse=True)
def no_remembered_verdicts():
    audit._AUDITED.clear()
    yield
    audit._AUDITED.clear()


def uf_block(seed: int):
    """One UF's municipality × year block (many small counts) and its UF row as the published margin."""
    rng = random.Random(seed)
    groups = {
        "UF": {
            f"m{m}": [rng.choice([0, 0, 1, 1, 2, 3, 4, 6, 9, 12, 15, 30, 60]) for _y in YEARS]
            for m in range(rng.randint(8, 25))
        }
    }
    table = HierarchicalTable(groups, cols=YEARS, parent_var="uf", child_var="municipio", col_var="ano")
    structure = table.structure()
    keys = [key for key in structure.keys if dict(key[1]).get("uf") == "UF" or "municipio" in dict(key[1])]
    block = sub_structure(structure, keys)
    margin = {key: block.values[block.index[key]] for key in block.keys if "municipio" not in dict(key[1])}
    return table, block, margin


def published(table, block, values, ranged) -> ProtectedTable:
    equations = tuple(
        (block.keys[t], tuple(block.keys[p] for p in parts))
        for t, parts in block.equations
        if block.keys[t] in values and all(block.keys[p] in values for p in parts)
    )
    return ProtectedTable(table.layout(), K, values, frozenset(), equations, ranges=ranged)


@pytest.mark.parametrize("seed", range(6))
def test_flow_patterns_resist_the_integer_attack(seed):
    table, block, margin = uf_block(seed)
    if any(1 <= v < K for v in margin.values()):
        pytest.skip("generated margin small")
    assert flow.network_of(block, frozenset(block.index[key] for key in margin)) is not None
    values, ranged = protect_block_ranges(block, margin, K, network=True)
    assert all(values[key] == v for key, v in margin.items())  # the margin stays published
    release = published(table, block, values, ranged)
    assert_safe(release)
    assert_unrecoverable(release, k=K, truth=dict(zip(block.keys, block.values)))
    lp_values, _ = protect_block_ranges(block, margin, K)
    shown = sum(v is not None for v in values.values())
    # information: on these tables the flows publish as many numbers as the LP method, give or take one
    assert shown >= sum(v is not None for v in lp_values.values()) - 1


def test_a_number_in_three_sums_is_not_a_network():
    by_sex = CountTable(["SP", "RJ"], [[3, 20], [30, 40]], ["M", "F"], row_var="uf", col_var="sexo")
    by_age = CountTable(["SP", "RJ"], [[8, 15], [50, 20]], ["0-17", "18+"], row_var="uf", col_var="idade")
    structure = merge([by_sex.structure(), by_age.structure()])  # the UF totals are in three sums
    assert flow.network_of(structure, frozenset()) is None


def test_the_flow_raises_a_small_count_to_k_and_keeps_every_sum():
    table, block, margin = uf_block(3)
    fixed = frozenset(block.index[key] for key in margin)
    net = flow.network_of(block, fixed)
    values = np.array([block.values[i] for i in net.items.tolist()])
    small = next(i for i in net.items.tolist() if 1 <= block.values[i] < K)
    # every number published (each costs 1), then every number already hidden (a flow at no cost)
    for cost in (np.ones(len(values)), np.zeros(len(values))):
        change = flow.cheapest_raise(net, small, K - block.values[small], cost, values - 1)
        assert block.values[small] + change[small] == K
        assert not set(change) & fixed and all(block.values[i] + d >= 1 for i, d in change.items())
        for total, parts in block.equations:
            assert change.get(total, 0) == sum(change.get(p, 0) for p in parts)


@pytest.mark.parametrize("seed", range(4))
def test_the_parts_of_one_sum_go_through_nodes_of_their_own(seed):
    """Municipality totals against the UF total (no years): every number joins the same two nodes."""
    rng = random.Random(seed)
    counts = {f"m{m}": rng.choice([1, 2, 3, 5, 8, 12, 20, 40]) for m in range(rng.randint(4, 12))}
    table = HierarchicalTable({"UF": counts}, cols=None, parent_var="uf", child_var="municipio")
    structure = table.structure()
    keys = [key for key in structure.keys if dict(key[1]).get("uf") == "UF" or "municipio" in dict(key[1])]
    block = sub_structure(structure, keys)
    margin = {key: block.values[block.index[key]] for key in block.keys if "municipio" not in dict(key[1])}
    if any(1 <= v < K for v in margin.values()):
        pytest.skip("generated margin small")
    assert flow.network_of(block, frozenset(block.index[key] for key in margin)) is not None
    values, ranged = protect_block_ranges(block, margin, K, network=True)
    release = published(table, block, values, ranged)
    assert_safe(release)
    assert_unrecoverable(release, k=K, truth=dict(zip(block.keys, block.values)))

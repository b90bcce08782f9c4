"""Secondary suppression: hide enough further numbers that no small count can be narrowed below k.

1. Singleton rule (the classical first pass): while some sum line — a total and its parts — has exactly one
   unknown item, hide the smallest non-zero published part of that line (its total only if no part is left),
   to a fixed point.
2. Audit and repair (in the spirit of the Fischetti–Salazar network heuristic τ-ARGUS uses): for each sensitive
   item the attacker can still bound below k, solve an LP for the cheapest change to the table that raises it
   to k while keeping every published number fixed, and hide the published numbers that change. The changed
   table is then consistent with everything published, so the attacker's upper bound reaches k; suppression
   only grows, so items already protected stay protected. The cost of hiding a number is log(1 + its count)
   per unit of change (``hiding_cost``; twice for totals: they are what users read first), so the numbers
   hidden count few persons without being many.
3. Secondary items the attacker can still derive exactly are published again: their value adds nothing the
   attacker does not already know, and "suppressed" must mean "not derivable".
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_array

from . import flow
from .audit import TOLERANCE, Attacker, DisclosureError
from .primary import sensitive_items
from .tables import Structure
from .witnesses import RecordingSeen, Seen

TOTAL_COST_FACTOR = 2
# Carry the tables met from round to round and to the audit (``witnesses``); False: the former method, each
# round's attacker starting afresh (benchmarks/sisetp_statistics_release.py compares the two).
CARRY_TABLES = True
BATCH_FROM, BATCH_DIVISOR = 40, 4  # batch repairs above 40 pending items, a quarter of them at a time


def hiding_cost(value: int) -> float:
    """What hiding a published number costs the repair LP per unit of change: log(1 + count).

    Persons, not cells: a larger count costs more to hide, but less than in proportion, so the LP does not
    spread a repair over many small cells (measured in benchmarks/README.md: count weights hid more persons).
    """
    return math.log1p(value)


def attacker_for(structure: Structure, suppressed: set[int], seen: Seen | None = None) -> Attacker:
    unknown = suppressed | structure.hidden
    published = {i: v for i, v in enumerate(structure.values) if i not in unknown}
    lower = {i: 0 if i in structure.hidden else 1 for i in unknown}
    return Attacker(published, lower, structure.equations, seen)


def true_table(structure: Structure) -> Seen:
    """The ranges of the one table every attacker must allow: the true one (suppression only widens them)."""
    return RecordingSeen(structure) if CARRY_TABLES else None


def is_protected(attacker: Attacker, item: int, k: int) -> bool:
    if attacker.proven_wide(item, k):
        return True
    high = attacker.high(item)
    return high >= k or (item in attacker.lower and attacker.lower[item] == 0 and high == 0)


def singleton_rule(
    structure: Structure, suppressed: set[int], sensitive: set[int], fixed: frozenset[int] = frozenset()
) -> None:
    """Hide the smallest non-zero published part of every line that would reveal its only unknown item."""
    values, hidden = structure.values, structure.hidden
    changed = True
    while changed:
        changed = False
        for total, parts in structure.equations:
            line = (total, *parts)
            unknown = [i for i in line if i in suppressed or i in hidden]
            if len(unknown) != 1 or (unknown[0] in hidden and unknown[0] not in sensitive):
                continue
            candidates = [
                i for i in line if i not in suppressed and i not in hidden and i not in fixed and values[i] > 0
            ]
            if candidates:
                suppressed.add(min(candidates, key=lambda i: (i in structure.totals, values[i], i)))
                changed = True


def repair(
    structure: Structure,
    suppressed: set[int],
    item: int,
    k: int,
    integer: bool = False,
    fixed: frozenset[int] = frozenset(),
    seen: Seen | None = None,
) -> set[int]:
    """The published numbers to hide so the attacker's upper bound for ``item`` reaches k.

    The changed table fits every number left published once the returned ones are hidden; when it is
    integral it is recorded in ``seen`` (a table the attacker cannot rule out, from then on).
    """
    values, hidden = structure.values, structure.hidden
    # A published 0 stays 0; a fixed item (published by an earlier release) keeps its value.
    movable = [i for i, v in enumerate(values) if (v > 0 or i in hidden) and i not in fixed]
    column = {i: j for j, i in enumerate(movable)}
    n = len(movable)
    # Variables: rise u and fall d of each movable item; the change is u − d.
    cost = np.zeros(2 * n)
    up_low, down_high = np.zeros(n), np.zeros(n)
    for j, i in enumerate(movable):
        if i not in suppressed and i not in hidden:
            cost[j] = cost[n + j] = hiding_cost(values[i]) * (TOTAL_COST_FACTOR if i in structure.totals else 1)
        down_high[j] = values[i] - (0 if i in hidden else 1)
    up_low[column[item]] = k - values[item]
    down_high[column[item]] = 0
    entries, row = [], 0
    for total, parts in structure.equations:
        terms = [(column[i], sign) for i, sign in [(total, 1), *((p, -1) for p in parts)] if i in column]
        if terms:
            entries += [(row, j, s) for j, s in terms] + [(row, n + j, -s) for j, s in terms]
            row += 1
    a = csr_array(
        ([e[2] for e in entries], ([e[0] for e in entries], [e[1] for e in entries])), shape=(row, 2 * n), dtype=float
    )
    lows = np.concatenate([up_low, np.zeros(n)])
    highs = np.concatenate([np.full(n, np.inf), down_high])
    if integer:
        result = milp(
            cost, constraints=LinearConstraint(a, 0, 0), integrality=np.ones(2 * n), bounds=Bounds(lows, highs)
        )
    else:
        result = linprog(cost, A_eq=a, b_eq=np.zeros(row), bounds=np.column_stack([lows, highs]), method="highs-ds")
    if result.status != 0:
        raise DisclosureError(f"supressão secundária sem solução ({result.message})")
    change = result.x[:n] - result.x[n:]
    if seen is not None and np.all(np.abs(change - np.round(change)) < TOLERANCE):
        moved = np.flatnonzero(np.abs(change) > TOLERANCE)
        seen.add_table([movable[j] for j in moved], [values[movable[j]] + round(change[j]) for j in moved])
    return {i for j, i in enumerate(movable) if abs(change[j]) > TOLERANCE and i not in suppressed and i not in hidden}


def secondary_suppressions(
    structure: Structure, primary: set[int], k: int, fixed: frozenset[int] = frozenset(), *, network: bool = False
) -> set[int]:
    """All items to suppress (primaries included) so that every sensitive item is protected.

    ``fixed`` items are already published (the margin of a block protected after its margin, see ``blocks``):
    they are never chosen, and ``DisclosureError`` says when the block cannot be protected without them.
    ``network``: when the block's sums form a network (a two-way table against its published margin), repair
    each small count by a minimum-cost flow (``flow``) instead of LPs; other blocks are protected by LPs.
    """
    suppressed = set(primary)
    sensitive = sensitive_items(structure, k)
    if not sensitive:
        return suppressed
    singleton_rule(structure, suppressed, sensitive, fixed)
    net = flow.network_of(structure, fixed) if network else None
    if net is not None:
        seen = RecordingSeen(structure)
        by_flow(structure, net, suppressed, sorted(sensitive), k, seen)
        return suppressed - derivable(structure, suppressed - primary, suppressed, seen)
    pending = sorted(sensitive)
    integer = False
    seen = true_table(structure)  # carried from round to round: suppression only grows
    while pending:
        attacker = attacker_for(structure, suppressed, seen)
        pending = [i for i in pending if not is_protected(attacker, i, k)]
        if not pending:
            break
        # Many items pending (a large linked system): repair a batch before checking again, since every check
        # solves an LP per pending item. Small tables keep the one-at-a-time order (and their patterns).
        batch = pending[: max(1, len(pending) // BATCH_DIVISOR)] if len(pending) > BATCH_FROM else pending[:1]
        added = set()
        for item in batch:
            added |= repair(structure, suppressed | added, item, k, integer, fixed, seen)
        if not added and integer:
            raise DisclosureError("supressão secundária não convergiu")
        integer = not added  # the LP change was fractional: ask for an integer one
        suppressed |= added
    return suppressed - derivable(structure, suppressed - primary, suppressed, seen)


def by_flow(structure: Structure, net: flow.Network, suppressed: set[int], pending, k: int, seen: Seen) -> None:
    """Protect each pending small count in turn by the cheapest change raising it to k (``flow``), hiding the
    published numbers the change moves; each change is recorded in ``seen`` (a table the attacker cannot rule
    out). Suppression only grows, so a table recorded earlier stays one the attacker cannot rule out."""
    free = net.items == flow.FREE  # arcs that only join two nodes: no cost, no limit
    values = np.where(free, flow.WIDE, np.array(structure.values, dtype=np.int64)[net.items])
    weight = np.array(
        [
            0.0 if i == flow.FREE else hiding_cost(v) * (TOTAL_COST_FACTOR if i in structure.totals else 1)
            for i, v in zip(net.items.tolist(), values.tolist())
        ]
    )
    unknown = np.array([i == flow.FREE or i in suppressed for i in net.items.tolist()])
    down = values - 1  # a published number stays at least 1 once hidden (zeros are published)
    for item in pending:
        if item not in net.arc or seen.high.get(item, 0) >= k:  # tied to nothing, or shown to reach k already
            continue
        change = flow.cheapest_raise(net, item, k - structure.values[item], np.where(unknown, 0.0, weight), down)
        if change is None:
            raise DisclosureError("supressão secundária sem solução (fluxo)")
        seen.add_table(change, [structure.values[i] + delta for i, delta in change.items()])
        for i in change:
            if i not in suppressed:
                suppressed.add(i)
                unknown[net.arc[i]] = True


def derivable(structure: Structure, candidates: set[int], suppressed: set[int], seen: Seen | None = None) -> set[int]:
    """The candidates the attacker derives exactly; publishing them all changes nothing the attacker knows."""
    attacker, values = attacker_for(structure, suppressed, seen), structure.values
    return {
        i
        for i in candidates
        if not attacker.proven_wide(i, 0)
        and attacker.high(i) == values[i]
        and not attacker.proven_wide(i, 0)
        and attacker.low(i) == values[i]
    }

"""Attacks written independently of ``pnetp.disclosure.audit``, used to try to recover hidden cells."""

import math

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

CAP = 10**9


def public_system(*tables):
    """Everything the public sees: published values by key, the unknown keys and the sum equations."""
    published, unknown, equations = {}, set(), set()
    for table in tables:
        for key, value in table.values.items():
            if value is None:
                unknown.add(key)
            else:
                published[key] = value
        equations |= {(total, tuple(parts)) for total, parts in table.equations}
    return published, unknown - set(published), sorted(equations, key=repr)


def peel(*tables) -> dict:
    """The schoolbook attack: a sum with one unknown gives it away; repeat with what was learnt."""
    published, unknown, equations = public_system(*tables)
    known, derived = dict(published), {}
    progress = True
    while progress:
        progress = False
        for total, parts in equations:
            line = [total, *parts]
            missing = [key for key in line if key not in known]
            if len(missing) == 1:
                (key,) = missing
                rest = sum(known[p] for p in parts if p in known)
                known[key] = derived[key] = rest if key == total else known[total] - rest
                progress = True
    return derived


def shown_ranges(*tables) -> set:
    """The unknowns shown as the range "1 a k−1" rather than "X"."""
    return set().union(*(getattr(table, "ranges", ()) for table in tables))


def beside_ranges(unknown: set, equations: list, ranged: set) -> set:
    """Unknowns tied by sums (through other unknowns) to a range: the parts shown with ranges show every small
    count as its range, so the attacker knows each "X" there is ≥ k."""
    reached, frontier = set(ranged), list(ranged)
    while frontier:
        key = frontier.pop()
        for total, parts in equations:
            line = [total, *parts]
            if key in line:
                for other in line:
                    if other in unknown and other not in reached:
                        reached.add(other)
                        frontier.append(other)
    return reached - ranged


def milp_intervals(*tables, lower: int = 1, hidden_lower: int = 0, k: int = 11) -> dict:
    """Exact integer [min, max] of every unknown under all sums; suppressed ≥ ``lower``, hidden parts ≥ 0; a
    range "1 a k−1" bounds its unknown to [1, k−1], and a suppressed unknown tied to one is ≥ k."""
    published, unknown, equations = public_system(*tables)
    hidden = set().union(*(table.hidden for table in tables)) & unknown
    suppressed_somewhere = set().union(*(table.suppressed for table in tables))
    order = sorted(unknown, key=repr)
    col = {key: j for j, key in enumerate(order)}
    rows, rhs = [], []
    for total, parts in equations:
        row, b = np.zeros(len(order)), 0
        for key, sign in [(total, 1), *((p, -1) for p in parts)]:
            if key in col:
                row[col[key]] += sign
            else:
                b -= sign * published[key]
        if row.any():
            rows.append(row)
            rhs.append(b)
        else:
            assert b == 0, "published numbers do not add up"
    ranged = shown_ranges(*tables) & unknown
    large = {
        key for key in beside_ranges(unknown, equations, ranged) if key not in hidden or key in suppressed_somewhere
    }
    lows = np.array(
        [
            k if key in large else hidden_lower if key in hidden and key not in suppressed_somewhere else lower
            for key in order
        ],
        float,
    )
    highs = np.array([k - 1 if key in ranged else CAP for key in order], float)
    constraints = [LinearConstraint(np.array(rows), rhs, rhs)] if rows else []
    result = {}
    for key in order:
        bounds = []
        for sense in (1, -1):
            c = np.zeros(len(order))
            c[col[key]] = sense
            # A finite cap keeps HiGHS from answering "infeasible or unbounded"; reaching it means unbounded.
            r = milp(c, constraints=constraints, integrality=np.ones(len(order)), bounds=Bounds(lows, highs))
            assert r.status == 0, r.message
            bounds.append(math.inf if round(sense * r.fun) >= CAP else round(sense * r.fun))
        result[key] = tuple(bounds)
    return result


def assert_unrecoverable(*tables, k: int, truth: dict | None = None) -> None:
    """No suppressed cell derivable, or narrowed inside [1, k−1], by an attacker who knows every sum and that
    suppressed counts are integers ≥ 1 (zeros are published); no range "1 a k−1" narrowed; the true value lies
    in each interval."""
    hidden = set().union(*(t.hidden for t in tables)) - set().union(*(t.suppressed for t in tables))
    ranged = shown_ranges(*tables)
    for key, (low, high) in milp_intervals(*tables, k=k).items():
        if truth is not None:
            assert low <= truth[key] <= high, (key, truth[key], low, high)
        if key in ranged:
            assert (low, high) == (1, k - 1), (key, low, high)
        elif key in hidden:
            assert not 1 <= high < k, (key, low, high)
        else:
            assert high >= k and low < high, (key, low, high)
    suppressed = set().union(*(t.suppressed for t in tables))
    for key, value in peel(*tables).items():
        assert key not in suppressed, (key, value)
        assert not 1 <= value < k, (key, value)

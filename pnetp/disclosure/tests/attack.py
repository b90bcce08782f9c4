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


def milp_intervals(*tables, lower: int = 1, hidden_lower: int = 0) -> dict:
    """Exact integer [min, max] of every unknown under all sums; suppressed ≥ ``lower``, hidden parts ≥ 0."""
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
    lows = np.array([hidden_lower if k in hidden and k not in suppressed_somewhere else lower for k in order], float)
    constraints = [LinearConstraint(np.array(rows), rhs, rhs)] if rows else []
    result = {}
    for key in order:
        bounds = []
        for sense in (1, -1):
            c = np.zeros(len(order))
            c[col[key]] = sense
            # A finite cap keeps HiGHS from answering "infeasible or unbounded"; reaching it means unbounded.
            r = milp(c, constraints=constraints, integrality=np.ones(len(order)), bounds=Bounds(lows, CAP))
            assert r.status == 0, r.message
            bounds.append(math.inf if round(sense * r.fun) >= CAP else round(sense * r.fun))
        result[key] = tuple(bounds)
    return result


def assert_unrecoverable(*tables, k: int, truth: dict | None = None) -> None:
    """No suppressed cell derivable, or narrowed inside [1, k−1], by an attacker who knows every sum and that
    suppressed counts are integers ≥ 1 (zeros are published); the true value lies in each interval."""
    hidden = set().union(*(t.hidden for t in tables)) - set().union(*(t.suppressed for t in tables))
    for key, (low, high) in milp_intervals(*tables).items():
        if truth is not None:
            assert low <= truth[key] <= high, (key, truth[key], low, high)
        if key in hidden:
            assert not 1 <= high < k, (key, low, high)
        else:
            assert high >= k and low < high, (key, low, high)
    suppressed = set().union(*(t.suppressed for t in tables))
    for key, value in peel(*tables).items():
        assert key not in suppressed, (key, value)
        assert not 1 <= value < k, (key, value)

"""What an attacker can infer from published numbers, and the check every public output must pass.

The attacker knows every published number, every sum that ties the numbers (row, column, group and series
totals, across all tables released together) and the suppression rule: counts are non-negative integers and a
suppressed count is not 0 (zeros are always published). For each hidden item the attacker's exact integer
interval is computed with HiGHS — by linear programming, and by integer programming when the LP optimum is
not integral (hierarchical and linked tables need not be totally unimodular).

Protection rule: a suppressed item is safe when its interval reaches k (the attacker cannot rule out that it is
a large, publishable count) and is not a single value. A hidden part of a series (never publishable on its own)
is safe unless its interval lies within [0, k−1] and is not exactly {0}.
"""

from __future__ import annotations

import hashlib
import math
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import highspy
import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_array

from . import ranges
from .highs import UNBOUNDED, model
from .tables import Key, canonical
from .witnesses import Seen, Witnesses, verified

TOLERANCE = 1e-6
# False: the former audit, a scipy linprog call per bound (benchmarks/sisetp_statistics_release.py compares).
WARM_START = True


class DisclosureError(Exception):
    """A public output would disclose a small count; ``violations`` says which and why."""

    def __init__(self, violations: list[Violation] | str):
        self.violations = [] if isinstance(violations, str) else violations
        super().__init__(violations if isinstance(violations, str) else "\n".join(map(str, violations)))


@dataclass(frozen=True)
class Violation:
    key: Key
    reason: str
    low: float | None = None
    high: float | None = None

    def __str__(self):
        universe, pairs = self.key
        where = ", ".join(f"{var}={label}" for var, label in sorted(pairs)) or "total"
        interval = f" [{self.low}, {self.high}]" if self.low is not None else ""
        return f"{universe + ': ' if universe else ''}{where}: {self.reason}{interval}"


class Attacker:
    """Integer bounds of the unknown items given published values; items are indices, bounds are cached.

    ``lower`` maps each unknown item to the least value the attacker knows it has (1 suppressed, 0 hidden);
    ``upper`` the greatest, for items published as a range ("1 a 10", ``ranges``).
    ``seen``, when given, is a ``Seen`` shared with earlier attackers of the same table whose unknown items
    were a subset of these (suppression only grows): every table they met is still one this attacker cannot
    rule out, so their ranges carry over, and this attacker's solutions are added to it.
    """

    def __init__(
        self,
        published: Mapping[int, int],
        lower: Mapping[int, int],
        equations: Iterable[tuple[int, Iterable[int]]],
        seen: Seen | None = None,
        upper: Mapping[int, int] | None = None,
    ):
        self.lower = dict(lower)
        self.upper = dict(upper or {})
        unknown = sorted(self.lower)
        column = {item: j for j, item in enumerate(unknown)}
        parent = list(range(len(unknown)))

        def root(j):
            while parent[j] != j:
                parent[j] = parent[parent[j]]
                j = parent[j]
            return j

        rows = []
        for total, parts in equations:
            coefficients, rhs = defaultdict(int), 0
            for item, sign in [(total, 1), *((p, -1) for p in parts)]:
                if item in column:
                    coefficients[column[item]] += sign
                else:
                    rhs -= sign * published[item]
            coefficients = {j: c for j, c in coefficients.items() if c}
            if not coefficients:
                if rhs:
                    raise DisclosureError("os números publicados não fecham com os totais publicados")
                continue
            first, *others = coefficients
            for j in others:
                parent[root(j)] = root(first)
            rows.append((coefficients, rhs))

        members = defaultdict(list)
        for j in range(len(unknown)):
            members[root(j)].append(j)
        component_rows = defaultdict(list)
        for coefficients, rhs in rows:
            component_rows[root(next(iter(coefficients)))].append((coefficients, rhs))
        self._where: dict[int, tuple[int, int]] = {}
        self._components = []
        self._items: list[list[int]] = []
        for r, cols in members.items():
            local = {j: n for n, j in enumerate(cols)}
            entries = [(m, local[j], c) for m, (coeffs, _) in enumerate(component_rows[r]) for j, c in coeffs.items()]
            a = csr_array(
                ([e[2] for e in entries], ([e[0] for e in entries], [e[1] for e in entries])),
                shape=(len(component_rows[r]), len(cols)),
                dtype=float,
            )
            b = np.array([rhs for _, rhs in component_rows[r]], dtype=float)
            lows = np.array([self.lower[unknown[j]] for j in cols], dtype=float)
            ups = np.array([self.upper.get(unknown[j], math.inf) for j in cols], dtype=float)
            for j in cols:
                self._where[unknown[j]] = (len(self._components), local[j])
            self._components.append((a, b, lows, ups))
            self._items.append([unknown[j] for j in cols])
        self._cache: dict[tuple[int, int], float] = {}
        self._models: dict[int, highspy.Highs] = {}
        # Least and greatest value of each item over the integer solutions met so far: every integer solution
        # is a table the attacker cannot rule out, so it proves wide bounds for all its items at once.
        self.seen = Seen() if seen is None else seen
        self.seen_low, self.seen_high = self.seen.low, self.seen.high

    def components(self) -> list[list[int]]:
        """The unknown items of each independent part of the attacker's system."""
        return self._items

    def signature(self, component: int, keys: list[Key], k: int) -> str:
        """A digest of everything the verdict on a component depends on."""
        a, b, lows, ups = self._components[component]
        digest = hashlib.sha256(repr((k, [canonical(keys[i]) for i in self._items[component]])).encode())
        for array in (a.indptr, a.indices, a.data, b, lows, ups):
            digest.update(np.ascontiguousarray(array).tobytes())
        return digest.hexdigest()

    def high(self, item: int) -> float:
        return self._bound(item, -1)

    def low(self, item: int) -> float:
        return self._bound(item, 1)

    def _bound(self, item: int, sense: int) -> float:
        if (item, sense) not in self._cache:
            self._cache[item, sense] = self._solve(item, sense)
        return self._cache[item, sense]

    def proven_wide(self, item: int, k: int) -> bool:
        """True when integer solutions already met show the item can be ≥ k and can take two values.

        Both are what the protection rule asks of a suppressed item, so no LP is needed for it.
        """
        high = self.seen_high.get(item)
        return high is not None and high >= k and self.seen_low[item] < high

    def _warm_lp(self, component: int, j: int, sense: int):
        """Optimise ``sense`` × item ``j`` over the component's LP with one HiGHS model per component, kept
        between calls: only the objective changes, so each solve starts from the last optimal basis.
        (x, objective), ``UNBOUNDED``, or None for any other outcome (scipy's linprog then decides)."""
        highs = self._models.get(component)
        if highs is None:
            highs = self._models[component] = model(*self._components[component])
        highs.changeColCost(j, float(sense))
        highs.run()
        # read the outcome before the cost is reset: changing the model resets its status to "not set" (read
        # after, every solve looked failed and went to scipy's linprog: the warm start never served)
        status = highs.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal:
            solved = np.array(highs.getSolution().col_value), highs.getInfo().objective_function_value
        elif status == highspy.HighsModelStatus.kUnbounded:
            solved = UNBOUNDED
        else:
            solved = None  # anything else: scipy decides, as before
        highs.changeColCost(j, 0.0)
        return solved

    def _remember(self, component: int, x) -> None:
        self.seen.add_table(self._items[component], np.round(x))

    def _solve(self, item: int, sense: int) -> float:
        component, j = self._where[item]
        a, b, lows, ups = self._components[component]
        if a.shape[0] == 0:  # tied to nothing published: only its bounds are known
            return lows[j] if sense > 0 else ups[j]
        c = np.zeros(len(lows))
        c[j] = sense
        solved = self._warm_lp(component, j, sense) if WARM_START else None
        if solved is None:  # not solved warm (or not asked to): scipy's linprog, the former way
            result = linprog(c, A_eq=a, b_eq=b, bounds=np.column_stack([lows, ups]), method="highs")
            if result.status == 3:
                return math.inf
            if result.status != 0:
                raise DisclosureError(f"auditoria sem solução ({result.message})")
            solved = result.x, result.fun
        if solved == UNBOUNDED:
            return math.inf
        x, fun = solved
        if np.all(np.abs(x - np.round(x)) < TOLERANCE):
            self._remember(component, x)
            return float(round(sense * fun))
        result = milp(
            c, constraints=LinearConstraint(a, b, b), integrality=np.ones(len(lows)), bounds=Bounds(lows, ups)
        )
        if result.status != 0:
            raise DisclosureError(f"auditoria inteira sem solução ({result.message})")
        self._remember(component, result.x)
        return float(round(sense * result.fun))


@dataclass
class PublicView:
    """Protected tables merged as the public sees them: a number published anywhere is known everywhere."""

    keys: list[Key]
    published: dict[int, int]
    lower: dict[int, int]  # unknown item -> least value the attacker knows: 1 if suppressed, 0 if a hidden part
    equations: list[tuple[int, tuple[int, ...]]]
    k: int
    upper: dict[int, int] = field(default_factory=dict)  # items published as a range -> their greatest value

    @classmethod
    def of(cls, *tables) -> PublicView:
        index: dict[Key, int] = {}
        published: dict[int, int] = {}
        only_hidden: dict[int, bool] = {}
        ranged: set[int] = set()
        for table in tables:
            ranged |= {index.setdefault(key, len(index)) for key in getattr(table, "ranges", ())}
            for key, value in table.values.items():
                i = index.setdefault(key, len(index))
                if value is None:
                    only_hidden[i] = only_hidden.get(i, True) and key in table.hidden
                elif published.setdefault(i, value) != value:
                    raise DisclosureError([Violation(key, "publicado com valores diferentes")])
        equations = {
            (index[t], tuple(sorted(index[p] for p in parts))) for table in tables for t, parts in table.equations
        }
        lower = {i: 0 if hidden else 1 for i, hidden in only_hidden.items() if i not in published}
        k, equations = max((t.k for t in tables), default=1), sorted(equations)
        lower, upper = ranges.bounds(lower, ranged, equations, k)
        return cls(list(index), published, lower, equations, k, upper)

    def attacker(self, witnesses: Witnesses | None = None) -> Attacker:
        seen = verified(self.keys, self.published, self.lower, self.equations, witnesses, self.upper)
        return Attacker(self.published, self.lower, self.equations, seen, self.upper)


def intervals(*tables) -> dict[Key, tuple[float, float]]:
    """The attacker's integer interval for every number not published in any of ``tables``."""
    view = PublicView.of(*tables)
    attacker = view.attacker()
    return {view.keys[i]: (attacker.low(i), attacker.high(i)) for i in view.lower}


def violations(*tables, witnesses: Witnesses | None = None) -> list[Violation]:
    """Every way the tables, released together, disclose a small count (empty when safe).

    ``witnesses`` (``witnesses.collect``) may spare LPs; each is checked against the public view first.
    """
    view = PublicView.of(*tables)
    k, keys = view.k, view.keys
    found = [Violation(keys[i], "contagem pequena publicada", v, v) for i, v in view.published.items() if 1 <= v < k]
    attacker = view.attacker(witnesses)
    for component, items in enumerate(attacker.components()):
        signature = attacker.signature(component, keys, k)
        if signature not in _AUDITED:
            _remember_audit(signature, _component_violations(attacker, items, view, k))
        found += _AUDITED[signature]
    return found


# The verdict of each component the audit solved, by a digest of everything it depends on (its items' keys
# and lower bounds, its equations with the published constants, k): a block whose inputs did not change since
# the last release is not audited again. Verdicts hold keys and the attacker's bounds only, never a true hidden value.
_AUDITED: OrderedDict[str, list[Violation]] = OrderedDict()
AUDIT_CACHE_SIZE = 100_000


def _remember_audit(signature: str, found: list[Violation]) -> None:
    _AUDITED[signature] = found
    while len(_AUDITED) > AUDIT_CACHE_SIZE:
        _AUDITED.popitem(last=False)


def _component_violations(attacker: Attacker, items: list[int], view: PublicView, k: int) -> list[Violation]:
    return [Violation(view.keys[i], *found) for i in items if (found := problem(attacker, i, k))]


def problem(attacker: Attacker, i: int, k: int) -> tuple[str, float, float] | None:
    """How the attacker narrows unknown item ``i`` too much (reason, low, high), or None when it does not.

    A range's item ("1 a k−1", ``ranges``) must keep its whole range; a suppressed item must reach k and take
    two values; a hidden part must not be narrowed inside [1, k−1].
    """
    lower = attacker.lower[i]
    if i in attacker.upper:
        top = attacker.upper[i]
        if attacker.seen_low.get(i) == lower and attacker.seen_high.get(i) == top:  # both ends met already
            return None
        low, high = attacker.low(i), attacker.high(i)
        return None if (low, high) == (lower, top) else ("faixa estreitada pelos números publicados", low, high)
    if attacker.proven_wide(i, k):  # safe whether suppressed or a hidden part
        return None
    high = attacker.high(i)
    if lower == 0:  # a hidden part: zero or large may be derived, a small count may not
        return ("parte oculta limitada abaixo de k", attacker.low(i), high) if 1 <= high < k else None
    if high < k:
        return "suprimido, mas limitado abaixo de k", attacker.low(i), high
    if (low := attacker.low(i)) == high:
        return "suprimido, mas dedutível", low, high
    return None


def assert_safe(*tables, witnesses: Witnesses | None = None) -> None:
    """Raise ``DisclosureError`` unless the protected tables can be released together.

    Pass every table a page, export or report releases together (and those already public that share its
    universe): the check covers differences between tables as well as each one's totals.
    """
    if found := violations(*tables, witnesses=witnesses):
        raise DisclosureError(found)

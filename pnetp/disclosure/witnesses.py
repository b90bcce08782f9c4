"""Tables the attacker cannot rule out, met while protecting: certificates that spare the audit its LPs.

Every integer table that fits all published numbers (and the attacker's lower bounds) is one the attacker
cannot rule out, so it proves each unknown item's interval at least as wide as the values it holds. The
secondary suppression meets many: the true table, each repair's changed table, each LP solution of its
audit. ``collect`` keeps them (in memory only: they hold true counts) so that ``audit.violations`` can use
them — after checking each against the public view itself, so a wrong certificate can only cost an LP, never
pass an unsafe release. Items the certificates do not prove wide are audited by LP as before.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from .tables import Key, Structure


class Seen:
    """Least and greatest value of each item over integer tables met that fit every published number.

    When an item's range reaches k and holds two values, no LP is needed for it.
    """

    def __init__(self):
        self.low: dict[int, float] = {}
        self.high: dict[int, float] = {}

    def add(self, item: int, value: float) -> None:
        if value < self.low.get(item, math.inf):
            self.low[item] = value
        if value > self.high.get(item, -math.inf):
            self.high[item] = value

    def add_table(self, items: Iterable[int], values: Iterable[float]) -> None:
        """A table met: ``values`` of ``items``, every other item at the value of the table seeded first."""
        for item, value in zip(items, values):
            self.add(item, value)


@dataclass
class Witnesses:
    """True values (by key) and the changes to them that gave other tables the attacker cannot rule out."""

    truth: dict[Key, int] = field(default_factory=dict)
    changes: list[dict[Key, int]] = field(default_factory=list)


_collecting: ContextVar[Witnesses | None] = ContextVar("disclosure_witnesses", default=None)


@contextmanager
def collect() -> Iterator[Witnesses]:
    """Keep the tables met by every protection run inside the block (this thread or task only); inside
    another ``collect`` block, the outer one keeps them."""
    outer = _collecting.get()
    if outer is not None:
        yield outer
        return
    witnesses = Witnesses()
    token = _collecting.set(witnesses)
    try:
        yield witnesses
    finally:
        _collecting.reset(token)


def remember_truth(structure: Structure) -> None:
    """Keep a structure's true table while collecting, for a block whose outcome was remembered, not solved:
    ``verified`` uses no witness at all when an unknown item of the public view has no true value."""
    witnesses = _collecting.get()
    if witnesses is not None:
        witnesses.truth.update(zip(structure.keys, structure.values))


class RecordingSeen(Seen):
    """A ``Seen`` seeded with a structure's true table that also records each table met, while collecting."""

    def __init__(self, structure: Structure):
        super().__init__()
        self.structure = structure
        self.witnesses = _collecting.get()
        for i, value in enumerate(structure.values):
            self.add(i, value)
        if self.witnesses is not None:
            self.witnesses.truth.update(zip(structure.keys, structure.values))

    def add_table(self, items: Iterable[int], values: Iterable[float]) -> None:
        items, values = list(items), list(values)
        super().add_table(items, values)
        if self.witnesses is not None:
            truth, keys = self.structure.values, self.structure.keys
            change = {keys[i]: int(v) - truth[i] for i, v in zip(items, values) if int(v) != truth[i]}
            if change:
                self.witnesses.changes.append(change)


def verified(
    keys: list[Key],
    published: Mapping[int, int],
    lower: Mapping[int, int],
    equations: Iterable[tuple[int, Iterable[int]]],
    witnesses: Witnesses | None,
    upper: Mapping[int, int] | None = None,
) -> Seen:
    """The ranges the witnesses prove for the public view's unknown items, each witness checked first.

    Nothing is trusted: the true table must fit every equation; a change is used only when it touches
    unknown items alone, keeps each of them within its bounds, and nets to zero on every equation.
    """
    upper = upper or {}
    seen = Seen()
    if witnesses is None:
        return seen
    index = {key: i for i, key in enumerate(keys)}
    truth = {}
    for i in lower:
        if keys[i] not in witnesses.truth:
            return seen
        truth[i] = witnesses.truth[keys[i]]
        if not lower[i] <= truth[i] <= upper.get(i, math.inf):
            return seen
    by_item = defaultdict(list)
    for n, (total, parts) in enumerate(equations):
        line = [(total, 1), *((p, -1) for p in parts)]
        if sum(sign * (published[i] if i in published else truth[i]) for i, sign in line):
            return Seen()  # the "true" table does not fit: use none of it
        for i, sign in line:
            if i in truth:
                by_item[i].append((n, sign))
    for i, value in truth.items():
        seen.add(i, value)
    for change in witnesses.changes:
        local = {index.get(key): delta for key, delta in change.items()}
        if any(
            i not in truth or not lower[i] <= truth[i] + delta <= upper.get(i, math.inf) for i, delta in local.items()
        ):
            continue
        sums = defaultdict(int)
        for i, delta in local.items():
            for n, sign in by_item[i]:
                sums[n] += sign * delta
        if any(sums.values()):
            continue
        seen.add_table(local, (truth[i] + delta for i, delta in local.items()))
    return seen

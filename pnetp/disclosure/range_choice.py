"""Which small counts a protection publishes as the range "1 a k−1" (see ``ranges``)."""

from __future__ import annotations

from . import ranges
from .audit import Attacker, problem
from .primary import is_small
from .tables import Structure

# k = 2 would make the range "1 a 1", the value itself.
LEAST_K = 3


def choose_ranges(structure: Structure, suppressed: set[int], k: int) -> set[int]:
    """The suppressed items to show as "1 a k−1": every small count of each part of the attacker's system
    where, with all of that part's small counts shown as ranges and its other suppressed numbers known to be
    at least k, the audit finds nothing narrowed (``audit.problem``). All or none per part."""
    values, hidden = structure.values, structure.hidden
    small = {i for i in suppressed if i not in hidden and is_small(values[i], k)}
    if k < LEAST_K or not small:
        return set()
    unknown = suppressed | hidden
    published = {i: v for i, v in enumerate(values) if i not in unknown}
    plain = {i: 0 if i in hidden else 1 for i in unknown}
    lower, upper = ranges.bounds(plain, small, structure.equations, k)
    attacker = Attacker(published, lower, structure.equations, None, upper)
    chosen = set()
    for part in attacker.components():
        shown = small.intersection(part)
        if shown and not any(problem(attacker, i, k) for i in part):
            chosen |= shown
    return chosen

"""Small counts published as the range "1 a k−1" instead of "X", and what that tells the attacker.

A primary suppression (a count from 1 to k−1) may be shown as its range — "1 a 10" with k = 11 — where that
narrows nothing: the reader learns the count is small, never which small count. Ranges are chosen per part of
the attacker's system (the unknown items tied to each other by sums, published numbers cut the ties), all or
none (``range_choice``): in a part that shows ranges every small count shows its range, so every "X" left in
that part is a large count (k or more), and the attacker knows it. ``bounds`` gives the attacker exactly that:
each range's item between 1 and k−1, each "X" of a part with ranges at least k.

The audit then asks of each part with ranges (``audit.problem``): every range's item can still be 1 and k−1
(the published numbers narrow no range), every "X" can still take two values, and no hidden part is narrowed
inside [1, k−1]. Parts without ranges keep the rule of ``audit``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as _


def text(k: int) -> str:
    """The range as people read it: "1 a 10" for k = 11."""
    return _("1 a %(max)d") % {"max": k - 1}


def linked_parts(unknown: Iterable[int], equations: Iterable[tuple[int, Iterable[int]]]) -> list[list[int]]:
    """The unknown items grouped by the sums that tie them (published items tie nothing), each part sorted."""
    unknown = set(unknown)
    parent = {i: i for i in unknown}

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for total, parts in equations:
        line = [i for i in (total, *parts) if i in unknown]
        for i in line[1:]:
            parent[root(i)] = root(line[0])
    groups = defaultdict(list)
    for i in sorted(unknown):
        groups[root(i)].append(i)
    return list(groups.values())


def bounds(
    lower: Mapping[int, int], ranged: Iterable[int], equations: Iterable[tuple[int, Iterable[int]]], k: int
) -> tuple[dict[int, int], dict[int, int]]:
    """The attacker's (lower, upper) bounds once ``ranged`` items are published as "1 a k−1".

    ``lower`` holds every unknown item's least value without ranges (1 suppressed, 0 a hidden part).
    """
    ranged = set(ranged) & set(lower)
    lower, upper = dict(lower), {i: k - 1 for i in ranged}
    if not ranged:
        return lower, upper
    for part in linked_parts(lower, equations):
        if ranged.isdisjoint(part):
            continue
        for i in part:
            if i not in ranged and lower[i] >= 1:  # an "X" beside ranges: a large count
                lower[i] = max(lower[i], k)
    return lower, upper

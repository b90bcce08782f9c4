"""Clerical review: the uncertain pairs go to analysts, and their decisions bind every later run.

A decision is (record, record, same?). Clustering (``cluster``) is greedy on match probability,
highest first, with analysts' decisions as hard constraints: a confirmed pair is merged first,
whatever the model says; two groups are never merged if a rejected pair would end up inside one
group — so a rejected pair stays split even if other records chain them together.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

REVIEW_BAND = (0.3, 0.9)  # match probability: below, clearly different; at or above the threshold, linked
SAME, DIFFERENT = "mesma", "diferente"
REVIEW_HEADER = ["registro_1", "registro_2", "probabilidade", "decisao"]


@dataclass(frozen=True)
class Decision:
    left: str
    right: str
    same: bool


def read_decisions(path: str | Path) -> list[Decision]:
    """Rows of a review file whose ``decisao`` is filled (mesma / diferente); the others are pending."""
    out = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            answer = (row.get("decisao") or "").strip().casefold()
            if answer in (SAME, DIFFERENT):
                out.append(Decision(row["registro_1"], row["registro_2"], answer == SAME))
            elif answer:
                raise ValueError(f"decisão inválida {answer!r}: use '{SAME}' ou '{DIFFERENT}'")
    return out


def write_review(path: str | Path, pairs, decisions=()) -> int:
    """Pending pairs (no decision yet) to a CSV the analysts fill in; returns how many."""
    decided = {frozenset((d.left, d.right)) for d in decisions}
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(REVIEW_HEADER)
        for left, right, prob in pairs:
            if frozenset((left, right)) not in decided:
                writer.writerow([left, right, f"{prob:.4f}", ""])
                count += 1
    return count


def cluster(records, edges, decisions=()) -> dict[str, int]:
    """record → cluster number. ``edges``: (left, right, probability) already above the threshold."""
    index = {r: i for i, r in enumerate(records)}
    parent = list(range(len(index)))
    apart: dict[int, set[int]] = {}  # root → roots it must never join

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for d in decisions:
        if not d.same and d.left in index and d.right in index:
            a, b = index[d.left], index[d.right]
            apart.setdefault(a, set()).add(b)
            apart.setdefault(b, set()).add(a)

    def union(a, b) -> None:
        ra, rb = find(a), find(b)
        if ra == rb or rb in apart.get(ra, ()):
            return
        if len(apart.get(ra, ())) < len(apart.get(rb, ())):
            ra, rb = rb, ra
        parent[rb] = ra
        moved = apart.pop(rb, set())
        if moved:
            apart.setdefault(ra, set()).update(moved)
            for other in moved:  # the other side now points at the merged root
                s = apart[other]
                s.discard(rb)
                s.add(ra)

    for d in decisions:
        if d.same and d.left in index and d.right in index:
            union(index[d.left], index[d.right])
    for left, right, _ in sorted(edges, key=lambda e: -e[2]):
        union(index[left], index[right])
    return {r: find(i) for r, i in index.items()}

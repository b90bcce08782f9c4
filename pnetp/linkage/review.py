"""Clerical review: the uncertain pairs go to analysts, and their decisions bind every later run.

A decision is (record, record, same?). Clustering (``cluster``) is greedy on match probability,
highest first, with analysts' decisions as hard constraints: a confirmed pair is merged first,
whatever the model says; two groups are never merged if a rejected pair would end up inside one
group — so a rejected pair stays split even if other records chain them together.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from pnetp.core.memory import paused_gc
from pnetp.core.spreadsheet_safety import csv_writer, unneutralise

REVIEW_BAND = (0.3, 0.7)  # match probability: below, clearly different; at or above (model.MATCH_THRESHOLD), linked
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
                out.append(Decision(unneutralise(row["registro_1"]), unneutralise(row["registro_2"]), answer == SAME))
            elif answer:
                raise ValueError(f"decisão inválida {answer!r}: use '{SAME}' ou '{DIFFERENT}'")
    return out


def write_review(path: str | Path, pairs, decisions=()) -> int:
    """Pending pairs (no decision yet) to a CSV the analysts fill in; returns how many."""
    decided = {frozenset((d.left, d.right)) for d in decisions}
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv_writer(handle, lineterminator="\n")
        writer.writerow(REVIEW_HEADER)
        for left, right, prob in pairs:
            if frozenset((left, right)) not in decided:
                writer.writerow([left, right, f"{prob:.4f}", ""])
                count += 1
    return count


def one_slip(a: str, b: str) -> bool:
    """Equal, or one character mistyped, or two neighbours swapped (same length)."""
    if a == b:
        return True
    if len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(diff) == 1 or (
        len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    )


def dates_compatible(a: str, b: str) -> bool:
    """Two ISO birth dates that one slip explains: one digit, day/month swapped, year or day off by one."""
    if one_slip(a, b):
        return True
    ya, ma, da, yb, mb, db = a[:4], a[5:7], a[8:10], b[:4], b[5:7], b[8:10]
    if ya == yb and ma == db and da == mb:
        return True
    try:
        if ma == mb and da == db:
            return abs(int(ya) - int(yb)) == 1
        if ya == yb and ma == mb:
            return abs(int(da) - int(db)) == 1
    except ValueError:
        return False
    return False


def _conflict(a: tuple[set, set], b: tuple[set, set]) -> bool:
    """Two groups whose CPFs or birth dates differ beyond one slip are different persons."""
    (cpf_a, dates_a), (cpf_b, dates_b) = a, b
    if cpf_a and cpf_b and not any(one_slip(x, y) for x in cpf_a for y in cpf_b):
        return True
    return bool(dates_a and dates_b) and not any(dates_compatible(x, y) for x in dates_a for y in dates_b)


def cluster(records, edges, decisions=(), identifiers=None) -> dict[str, int]:
    """record → cluster number. ``edges``: (left, right, probability) already above the threshold.

    ``identifiers`` (record → (CPF, birth date), optional): the model's edges never merge two groups
    (one of them of two records or more) whose CPFs or birth dates differ beyond one slip, so one
    weak edge cannot chain two persons together (analysts' confirmed pairs still do).
    """
    with paused_gc():
        return _cluster(records, edges, decisions, identifiers)


def _sets(key: tuple) -> tuple[set, set]:
    """A record's (CPF, birth date) as the (CPFs, birth dates) sets of a group."""
    if isinstance(key[0], set):
        return key
    cpf, born = key
    return ({cpf} if cpf else set(), {born} if born else set())


def _cluster(records, edges, decisions, identifiers) -> dict[str, int]:
    index = {r: i for i, r in enumerate(records)}
    parent = list(range(len(index)))
    size = [1] * len(index)
    apart: dict[int, set[int]] = {}  # root → roots it must never join
    # root → (CPFs, birth dates) of its records; a lone record keeps its plain (CPF, date) pair until it
    # joins a group (a million sets made up front cost more than all the unions)
    keys: dict[int, tuple] = {}
    for record, (cpf, born) in (identifiers or {}).items():
        if record in index and (cpf or born):
            keys[index[record]] = (cpf, born)

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

    def union(a, b, checked: bool) -> None:
        ra, rb = find(a), find(b)
        if ra == rb or rb in apart.get(ra, ()):
            return
        # a lone pair is the model's call (its score already weighs the dates); a third record joining
        # a group must agree with all of it
        if (
            checked
            and (size[ra] > 1 or size[rb] > 1)
            and ra in keys
            and rb in keys
            and _conflict(_sets(keys[ra]), _sets(keys[rb]))
        ):
            return
        if len(apart.get(ra, ())) < len(apart.get(rb, ())):
            ra, rb = rb, ra
        parent[rb] = ra
        size[ra] += size[rb]
        kb = keys.pop(rb, None)
        if kb:
            ka = keys[ra] = _sets(keys.get(ra, (None, None)))
            kb = _sets(kb)
            ka[0].update(kb[0])
            ka[1].update(kb[1])
        moved = apart.pop(rb, set())
        if moved:
            apart.setdefault(ra, set()).update(moved)
            for other in moved:  # the other side now points at the merged root
                s = apart[other]
                s.discard(rb)
                s.add(ra)

    for d in decisions:
        if d.same and d.left in index and d.right in index:
            union(index[d.left], index[d.right], checked=False)
    # the order of edges decides which group a contested record joins: ties in probability (same
    # agreement pattern) broken by the records, and probabilities rounded so that float noise from
    # parallel sums cannot reorder them; the same input then gives the same clusters
    for left, right, _ in sorted(edges, key=lambda e: (-round(e[2], 9), e[0], e[1])):
        union(index[left], index[right], checked=True)
    return {r: find(i) for r, i in index.items()}

"""Protect a large table block by block, each against a margin that is already published.

Protecting a big hierarchical table (UF → municipality × year) in one system is slow: the audit solves LPs
over every suppressed cell at once. But when a block's margin (its UF row) is *published*, the block is tied
to the rest of the release only by known constants: the attacker's system splits into independent parts,
and protecting (and auditing) the block alone with its margin fixed is exactly as safe as protecting the whole.

So: protect the margin first, with everything else released together (``protect_linked``); then protect each
block with its margin fixed (``protect_block``). A block whose margin has a suppressed number must not be
released at that level of detail — a published cell would narrow the hidden margin — so callers publish it
coarser (fewer cells, a margin that is published) or not at all. ``assert_safe`` over the whole release
confirms the result; its cost stays low because the attacker's system still splits per block.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterable, Mapping

from .audit import DisclosureError
from .primary import check_k, is_small, primary_suppressions
from .range_choice import choose_ranges
from .secondary import secondary_suppressions
from .tables import Key, Structure, StructureBuilder, canonical
from .witnesses import remember_truth


def sub_structure(structure: Structure, keys: Iterable[Key]) -> Structure:
    """The items ``keys`` of ``structure`` and the equations that involve only them."""
    wanted = {structure.index[key] for key in keys}
    builder = StructureBuilder()
    local = {
        i: builder.item(
            structure.keys[i], structure.values[i], total=i in structure.totals, hidden=i in structure.hidden
        )
        for i in sorted(wanted)
    }
    for total, parts in structure.equations:
        if total in wanted and all(p in wanted for p in parts):
            builder.equation(local[total], (local[p] for p in parts))
    return builder.build()


# The outcome of each block protected in this process, by a digest of all its inputs: after an import that
# touched a few UFs, the blocks of the others are not protected again (the protection is deterministic).
_PROTECTED: OrderedDict[str, tuple[dict[Key, int | None], frozenset[Key]] | DisclosureError] = OrderedDict()
BLOCK_CACHE_SIZE = 10_000


# Part of every block's digest: a stored outcome of an earlier protection method is never reused.
METHOD = "log-cost+ranges"


def _digest(structure: Structure, margin: Mapping[Key, int | None], k: int, network: bool = False) -> str:
    content = (
        METHOD + ("+flow" if network else ""),
        k,
        [canonical(key) for key in structure.keys],
        structure.values,
        sorted(structure.totals),
        sorted(structure.hidden),
        structure.equations,
        sorted((canonical(key), v) for key, v in margin.items()),
    )
    return hashlib.sha256(repr(content).encode()).hexdigest()


def protect_block(
    structure: Structure, margin: Mapping[Key, int | None], k: int | None = None
) -> dict[Key, int | None]:
    """Public values of a block's items (None: suppressed): ``protect_block_ranges`` without the ranges."""
    return protect_block_ranges(structure, margin, k)[0]


def protect_block_ranges(
    structure: Structure, margin: Mapping[Key, int | None], k: int | None = None, *, network: bool = False
) -> tuple[dict[Key, int | None], frozenset[Key]]:
    """Public values of a block's items (None: suppressed) and the suppressed ones shown as "1 a k−1"
    (``ranges``); ``margin`` maps the block's shared keys to the values already published for them.

    Raises ``DisclosureError`` when the margin has a suppressed number (the block must then be published
    coarser) or when no suppression pattern protects the block without touching its margin. A block whose
    inputs are those of one already protected in this process gets the same outcome without solving again.
    ``network``: repair by minimum-cost flows when the block's sums form a network (``secondary``).
    """
    k = check_k(k)
    digest = _digest(structure, margin, k, network)
    if digest not in _PROTECTED:
        try:
            _PROTECTED[digest] = _protect_block(structure, margin, k, network)
        except DisclosureError as error:
            _PROTECTED[digest] = error
        while len(_PROTECTED) > BLOCK_CACHE_SIZE:
            _PROTECTED.popitem(last=False)
    else:  # remembered (in this process or stored with the last release): the audit's witnesses need its truth
        remember_truth(structure)
    outcome = _PROTECTED[digest]
    if isinstance(outcome, DisclosureError):
        raise outcome
    return dict(outcome[0]), outcome[1]


def _protect_block(
    structure: Structure, margin: Mapping[Key, int | None], k: int, network: bool = False
) -> tuple[dict[Key, int | None], frozenset[Key]]:
    fixed = set()
    for key, value in margin.items():
        i = structure.index[key]
        if value is None:
            raise DisclosureError("margem com número suprimido: o bloco não pode ser publicado neste nível")
        if value != structure.values[i] or is_small(value, k):
            raise ValueError(f"{key}: a margem publicada não confere com o bloco")
        fixed.add(i)
    fixed = frozenset(fixed)
    suppressed = secondary_suppressions(structure, primary_suppressions(structure, k), k, fixed, network=network)
    if suppressed & fixed:  # cannot happen: fixed items are never chosen; kept as a guard for the invariant
        raise DisclosureError("a proteção do bloco suprimiria a margem publicada")
    values = {
        key: None if i in suppressed or i in structure.hidden else structure.values[i]
        for i, key in enumerate(structure.keys)
    }
    return values, frozenset(structure.keys[i] for i in choose_ranges(structure, suppressed, k))


def protect_against(tables, published: Mapping[Key, int | None], k: int | None = None) -> list:
    """``protect_linked`` for tables whose numbers shared with ``published`` (an earlier protected release)
    are fixed at their published values. Raises ``DisclosureError`` when a shared number is suppressed."""
    from .protect import _public
    from .tables import merge

    k = check_k(k)
    shown = [table.structure() for table in tables]
    structure = merge(shown)
    values, ranged = protect_block_ranges(
        structure, {key: v for key, v in published.items() if key in structure.index}, k
    )
    suppressed = {structure.index[key] for key, v in values.items() if v is None} - structure.hidden
    ranged = {structure.index[key] for key in ranged}
    return [_public(structure, t, s, suppressed, k, None, ranged) for t, s in zip(tables, shown)]

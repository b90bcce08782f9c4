"""What the protection and the audit reuse from one release to the next, across processes.

Within a process, ``blocks.protect_block`` remembers each block's outcome and ``audit.violations`` each
component's verdict, both by a digest of everything they depend on (the block's counts, equations, fixed
margin and k; the component's equations, published constants, bounds and k). A release computed by another
process (the worker after an import) starts with empty memories. ``recording`` notes which outcomes and
verdicts a computation used; ``export`` turns them into JSON stored with the release version; ``load`` puts
the stored ones back into this process's memories before the next computation — so only the blocks and
components whose inputs changed are protected and audited again, whichever process does it.

Only public values are exported: a block's outcome is what it publishes (None for a suppressed number) or
that it was refused (not why: a violation's bounds may be a true count), a component's verdict is stored
only when it found nothing (a release that found something is never stored).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

from . import audit, blocks
from .audit import DisclosureError
from .tables import make_key


class _Recording(OrderedDict):
    """A memory that notes the digests read (used) and written (computed now)."""

    def __init__(self, *args):
        self.used: set[str] = set()
        self.computed: set[str] = set()
        super().__init__(*args)
        self.computed.clear()  # copied, not computed

    def __getitem__(self, digest):
        self.used.add(digest)
        return super().__getitem__(digest)

    def __setitem__(self, digest, value):
        self.computed.add(digest)
        super().__setitem__(digest, value)


@dataclass
class Usage:
    """The block outcomes and audit verdicts one computation used, and how many it had to compute."""

    blocks: set[str] = field(default_factory=set)
    blocks_computed: set[str] = field(default_factory=set)
    components: set[str] = field(default_factory=set)
    components_computed: set[str] = field(default_factory=set)


@contextmanager
def recording() -> Iterator[Usage]:
    """Note what the protection and the audit use inside the block (this thread's process memories)."""
    usage = Usage()
    saved_blocks, saved_audit = blocks._PROTECTED, audit._AUDITED
    blocks._PROTECTED, audit._AUDITED = _Recording(saved_blocks), _Recording(saved_audit)
    try:
        yield usage
    finally:
        recorded_blocks, recorded_audit = blocks._PROTECTED, audit._AUDITED
        usage.blocks, usage.blocks_computed = set(recorded_blocks.used), set(recorded_blocks.computed)
        usage.components, usage.components_computed = set(recorded_audit.used), set(recorded_audit.computed)
        saved_blocks.clear()
        saved_blocks.update(OrderedDict.items(recorded_blocks))
        saved_audit.clear()
        saved_audit.update(OrderedDict.items(recorded_audit))
        blocks._PROTECTED, audit._AUDITED = saved_blocks, saved_audit


REFUSED = "o bloco não pode ser publicado neste nível"


def _outcome_json(outcome) -> dict:
    if isinstance(outcome, DisclosureError):  # not its message: a violation's bounds may be a true count
        return {"erro": REFUSED}
    values, ranged = outcome
    return {
        "valores": [[key[0], sorted([var, label] for var, label in key[1]), value] for key, value in values.items()],
        "faixas": sorted([key[0], sorted([var, label] for var, label in key[1])] for key in ranged),
    }


def _outcome(data: Mapping):
    if "erro" in data:
        return DisclosureError(REFUSED)
    values = {make_key(universe, (tuple(pair) for pair in pairs)): value for universe, pairs, value in data["valores"]}
    ranged = frozenset(make_key(universe, (tuple(pair) for pair in pairs)) for universe, pairs in data["faixas"])
    return values, ranged


def export(usage: Usage) -> dict[str, dict]:
    """{part name: JSON} of the outcomes and safe verdicts ``usage`` used, to store with the release."""
    parts = {}
    for digest in sorted(usage.blocks):
        if digest in blocks._PROTECTED:
            parts[f"bloco/{digest}"] = _outcome_json(blocks._PROTECTED[digest])
    safe = sorted(s for s in usage.components if s in audit._AUDITED and not audit._AUDITED[s])
    parts["auditoria"] = {"seguros": safe}
    return parts


def load(parts: Mapping[str, Mapping]) -> int:
    """Put stored outcomes and verdicts (``export``'s parts) into this process's memories; returns how many
    were not there yet."""
    added = 0
    for name, data in parts.items():
        if name.startswith("bloco/"):
            digest = name.removeprefix("bloco/")
            if digest not in blocks._PROTECTED:
                blocks._PROTECTED[digest] = _outcome(data)
                added += 1
        elif name == "auditoria":
            for signature in data["seguros"]:
                if signature not in audit._AUDITED:
                    audit._remember_audit(signature, [])
                    added += 1
    return added

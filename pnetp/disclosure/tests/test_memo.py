"""Digests stored with a release are the same in every process, so another process (the worker) can reuse
them: a frozenset's order, hence its repr, follows the process's string hashing (PYTHONHASHSEED)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = """
import json
from pnetp.disclosure import HierarchicalTable, blocks
from pnetp.disclosure.audit import PublicView
from pnetp.disclosure.primary import primary_suppressions

groups = {f"U{u}": {f"M{u}{m}": [(u * 7 + m * 3) % 13 + 1, (u + m) % 9 + 2] for m in range(4)} for u in range(3)}
table = HierarchicalTable(groups, cols=["2024", "2025"], parent_var="uf", child_var="municipio", col_var="ano",
                          universe="u")
structure = table.structure()
block = blocks._digest(structure, {structure.keys[0]: structure.values[0]}, 5)
protected = blocks.protect_against([table], {}, 5)
view = PublicView.of(*protected)
attacker = view.attacker()
signatures = sorted(attacker.signature(c, view.keys, 5) for c in range(len(attacker.components())))
print(json.dumps([block, signatures]))
"""


def digests(seed: str) -> list:
    env = {**os.environ, "PYTHONHASHSEED": seed, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "pnetp.settings"}
    code = "import django; django.setup()\n" + SCRIPT
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_block_digests_and_audit_signatures_do_not_depend_on_the_process():
    first, second = digests("1"), digests("2")
    assert first[1]  # the audit had components to sign
    assert first == second


def test_exported_outcomes_and_verdicts_are_reused_after_a_restart(monkeypatch):
    """What one process exports (public values, refusals without their reasons, safe verdicts) is what
    another needs to solve nothing again."""
    import pytest

    from pnetp.disclosure import CountTable, DisclosureError, assert_safe, audit, blocks, memo

    table = CountTable(["a", "b", "c", "d"], [3, 14, 20, 2], universe="memo")
    structure = table.structure()
    total = next(key for key in structure.keys if not key[1])
    with memo.recording() as usage:
        [protected] = blocks.protect_against([table], {}, 5)
        assert_safe(protected)
        with pytest.raises(DisclosureError):
            blocks.protect_block(structure, {total: None}, 5)  # a suppressed margin: refused
    parts = memo.export(usage)
    assert len(usage.blocks) == 2 and parts["auditoria"]["seguros"]
    assert {"erro": memo.REFUSED} in parts.values()
    blocks._PROTECTED.clear()
    audit._AUDITED.clear()
    assert memo.load(parts) == len(parts) - 1 + len(parts["auditoria"]["seguros"])

    def solve(*args):
        raise AssertionError("solved again")

    monkeypatch.setattr(blocks, "_protect_block", solve)
    with memo.recording() as again:
        assert blocks.protect_against([table], {}, 5)[0].values == protected.values
        assert_safe(protected)
        with pytest.raises(DisclosureError):
            blocks.protect_block(structure, {total: None}, 5)
    assert not again.blocks_computed and not again.components_computed

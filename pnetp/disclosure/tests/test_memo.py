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

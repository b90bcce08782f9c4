"""Every gov.br DS table keeps its ``.responsive`` wrapper in the template.

The DS table script (core-init.js, BRTable._makeResponsiveTable) moves a bare table into a new
wrapper placed after the table header; with no header it throws and the table vanishes from the
page. Scanning the templates catches it for every page, including those no browser test opens.
"""

import re
from pathlib import Path

import pnetp

TEMPLATES = sorted(Path(pnetp.__file__).parent.rglob("templates/**/*.html"))
# The element that opens a br-table component and the tag right after it.
BR_TABLE = re.compile(r'<div class="br-table[^"]*"[^>]*>\s*(?:\{%[^%]*%\}\s*)*(<[^>]+>)')


def test_templates_were_found():
    assert len(TEMPLATES) > 50


def test_every_br_table_wraps_its_table_in_responsive():
    bare = []
    for path in TEMPLATES:
        for match in BR_TABLE.finditer(path.read_text(encoding="utf-8")):
            if 'class="responsive"' not in match.group(1) and "header" not in match.group(1):
                line = match.string.count("\n", 0, match.start()) + 1
                bare.append(f"{path.relative_to(Path(pnetp.__file__).parent)}:{line}")
    assert not bare, 'br-table sem <div class="responsive">: ' + ", ".join(bare)

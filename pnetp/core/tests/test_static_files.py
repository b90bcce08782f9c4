"""Every static file a template names is found and collected: with hashed names (production), a page naming
a file that collectstatic skipped would fail with "Missing staticfiles manifest entry"."""

import fnmatch
import re
from pathlib import Path

from django.apps import apps
from django.contrib.staticfiles import finders

STATIC_TAG = re.compile(r"""\{%\s*static\s+['"]([^'"]+)['"]""")


def test_every_static_file_named_by_a_template_exists_and_is_collected():
    ignore = apps.get_app_config("staticfiles").ignore_patterns
    named = set()
    for template in Path(__file__).resolve().parents[2].rglob("templates/**/*.html"):
        named.update(STATIC_TAG.findall(template.read_text(encoding="utf-8")))
    assert "govbr-ds/core.min.css" in named
    for path in sorted(named):
        assert finders.find(path), path
        parts = Path(path).parts
        assert not any(fnmatch.fnmatch(part, pattern) for part in parts for pattern in ignore), path

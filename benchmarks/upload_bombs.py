#!/usr/bin/env python
"""XLSX decompression bombs: time and memory each importer takes to refuse one.

Not a test: prints a table. Builds a 0.5 MB and a 2 MB XLSX whose sheet inflates to about 0.5 and
1.9 GB (``pnetp.core.testing.bombs``), then has each reader refuse it, the way the importers call
them (no database needed):

- ``core.limits.check_xlsx``: the check itself (office caps);
- SISETP: ``ingestion.reading.open_table`` on the file (what the web job and ``pnetp sisetp import`` call);
- plans: ``plans.importing.reading.read_source`` + ``parse_document`` (``pnetp import-plan``);
- monitoring: ``monitoring.spreadsheets.reading.read_tables`` (``pnetp import_monitoring``).

Per case: wall time, peak Python allocation (tracemalloc) and the growth of the process's peak
resident size (``resource.getrusage``; it only grows, so a case that inflated the file shows here).
Target (issue 12): the 2 MB bomb refused in < 2 s with < 300 MB.

    .venv/bin/python benchmarks/upload_bombs.py

See benchmarks/README.md.
"""

import os
import platform
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pnetp.settings")

import django  # noqa: E402

django.setup()

from pnetp.core.limits import InputLimits, InputTooLarge, check_xlsx  # noqa: E402
from pnetp.core.testing.bombs import xlsx_bomb  # noqa: E402
from pnetp.monitoring.spreadsheets.errors import Issues  # noqa: E402
from pnetp.monitoring.spreadsheets.reading import read_tables  # noqa: E402
from pnetp.plans.importing import PlanImportError  # noqa: E402
from pnetp.plans.importing.reading import Source, read_source  # noqa: E402
from pnetp.plans.importing.service import parse_document  # noqa: E402
from pnetp.sisetp.ingestion.reading import FileProblem, open_table  # noqa: E402


def refuse_core(path: Path) -> str:
    try:
        check_xlsx(path, InputLimits.for_kind("office"), path.name)
    except InputTooLarge as refusal:
        return str(refusal)
    return "ACEITO"


def refuse_sisetp(path: Path) -> str:
    try:
        open_table(path, path.name)
    except FileProblem as problem:
        return problem.message
    return "ACEITO"


def refuse_plans(path: Path) -> str:
    try:
        parse_document(read_source(path))
    except PlanImportError as error:
        return error.messages[0]
    return "ACEITO"


def refuse_monitoring(path: Path) -> str:
    issues = Issues()
    read_tables([Source(path.name, path.read_bytes())], issues)
    return issues.messages[0] if issues.messages else "ACEITO"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    print(f"# {platform.node()} · {platform.processor() or platform.machine()} · Python {platform.python_version()}")
    print(f"{'bomba':>8} {'leitor':<11} {'tempo (s)':>9} {'pico py (MB)':>12} {'Δ pico RSS (MB)':>15}  mensagem")
    readers = (("core", refuse_core), ("sisetp", refuse_sisetp), ("planos", refuse_plans),
               ("monitoram.", refuse_monitoring))  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        warm = Path(folder) / "aquecimento.xlsx"
        warm.write_bytes(xlsx_bomb(100_000))
        for _label, refuse in readers:  # imports (openpyxl, the parsers) are not part of a refusal
            refuse(warm)
        for size in (500_000, 2_000_000):
            path = Path(folder) / "bomba.xlsx"
            path.write_bytes(xlsx_bomb(size))
            for label, refuse in readers:
                rss_before = peak_rss_mb()
                tracemalloc.start()
                start = time.perf_counter()
                message = refuse(path)
                elapsed = time.perf_counter() - start
                _current, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                print(f"{size / 1e6:>6.1f}MB {label:<11} {elapsed:>9.3f} {peak / 2**20:>12.1f} "
                      f"{peak_rss_mb() - rss_before:>15.1f}  {message[:90]}")  # fmt: skip
    print(f"pico de memória residente do processo inteiro (Django incluído): {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()

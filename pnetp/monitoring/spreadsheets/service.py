"""The one entry point of the import: read, check every row, then write all or nothing.

1. read the files into tables (format, encoding, header);
2. check every row against the plan, the institutions and the status vocabulary;
3. write the rows through the services in one transaction, as the importing user.
Any problem found in steps 1–2 stops the import before step 3; any row refused in step 3 (by
permission or workflow rules) rolls the whole transaction back. Either way every problem is
listed in one MonitoringImportError, and nothing is written. A dry run does step 3 and rolls back.
"""

from collections.abc import Iterable
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from pnetp.plans.importing.reading import Source

from .applying import apply_rows
from .errors import Issues, MonitoringImportError
from .lookups import Lookups
from .reading import expand_paths, read_tables
from .result import ImportResult
from .rows import parse_table


def import_monitoring(
    files: Iterable[str | Path | Source], *, plan, user, cycle=None, dry_run: bool = False
) -> ImportResult:
    """Import an XLSX workbook or CSV files (paths, folders, or ``Source(name, bytes)`` for uploads).

    Raises MonitoringImportError with every problem, in Portuguese, when anything is refused.
    """
    if cycle is not None and cycle.plan_id != plan.pk:
        raise MonitoringImportError(
            _("o ciclo %(cycle)s pertence a outro plano, não a %(plan)s") % {"cycle": cycle.name, "plan": plan.slug}
        )
    issues = Issues()
    files = list(files)
    sources = [f for f in files if isinstance(f, Source)]
    sources += expand_paths([f for f in files if not isinstance(f, Source)], issues)
    tables = read_tables(sources, issues)
    issues.raise_if_any()
    lookups = Lookups.load(plan, cycle)
    parsed = {table.spec.kind: parse_table(table, lookups, issues) for table in tables}
    issues.raise_if_any()
    result = ImportResult(dry_run=dry_run)
    with transaction.atomic():
        apply_rows(parsed, user, lookups, issues, result)
        if issues or dry_run:
            transaction.set_rollback(True)
    issues.raise_if_any()
    return result

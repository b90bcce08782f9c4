"""Demo unique persons: after ``pnetp.sisetp.demo.load`` imported the FICTITIOUS records, link them as operators
do after an import, so the statistics (the next loader) count persons. Idempotent: links only after a new import."""

from pnetp.sisetp.models import ImportBatch

from .models import LinkageRun
from .service import dedupe_database


def _needs_linkage() -> bool:
    last_import = ImportBatch.objects.filter(status=ImportBatch.Status.DONE).order_by("-finished_at").first()
    done = LinkageRun.objects.filter(status=LinkageRun.Status.DONE).order_by("-finished_at").first()
    return last_import is not None and (done is None or done.finished_at < last_import.finished_at)


def load(stdout) -> None:
    if _needs_linkage():
        run = dedupe_database()
        stdout.write(f"SISETP: {run.records} registros → {run.persons} pessoas únicas.")

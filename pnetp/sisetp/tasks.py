"""SISETP's periodic jobs, enqueued by every ``pnetp worker`` (settings ``PNETP_WORKER_PERIODIC``).

The jobs that a page or command starts live beside their code: ``ingestion.jobs.run`` (web imports),
``pnetp.linkage.service.run_queued`` (linkage runs, in the linkage app, with its own sweep ``pnetp.linkage.tasks.sweep``),
``pnetp.statistics.store.recompute`` (the public release, in the statistics app).
"""

import logging

from django_tasks import task

from .ingestion import cleanup
from .ingestion.jobs import interrupt_dead_jobs

logger = logging.getLogger(__name__)


@task()
def sweep() -> dict:
    """Mark interrupted the imports whose worker died (no heartbeat); they can be sent again."""
    found = {"imports": interrupt_dead_jobs()}
    if any(found.values()):
        logger.warning("tarefas interrompidas: %s", found)
    return found


@task()
def cleanup_uploads() -> dict:
    cleaned = cleanup.cleanup_uploads()
    return {"files": cleaned.files, "abandoned": cleaned.abandoned}

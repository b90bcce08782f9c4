"""SISETP's periodic jobs, enqueued by every ``pnetp worker`` (settings ``PNETP_WORKER_PERIODIC``).

The jobs that a page or command starts live beside their code: ``ingestion.jobs.run`` (web imports),
``linkage.service.run_queued`` (linkage runs), ``pnetp.statistics.store.recompute`` (the public release, in the statistics app).
"""

import logging

from django_tasks import task

from .ingestion import cleanup
from .ingestion.jobs import interrupt_dead_jobs
from .linkage.service import interrupt_dead_runs

logger = logging.getLogger(__name__)


@task()
def sweep() -> dict:
    """Mark interrupted the imports and linkage runs whose worker died (no heartbeat); they can be sent again."""
    found = {"imports": interrupt_dead_jobs(), "linkage_runs": interrupt_dead_runs()}
    if any(found.values()):
        logger.warning("tarefas interrompidas: %s", found)
    return found


@task()
def cleanup_uploads() -> dict:
    cleaned = cleanup.cleanup_uploads()
    return {"files": cleaned.files, "abandoned": cleaned.abandoned}

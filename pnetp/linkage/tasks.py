"""The linkage's periodic job, enqueued by every ``pnetp worker`` (settings ``PNETP_WORKER_PERIODIC``).

Runs themselves are ``service.run_queued`` jobs, enqueued by the page or ``pnetp sisetp dedupe``.
"""

import logging

from django_tasks import task

from .service import interrupt_dead_runs

logger = logging.getLogger(__name__)


@task()
def sweep() -> dict:
    """Mark interrupted the linkage runs whose worker died (no heartbeat); they can be started again."""
    found = {"linkage_runs": interrupt_dead_runs()}
    if any(found.values()):
        logger.warning("tarefas interrompidas: %s", found)
    return found

"""``pnetp worker``: run the queued jobs (``pnetp.core.jobs``) until stopped.

Web imports, linkage runs, statistics recomputes and e-mails are rows of the queue in the database; a worker
claims one at a time (several workers, on one machine or many, never take the same job) and runs it. Between
jobs it enqueues the periodic ones (``PNETP_WORKER_PERIODIC``: the sweep that marks interrupted the jobs of
a dead worker, the uploads clean-up). SIGTERM or Ctrl+C stops it after the job in progress; a second one stops
it at once (the job's transaction is rolled back; the sweep marks the job interrupted).

A worker runs at a lower CPU priority than the web server (``--nice``, default ``PNETP_WORKER_NICE``, 19):
an import or a linkage run takes whatever CPU the pages leave, and never slows the pages down. The value is
a floor: a worker started already nicer (systemd's ``Nice=``) is left as it is. The threads and processes a
job starts (heartbeats, DuckDB, the import's sealing process) inherit it. The database server's own work
for a job (an import's writes, a linkage run's reads) runs in the worker's PostgreSQL backend process: when the
database is on this machine, each connection the worker opens gets its backend reniced to the worker's niceness
(``lower_backend_priority``; allowed when the worker runs as the database's user or as root, or holds
CAP_SYS_NICE, docs/deploy.md), otherwise it says so once and the backends keep PostgreSQL's priority.
"""

import logging
import os
import time
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.backends.signals import connection_created
from django.core.management.base import BaseCommand, CommandError
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker


MAX_NICE = 19
LOCAL_HOSTS = {"", "localhost", "127.0.0.1", "::1"}
logger = logging.getLogger(__name__)


def lower_priority(at_least: int) -> int:
    """Make this process at least ``at_least`` nice (0..19; never less nice than it is); returns its niceness."""
    if not 0 <= at_least <= MAX_NICE:
        raise CommandError(f"--nice deve estar entre 0 e {MAX_NICE}.")
    current = os.nice(0)
    if current < at_least:
        current = os.nice(at_least - current)
    return current


def renice_backend(connection, niceness: int) -> bool:
    """Make this connection's PostgreSQL backend process at least ``niceness`` nice, when it runs on this machine
    and the system allows it; True when done."""
    host = connection.settings_dict.get("HOST") or ""
    if connection.vendor != "postgresql" or not (host in LOCAL_HOSTS or host.startswith("/")):
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:  # a pid of this machine's PostgreSQL (not a container's or another server's that happens to exist here)
        if not Path(f"/proc/{pid}/cmdline").read_bytes().startswith(b"postgres"):
            return False
        if os.getpriority(os.PRIO_PROCESS, pid) < niceness:
            os.setpriority(os.PRIO_PROCESS, pid, niceness)
    except OSError as error:  # not permitted (another user, no CAP_SYS_NICE), or gone
        if not getattr(renice_backend, "warned", False):
            renice_backend.warned = True
            logger.warning(
                "worker: o processo do PostgreSQL desta conexão mantém a prioridade normal (%s)",
                error.strerror or error,
            )
        return False
    return True


def lower_backend_priority(niceness: int) -> None:
    """From now on, every database connection this process opens gets its backend reniced (``renice_backend``)."""
    if niceness <= 0:
        return

    def renice(sender, connection, **kwargs):
        renice_backend(connection, niceness)

    connection_created.connect(renice, weak=False, dispatch_uid="pnetp.worker.renice_backend")
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None:  # opened before (the checks): reniced now
            renice_backend(connection, niceness)


class Command(BaseCommand):
    help = "Executa as tarefas da fila (importações, ligação de registros, estatísticas, e-mails) até ser parado."

    def add_arguments(self, parser):
        parser.add_argument(
            "--uma-vez", action="store_true", dest="once", help="Executa as tarefas que estão na fila e sai."
        )
        parser.add_argument(
            "--intervalo",
            type=float,
            default=1.0,
            dest="interval",
            help="Segundos entre consultas à fila quando ela está vazia (padrão: 1).",
        )
        parser.add_argument(
            "--id", default="", dest="worker_id", help="Identificador deste processo na fila (padrão: aleatório)."
        )
        parser.add_argument(
            "--nice",
            type=int,
            default=None,
            help="Prioridade de CPU mínima (nice, 0 a 19) abaixo do servidor web (padrão: PNETP_WORKER_NICE, 19).",
        )

    def handle(self, *args, once=False, interval=1.0, worker_id="", nice=None, **options):
        if interval < 0:
            raise CommandError("--intervalo não pode ser negativo.")
        niceness = lower_priority(settings.PNETP_WORKER_NICE if nice is None else nice)
        if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
            raise CommandError("A fila configurada (TASKS) não é a do banco de dados: não há o que executar aqui.")
        lower_backend_priority(niceness)
        worker = Worker(
            queue_names=["*"],
            interval=interval,
            batch=True,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=False,
            max_tasks=None,
            worker_id=(worker_id or get_random_string(32))[:64],
            excluded_queue_names=[],
        )
        periodic = [(import_string(path), every) for path, every in settings.PNETP_WORKER_PERIODIC]
        due = [0.0] * len(periodic)
        worker.configure_signals()
        self.stdout.write(f"pnetp worker {worker.worker_id}: executando as tarefas da fila (nice {niceness}).")
        while worker.running:
            now = time.monotonic()
            for i, (job, every) in enumerate(periodic):
                if now >= due[i]:
                    job.enqueue()
                    due[i] = now + every
            worker.run()  # every job ready now, then back here
            if once:
                break
            time.sleep(interval)

"""Work that outlives the request: jobs on a durable queue, run by worker processes (``pnetp worker``).

The queue is Django's Tasks API (``django.tasks`` from Django 6, the ``django-tasks`` backport here) with
its database backend (``django-tasks-db``): a job is a row in the platform's own database, so the embedded
SQLite default needs no extra server, a web restart or deploy loses nothing, and any number of workers on
any number of machines share the queue (rows claimed with ``SELECT … FOR UPDATE SKIP LOCKED``). Tests use
the immediate backend (the job runs where it is enqueued).

``enqueue`` sends a job when the current transaction commits: the worker must see the rows the job reads
(an ``ImportJob``, a ``LinkageRun``), and a request that rolls back enqueues nothing. Each job keeps its
progress in its own row, as before, and beats a ``Heartbeat`` while it runs; a row whose beats stopped
(its worker was killed) is marked interrupted by the worker's sweep and can be run again.
"""

import logging
import threading
from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.db import OperationalError, close_old_connections, connection, transaction

logger = logging.getLogger(__name__)
# Tests run inside a transaction that never commits: there, jobs are enqueued (on the immediate backend: run) at once.
ENQUEUE_AT_ONCE = False
HEARTBEAT_THREAD: bool | None = None  # None: except under tests (threads there share an in-memory SQLite)


def enqueue(task, *args, **kwargs) -> None:
    """Enqueue ``task(*args, **kwargs)`` once the current transaction commits (at once outside one)."""
    send = partial(task.enqueue, *args, **kwargs)
    if ENQUEUE_AT_ONCE:
        send()
    else:
        transaction.on_commit(send, robust=False)


class Heartbeat:
    """Calls ``beat`` every ``every`` seconds from a thread of the worker process until ``stop``.

    A job's long silent steps (a write in one transaction, Splink's prediction) give no progress callback;
    the beats say its process is alive, and die with it, as they must. The thread has its own connection.
    """

    def __init__(self, beat: Callable[[], None], every: float, name: str):
        self.beat, self.every = beat, every
        self.stopped = threading.Event()
        self.thread = None
        enabled = (not settings.TESTING) if HEARTBEAT_THREAD is None else HEARTBEAT_THREAD
        if enabled:
            self.thread = threading.Thread(target=self._loop, daemon=True, name=name)
            self.thread.start()

    def _loop(self) -> None:
        close_old_connections()
        try:
            while not self.stopped.wait(self.every):
                try:
                    self.beat()
                except OperationalError as error:
                    # SQLite has one writer: while the job's own write transaction runs, the beat waits its turn.
                    # The next beat comes well before the deadline; no traceback for an expected wait.
                    logger.info("sinal de vida de %s adiado: %s", self.thread.name, error)
                except Exception:
                    logger.warning("sinal de vida de %s não gravado", self.thread.name, exc_info=True)
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

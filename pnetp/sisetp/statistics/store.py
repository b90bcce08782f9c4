"""The stored SISETP release: computed once per change of the data, read by every public page.

``current`` serves the latest stored release. When the data changed since (``fingerprint``), it still serves
the stored one — marked ``stale`` so the page says the numbers are being updated — and queues a recompute
job for a worker (``pnetp.core.jobs``; a ``ReleaseLock`` row, taken when the job is queued and released when it
ends, keeps it to one queued or running recompute at a time, across processes). No page computes on
request: during a request (``IN_REQUEST``, set by ``middleware.StatisticsPendingMiddleware``) with no usable
stored release yet, it queues the recompute and raises ``StatisticsPending``, which the middleware turns into
a 503 page saying the statistics are being prepared. Commands and jobs compute now, and so does everything
inside a transaction (``pnetp demo``, tests), where a worker would not see the data.
``pnetp sisetp publish-statistics`` recomputes on demand.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from contextvars import ContextVar

from django.conf import settings
from django.db import connection
from django.db.models import Count, Max, Min
from django.utils import translation
from django_tasks import task

from pnetp.core import jobs
from pnetp.disclosure import store
from pnetp.disclosure.primary import check_k

from ..models import Case, CasePerson, Event, ImportBatch
from .release import PublicRelease, public_release

NAME = "sisetp"
# Part of the fingerprint: bump it when the tables or their protection change, so stored releases are redone.
FORMAT_VERSION = 4  # 4: citizenship and recruitment tables, protected with the flows (linked)
BACKGROUND: bool | None = None  # None: by a worker except under tests
logger = logging.getLogger(__name__)
IN_REQUEST: ContextVar[bool] = ContextVar("pnetp_statistics_in_request", default=False)  # set by the middleware
_loaded: dict[tuple, PublicRelease] = {}  # the latest stored release, deserialised: a page view skips the JSON


class StatisticsPending(Exception):
    """No stored release to serve yet; its computation is queued for a worker."""


def fingerprint(k: int) -> str:
    """A digest of what the numbers depend on, from a few aggregate queries (cheap on every page view).

    Imports add rows (counts, max ids), rollbacks delete them and change batch states, edits touch
    ``Case.updated_at``, and linkage (``dedupe --aplicar``, ``dedupe_database``) writes ``person_key`` — seen
    through how many records have one, how many distinct keys there are and their range. An edit made outside
    the ORM that changes none of these needs ``pnetp sisetp publish-statistics``.
    """
    through = CasePerson.citizenships.through
    parts = [
        FORMAT_VERSION, k,
        Case.objects.aggregate(n=Count("pk"), last=Max("pk"), edited=Max("updated_at")),
        CasePerson.objects.aggregate(n=Count("pk"), last=Max("pk"), keyed=Count("person_key"),
                                     persons=Count("person_key", distinct=True), low=Min("person_key"),
                                     high=Max("person_key")),
        Event.objects.aggregate(n=Count("pk"), last=Max("pk")),
        through.objects.aggregate(n=Count("pk"), last=Max("pk")),
        ImportBatch.objects.aggregate(n=Count("pk"), last=Max("pk"), finished=Max("finished_at"),
                                      undone=Max("rolled_back_at")),
    ]
    return hashlib.sha256(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()


def publish(k: int | None = None, timings: dict[str, float] | None = None) -> tuple[PublicRelease, float]:
    """Count, protect and store the release now; returns it and the seconds it took."""
    k = check_k(k)
    started = time.perf_counter()
    mark = fingerprint(k)  # before counting: a change while computing makes the stored release stale
    with translation.override(settings.LANGUAGE_CODE):  # labels are stored in the site language
        release = public_release(k, timings=timings)
    seconds = time.perf_counter() - started
    stored = store.save(NAME, mark, k, release.to_json(), seconds)
    return release.with_status(stored.created_at, False), seconds


def _load(stored, stale: bool) -> PublicRelease | None:
    identity = (stored.pk, stored.created_at, stored.fingerprint)  # ids alone may be reused after a rollback
    if identity not in _loaded:
        try:
            release = PublicRelease.from_json(stored.tables)  # the deferred JSON is read only here
        except (KeyError, TypeError, ValueError):  # stored by an older version: recompute
            logger.warning("divulgação armazenada %s ilegível; recalculando", stored.pk)
            return None
        _loaded.clear()  # only the latest is served
        _loaded[identity] = release
    return _loaded[identity].with_status(stored.created_at, stale)


def current(k: int | None = None) -> PublicRelease:
    k = check_k(k)
    stored = store.latest(NAME)
    if (stored is None or stored.k != k) and k != check_k(None):
        return public_release(k)  # a different threshold asked for (tests, comparisons): never stored
    background = can_run_in_background()
    release = None
    if stored is not None and stored.k == k:
        fresh = stored.fingerprint == fingerprint(k)
        if fresh or background:  # stale: served while a worker recomputes
            release = _load(stored, stale=not fresh)
            if release is not None and not fresh:
                schedule()
    if release is None:  # nothing (usable) stored
        if background and IN_REQUEST.get():  # a page request never computes: a worker will
            schedule()
            raise StatisticsPending
        return publish(k)[0]  # a command, a job, or inside a transaction (demo, tests)
    return release


def can_run_in_background() -> bool:
    """A worker sees only committed data: inside a transaction (demo, tests) the recompute runs now."""
    background = not settings.TESTING if BACKGROUND is None else BACKGROUND
    return background and not connection.in_atomic_block


def schedule() -> None:
    """Queue one recompute unless one is queued or running (here or in another process)."""
    if not store.is_locked(NAME) and store.acquire(NAME):  # a read first: page views while stale write nothing
        start_job()


def start_job() -> None:
    jobs.enqueue(recompute)


@task()
def recompute() -> None:
    """The queued recompute; the lock taken by ``schedule`` is released whatever happens."""
    try:
        stored = store.latest(NAME)
        if stored is None or stored.fingerprint != fingerprint(check_k(None)):  # not done by another meanwhile
            publish()
    except Exception:  # the stored release keeps being served; the next page view queues another
        logger.exception("falha ao recalcular as estatísticas do SISETP")
    finally:
        store.release_lock(NAME)

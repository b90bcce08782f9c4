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

The release is stored table by table (``pnetp.disclosure.store``: one consistent version, parts shared with the
previous version when unchanged) and served as a ``StoredPublicRelease``, which reads each table the first time
a page asks for it: the statistics page reads its own tables, the flows page one year's, the map its own part
of the municipality table, a UF's municipality map that UF's (``place_parts``, ``places()``) — not the whole
release.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.db import connection
from django.db.models import Count, Max, Min
from django.utils import translation
from django_tasks import task

from pnetp.core import jobs
from pnetp.disclosure import ProtectedTable, memo, store
from pnetp.disclosure.primary import check_k
from pnetp.disclosure.serialise import table_from_json

from pnetp.sisetp.models import Case, CasePerson, Event, ImportBatch
from . import frame, place_parts
from .domain import PlaceRelease
from .release import PublicRelease, public_release

NAME = "sisetp"
# Part of the fingerprint: bump it when the tables or their protection change, so stored releases are redone.
FORMAT_VERSION = 6  # 6: the place table stored in parts (place_parts); 5: the flows system protected year by year (linked); 4: citizenship and recruitment tables
BACKGROUND: bool | None = None  # None: by a worker except under tests
logger = logging.getLogger(__name__)
FRAME = "quadro"  # the memo part naming the records counted (``frame``), kept for the next release
MEMO = "memo/"  # parts of a version that are not published: what the next computation reuses (disclosure.memo)
last_usage: memo.Usage | None = None  # what the latest publish in this process reused and computed
IN_REQUEST: ContextVar[bool] = ContextVar("pnetp_statistics_in_request", default=False)  # set by the middleware


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
        FORMAT_VERSION,
        k,
        Case.objects.aggregate(n=Count("pk"), last=Max("pk"), edited=Max("updated_at")),
        CasePerson.objects.aggregate(
            n=Count("pk"),
            last=Max("pk"),
            keyed=Count("person_key"),
            persons=Count("person_key", distinct=True),
            low=Min("person_key"),
            high=Max("person_key"),
        ),
        Event.objects.aggregate(n=Count("pk"), last=Max("pk")),
        through.objects.aggregate(n=Count("pk"), last=Max("pk")),
        ImportBatch.objects.aggregate(
            n=Count("pk"), last=Max("pk"), finished=Max("finished_at"), undone=Max("rolled_back_at")
        ),
    ]
    return hashlib.sha256(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()


def publish(
    k: int | None = None, timings: dict[str, float] | None = None, cpu: dict[str, float] | None = None
) -> tuple[PublicRelease, float]:
    """Count, protect and store the release now; returns it and the seconds it took.

    What the previous version stored for reuse (``disclosure.memo``) is loaded first, so blocks and audit
    components whose inputs did not change are not solved again, even when another process stored it.
    ``timings``/``cpu``: wall and CPU seconds per stage (see ``release.public_release``).
    """
    global last_usage
    k = check_k(k)
    started = time.perf_counter()
    mark = fingerprint(k)  # before counting: a change while computing makes the stored release stale
    previous = store.latest(NAME)
    if previous is not None:  # another process may have computed it: reuse what it stored
        reused = {name.removeprefix(MEMO): data for name, data in store.payloads(previous, MEMO).items()}
        frame.load(reused.pop(FRAME, None))  # the records it counted: only what changed since is read
        memo.load(reused)
    if timings is not None:
        timings["ler o que a versão anterior deixa reusar"] = time.perf_counter() - started
    with translation.override(settings.LANGUAGE_CODE), memo.recording() as usage:  # labels in the site language
        release = public_release(k, timings=timings, cpu=cpu)
    last_usage = usage
    seconds = time.perf_counter() - started
    extra = {MEMO + name: data for name, data in memo.export(usage).items()}
    if (state := frame.export()) is not None:
        extra[MEMO + FRAME] = state
    data, places = place_parts.storage(release)
    stored = store.save(NAME, mark, k, data, seconds, extra={**places, **extra})
    return release.with_status(stored.created_at, False), seconds


class StoredPublicRelease:
    """The stored release as a ``PublicRelease`` whose tables are read from storage when first asked for.

    ``stats``, ``forms``, ``citizenship``, ``recruitment_ufs`` and ``recruitment`` read their parts, ``place``
    joins every part of the municipality table (pages read ``places()``: only the parts they show);
    ``flows`` reads every year's, ``flows_of(year)`` one year's; ``years``, ``k`` and the levels come with the
    version row. ``whole()`` reads everything into a ``PublicRelease``.
    """

    def __init__(self, version, stale: bool):
        self.version = version
        self.skeleton = version.skeleton
        self.k = self.skeleton["k"]
        self.years = list(self.skeleton["anos"])
        self.municipal_detail = dict(self.skeleton["detalhe_municipal"])
        self.recruitment_detail = dict(self.skeleton["detalhe_aliciamento"])
        parts = ("estatisticas", "municipios", "municipios_uf", "municipios_brasil", "fluxos", "formas")
        parts += ("nacionalidades", "aliciamento_ufs", "aliciamento")
        if missing := [key for key in parts if key not in self.skeleton]:
            raise KeyError(missing)  # stored by an older version
        self.computed_at = version.created_at
        self.stale = stale
        self._tables: dict[str | tuple[str, str], object] = {}

    def _read(self, key: str):
        """The part(s) under the skeleton's ``key``: a table, a dict of tables, or None."""
        if key not in self._tables:
            piece = self.skeleton[key]
            parts = store.read(self.version, store.references(piece), table_from_json)
            self._tables[key] = store.assemble(piece, parts)
        return self._tables[key]

    @property
    def stats(self) -> dict[str, ProtectedTable]:
        return self._read("estatisticas")

    @property
    def place(self) -> ProtectedTable:
        """The whole UF → municipality × year table, joined from its parts (pages read ``places()``)."""
        if "place" not in self._tables:
            pieces = self.skeleton["municipios_uf"]
            tables = store.read(self.version, store.references(pieces), table_from_json)
            parts = {
                f"{uf}/{period}": tables[ref[store.REF]] for uf, by in pieces.items() for period, ref in by.items()
            }
            parts[place_parts.MARGIN] = self._map()["margin"]
            order = store.read(self.version, ["municipios_ordem"])["municipios_ordem"]
            self._tables["place"] = place_parts.join(parts, order)
        return self._tables["place"]

    def _part(self, name: str, parse: Callable):
        """One part by name, read once per this object (parsed parts are kept in the process too)."""
        if ("part", name) not in self._tables:
            self._tables[("part", name)] = store.read(self.version, [name], parse)[name]
        return self._tables[("part", name)]

    def _map(self) -> dict:
        """The map page's part: the UF and total rows, published numbers and rankings per period."""
        return self._part("municipios", place_parts.parse_map)

    def _national(self) -> dict:
        """Every published all-years municipality count of Brazil (exploitation, recruitment)."""
        return self._part("municipios_brasil", place_parts.parse_national)

    def uf_part(self, uf: str, period: str) -> ProtectedTable | None:
        """One UF's municipality values of one period (``place_parts.ALL_YEARS``: all years); None: none."""
        ref = self.skeleton["municipios_uf"].get(uf, {}).get(period)
        return None if ref is None else self._part(ref[store.REF], table_from_json)

    def places(self) -> StoredPlaces:
        return StoredPlaces(self)

    def recruitment_counts(self) -> dict[int, int | None] | None:
        """{IBGE code: published all-years count} of the recruitment table's municipalities; None: no table."""
        return self._national()["recruitment"]

    @property
    def flows(self) -> dict[int, dict[str, ProtectedTable]]:
        return {int(year): tables for year, tables in self._read("fluxos").items() if tables}

    def flows_of(self, year: int) -> dict[str, ProtectedTable]:
        """One year's flow tables (empty: none published that year), reading only that year's parts."""
        piece = self.skeleton["fluxos"].get(str(year))
        if not piece:
            return {}
        return store.assemble(piece, store.read(self.version, store.references(piece), table_from_json))

    @property
    def forms(self) -> ProtectedTable | None:
        return self._read("formas")

    @property
    def citizenship(self) -> ProtectedTable | None:
        return self._read("nacionalidades")

    @property
    def recruitment_ufs(self) -> ProtectedTable | None:
        return self._read("aliciamento_ufs")

    @property
    def recruitment(self) -> ProtectedTable | None:
        return self._read("aliciamento")

    def whole(self) -> PublicRelease:
        return PublicRelease(
            self.stats,
            self.place,
            self.years,
            self.flows,
            self.k,
            self.municipal_detail,
            self.forms,
            self.citizenship,
            self.recruitment_ufs,
            self.recruitment,
            self.recruitment_detail,
            self.computed_at,
            self.stale,
        )

    def tables(self) -> list[ProtectedTable]:
        return self.whole().tables()

    def to_json(self) -> dict:
        return self.whole().to_json()

    def with_status(self, computed_at, stale: bool) -> PublicRelease:
        return self.whole().with_status(computed_at, stale)


class StoredPlaces:
    """The place table as published (``domain.PlaceRelease``'s readers), reading only the parts asked for:
    UF rows, periods and rankings for the map page, one UF's part for its municipality map, the all-years
    column of Brazil for the municipality pages and the vulnerability index. ``table`` joins every part."""

    def __init__(self, release: StoredPublicRelease):
        self.release = release
        self.years = release.years
        self.k = release.k
        self.levels = release.municipal_detail
        self.computed_at = release.computed_at
        self.stale = release.stale
        self._margin_release: PlaceRelease | None = None

    def _margin(self) -> PlaceRelease:
        if self._margin_release is None:
            self._margin_release = self._as_release(self.release._map()["margin"])
        return self._margin_release

    def _as_release(self, table: ProtectedTable) -> PlaceRelease:
        return PlaceRelease(table, self.years, self.k, self.levels, self.computed_at, self.stale)

    @property
    def table(self) -> ProtectedTable:
        return self.release.place

    def uf_count(self, uf: str, year: str | None = None) -> int | None:
        return self._margin().uf_count(uf, year)

    def uf_shown(self, uf: str, year: str | None = None) -> str:
        return self._margin().uf_shown(uf, year)

    def municipality_shown(self, code: int, year: str | None = None) -> str:
        return self._as_release(self.table).municipality_shown(code, year)

    def municipality_counts(self, year: str | None = None) -> dict[int, int | None]:
        if year is None:
            return dict(self.release._national()["exploitation"])
        return self._as_release(self.table).municipality_counts(year)

    def published_by_period(self) -> dict[str | None, int]:
        return dict(self.release._map()["periods"])

    def ranking(self, year: str | None, limit: int) -> list[tuple[int, int, int | None]]:
        if limit > place_parts.RANKED:  # longer than stored: from the whole table
            return self._as_release(self.table).ranking(year, limit)
        return self.release._map()["ranking"].get(year, [])[:limit]

    def of_uf(self, uf: str, year: str | None) -> PlaceRelease:
        part = self.release.uf_part(uf, year or place_parts.ALL_YEARS)
        return self._as_release(place_parts.restricted(self.release._map()["margin"], part))


def _load(stored, stale: bool) -> StoredPublicRelease | None:
    try:
        return StoredPublicRelease(stored, stale)
    except (KeyError, TypeError, ValueError):  # stored by an older version: recompute
        logger.warning("divulgação armazenada %s ilegível; recalculando", stored.pk)
        return None


def current(k: int | None = None) -> PublicRelease | StoredPublicRelease:
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
        fresh = stored is not None and stored.fingerprint == fingerprint(check_k(None))
        if not fresh or _load(stored, stale=False) is None:  # not done by another meanwhile (and readable)
            publish()
    except Exception:  # the stored release keeps being served; the next page view queues another
        logger.exception("falha ao recalcular as estatísticas do SISETP")
    finally:
        store.release_lock(NAME)

"""Unique persons over the imported records, with the state in the database.

``dedupe_database`` loads every CasePerson (``database.load_columns``), links them with the analysts'
decisions as hard constraints and the stored ``person_key`` values as the previous ids (so ids survive
re-runs and new imports), writes the new ids back in bulk, refreshes the review queue and records the
run. ``decide`` records an analyst's decision; it binds every later run.
"""

import logging
from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from pnetp.core import jobs as queue
from pnetp.core import page_cache
from pnetp.core.spreadsheet_safety import csv_writer

from pnetp.sisetp.models import CasePerson

from .models import LinkageRun, ReviewPair
from . import model, notifications
from .access import require_review_linkage, require_run_linkage
from .compare import compare
from .database import load_columns
from .review import REVIEW_BAND, Decision
from .run import link_columns

MODEL_NAME = "splink-fellegi-sunter"
# Liveness: a running run beats every HEARTBEAT_EVERY (a thread of its process, and each progress step);
# DEAD_AFTER without a beat means its process died, and the run no longer blocks a new one.
# One run at a time: the database refuses a second running run (constraint sisetp_one_running_linkage_run).
HEARTBEAT_EVERY = timedelta(seconds=30)
DEAD_AFTER = timedelta(minutes=5)
logger = logging.getLogger(__name__)
EXPORT_HEADER = ["registro", "id_pessoa_unica", "fonte", "id_registro", "id_pessoa"]


class RunRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def stored_decisions() -> list[Decision]:
    return [
        Decision(left, right, status == ReviewPair.Status.SAME)
        for left, right, status in ReviewPair.objects.exclude(status=ReviewPair.Status.PENDING).values_list(
            "left_record", "right_record", "status"
        )
    ]


def beat(run_pk: int) -> None:
    LinkageRun.objects.filter(pk=run_pk, status=LinkageRun.Status.RUNNING).update(heartbeat_at=timezone.now())


def interrupt_dead_runs() -> int:
    """Mark "interrompida" every running run without a heartbeat for DEAD_AFTER; returns how many."""
    now = timezone.now()
    silent = Q(heartbeat_at__lt=now - DEAD_AFTER) | Q(heartbeat_at__isnull=True, started_at__lt=now - DEAD_AFTER)
    dead = LinkageRun.objects.filter(silent, status=LinkageRun.Status.RUNNING)
    return dead.update(
        status=LinkageRun.Status.INTERRUPTED,
        finished_at=now,
        stage="",
        error=_(
            "O processo que executava a ligação parou sem terminar (reinício do servidor ou falta de memória). "
            "As pessoas únicas só mudam quando a gravação termina; uma nova execução pode ser iniciada."
        ),
    )


def running_run() -> LinkageRun | None:
    """The run in progress, if its process is alive (dead ones are marked interrupted first)."""
    interrupt_dead_runs()
    return LinkageRun.objects.filter(status=LinkageRun.Status.RUNNING).first()


def create_run(user=None) -> LinkageRun:
    """A new running run, or ``RunRefused`` while another one runs (web, CLI or worker alike)."""
    interrupt_dead_runs()
    try:
        with transaction.atomic():
            return LinkageRun.objects.create(user=user if getattr(user, "is_authenticated", False) else None)
    except IntegrityError:
        raise RunRefused(_("Já há uma ligação de registros em andamento; aguarde o fim dela.")) from None


def dedupe_database(user=None, progress=None, run: LinkageRun | None = None, engine=None) -> LinkageRun:
    """Link every imported record; returns the finished run (status "falhou" with the error if it failed).
    ``engine`` (``engines.Engine``) scores the pairs: DuckDB by default."""
    threshold, band = model.MATCH_THRESHOLD, REVIEW_BAND
    if run is None:
        run = create_run(user)
    LinkageRun.objects.filter(pk=run.pk).update(
        status=LinkageRun.Status.RUNNING,
        model_name=MODEL_NAME,
        threshold=threshold,
        review_low=band[0],
        heartbeat_at=timezone.now(),
    )
    last_beat = [timezone.now()]
    alive = queue.Heartbeat(lambda: beat(run.pk), HEARTBEAT_EVERY.total_seconds(), f"sisetp-dedupe-{run.pk}")

    def step(stage: str, count: int = 0) -> None:
        if stage != run.stage:
            run.stage = stage
            LinkageRun.objects.filter(pk=run.pk).update(stage=stage, heartbeat_at=timezone.now())
            last_beat[0] = timezone.now()
        elif timezone.now() - last_beat[0] >= HEARTBEAT_EVERY:  # throttled: progress comes every chunk
            beat(run.pk)
            last_beat[0] = timezone.now()
        if progress:
            progress(stage, count)

    try:
        records = load_columns(run=run, user=user, progress=step)
        decisions = stored_decisions()
        step("ligando")
        result = link_columns(records.columns, False, records.person_key, decisions, threshold, band, engine)
        step("gravando")
        with transaction.atomic():
            changed = _write_person_keys(records, result.person_id)
            pending = _store_pairs(run, records, result.review_pairs)
            if changed:  # unique persons changed: the public pages notice it and a worker recomputes the release
                transaction.on_commit(page_cache.bump_data_version)
        step("gravando", len(records))
    except Exception as error:  # the page and the command must say it failed, not spin forever
        alive.stop()
        LinkageRun.objects.filter(pk=run.pk).update(
            status=LinkageRun.Status.FAILED, finished_at=timezone.now(), error=str(error)[:2000]
        )
        run.refresh_from_db()
        raise
    alive.stop()
    previous = records.person_key
    LinkageRun.objects.filter(pk=run.pk).update(
        status=LinkageRun.Status.DONE,
        finished_at=timezone.now(),
        stage="",
        records=len(records),
        persons=result.persons,
        keys_changed=changed,
        ids_kept=sum(1 for r, p in previous.items() if result.person_id.get(r) == p),
        pairs_to_review=pending,
        decisions_applied=len(decisions),
        notes="\n".join(result.notes),
    )
    run.refresh_from_db()
    notifications.linkage_review_pending(pending)
    return run


def _write_person_keys(records, person_id: dict[str, str]) -> int:
    """A derived key: no history row per person (as ``--aplicar`` did). One prepared UPDATE run for
    every changed row: bulk_update's CASE expressions cost 0.45 ms a row on SQLite, this a few µs."""
    changed = [(pid, records.pk[key]) for key, pid in person_id.items() if records.person_key.get(key) != pid]
    if changed:
        table = CasePerson._meta.db_table
        with connection.cursor() as cursor:
            cursor.executemany(f'UPDATE "{table}" SET "person_key" = %s WHERE "id" = %s', changed)  # noqa: S608
    return len(changed)


def _store_pairs(run, records, review_pairs) -> int:
    """Add the run's uncertain pairs to the queue; decided pairs are left as they are, undecided ones
    the model no longer finds uncertain leave the queue. Returns the pairs pending afterwards."""
    row = {key: i for i, key in enumerate(records.columns["unique_id"])}
    found = {}
    for left, right, probability in review_pairs:
        a, b = sorted((left, right))
        found[(a, b)] = probability
    existing = {(p.left_record, p.right_record): p for p in ReviewPair.objects.all()}
    new, updated = [], []
    for (a, b), probability in found.items():
        pair = existing.get((a, b))
        if pair is not None and pair.decided:
            continue
        if pair is None:
            pair = ReviewPair(left_record=a, right_record=b)
            new.append(pair)
        else:
            updated.append(pair)
        pair.left_id, pair.right_id = records.pk[a], records.pk[b]
        pair.probability, pair.run = float(probability), run
        pair.comparison = compare(records.columns, row[a], row[b])
    stale = [p.pk for key, p in existing.items() if not p.decided and key not in found]
    ReviewPair.objects.filter(pk__in=stale).delete()
    ReviewPair.objects.bulk_create(new, batch_size=1000)
    ReviewPair.objects.bulk_update(updated, ["left", "right", "probability", "run", "comparison"], batch_size=1000)
    # A decided pair whose records were deleted and imported again points at the new rows.
    orphans = [p for p in existing.values() if p.decided and (p.left_id is None or p.right_id is None)]
    for pair in orphans:
        pair.left_id = records.pk.get(pair.left_record, pair.left_id)
        pair.right_id = records.pk.get(pair.right_record, pair.right_id)
    ReviewPair.objects.bulk_update(orphans, ["left", "right"], batch_size=1000)
    return ReviewPair.objects.filter(status=ReviewPair.Status.PENDING).count()


def decide_pair(user, pair: ReviewPair, *, same: bool, note: str = "") -> ReviewPair:
    """Record a reviewer's decision (a later decision on the same pair replaces it; history keeps both)."""
    require_review_linkage(user)
    pair.status = ReviewPair.Status.SAME if same else ReviewPair.Status.DIFFERENT
    pair.decided_by = user
    pair.decided_at = timezone.now()
    pair.note = (note or "").strip()[:2000]
    pair._history_user = user
    pair.save()
    return pair


def next_pending(after: ReviewPair | None = None) -> ReviewPair | None:
    """The next pair to review, in queue order (highest probability first)."""
    pending = ReviewPair.objects.filter(status=ReviewPair.Status.PENDING)
    if after is not None:
        pending = pending.exclude(pk=after.pk)
    return pending.order_by("-probability", "pk").first()


def start_run(user) -> LinkageRun:
    """Create a run and queue it for a worker (``run_queued``), like a web import (``ingestion.jobs``)."""
    require_run_linkage(user)
    run = create_run(user)
    queue.enqueue(run_queued, run.pk)
    return run


@task()
def run_queued(run_pk: int) -> None:
    run = LinkageRun.objects.select_related("user").get(pk=run_pk)
    if run.status != LinkageRun.Status.RUNNING:  # interrupted while it waited in the queue: a new one is needed
        return
    try:
        dedupe_database(user=run.user, run=run)
    except Exception:  # noqa: S110 - already recorded on the run, which the page shows
        pass


def write_person_map(stream) -> int:
    """record → stable person id of every linked CasePerson, as CSV (same columns as the file mode)."""
    writer = csv_writer(stream, lineterminator="\n")
    writer.writerow(EXPORT_HEADER)
    rows = (
        CasePerson.objects.filter(person_key__isnull=False)
        .order_by("case__source__slug", "case__source_record_id", "source_person_id")
        .values_list("case__source__slug", "case__source_record_id", "source_person_id", "person_key")
    )
    count = 0
    for slug, record_id, person_id, key in rows.iterator(chunk_size=5000):
        writer.writerow([f"{slug}|{record_id}|{person_id}", key, slug, record_id, person_id])
        count += 1
    return count

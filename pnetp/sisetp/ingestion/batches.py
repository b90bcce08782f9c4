"""The import service: agreement check, validation of the whole file, then one transaction of writes.

    result = run_import(source, "standard", "casos.csv", identity_path="identidades.csv", user=user)
    result.ok, result.report.lines(), result.batch, result.counts
    rollback(result.batch, user=user)

All or nothing: any problem in the report and nothing is written. A large standard-layout CSV is
written while it is validated (``_pipeline``: the inserts of one chunk on SQLite's second thread
while Python validates the next and checks a slice of the identity file, whose values go to the
encryption worker as they are checked), inside the one transaction, rolled back at the first
problem; the validator goes on to the end of the file, so the report is the same. The cases file
is validated once, by ``validator.Validator``, whichever way it is written. Rollback: only the latest batch
of a source may be undone (a later batch may have built on its records); it deletes the cases the
batch created and restores the cases it updated to their state before it (kept in ``replaced``).
Identity values a batch changed on persons that already existed are not restored (their encrypted
history in ``PersonIdentity.history`` still has them).

The batch is the audit record of what an import created: the rows it creates carry its id and get
no "+" history row each, and its identity writes are one access-log entry (see ``writer``,
``identities``; ``provenance`` finds the creating batch for the history pages). Rollback needs no
history: it deletes by ``batch`` and restores from ``replaced``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Case, CasePerson, DataSource, ImportBatch
from ..services.agreements import NoActiveAgreement, require_agreement
from ..standard import layout as standard_layout
from . import fastinsert
from .absent import absent_fields, new_persons, plan_counts, settle
from .identities import IdentityFile
from .issues import Report
from .layouts import get_layout
from .lookups import Lookups
from .reading import FileProblem, open_table
from .validator import CHUNK, Validator, read_chunks
from .writer import Plan, Writer, existing_cases, plan, record_from_json, record_to_json

_KEY_COLUMNS = {"fonte", "id_registro", "id_pessoa"}
_PLAN_ONLY = ("cases_unchanged", "persons_unchanged")  # the writer does not see these
_ANALYZE_FROM = 10_000  # persons looked up by the identity writer: past this, fresh statistics pay


class RollbackRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class ImportResult:
    file_name: str
    dry_run: bool
    report: Report = field(default_factory=Report)
    rows: int = 0
    counts: dict = field(default_factory=dict)
    batch: ImportBatch | None = None

    @property
    def ok(self) -> bool:
        return self.report.ok

    def summary(self) -> str:
        c = self.counts
        return _(
            "%(rows)s linhas; casos: %(cc)s novos, %(cu)s atualizados, %(cn)s inalterados; "
            "pessoas: %(pc)s novas, %(pu)s atualizadas, %(pd)s retiradas; identidades gravadas: %(ic)s."
        ) % {
            "rows": self.rows,
            "cc": c.get("cases_created", 0),
            "cu": c.get("cases_updated", 0),
            "cn": c.get("cases_unchanged", 0),
            "pc": c.get("persons_created", 0),
            "pu": c.get("persons_updated", 0),
            "pd": c.get("persons_deleted", 0),
            "ic": c.get("identities_written", 0),
        } + (
            " "
            + _("Avisos: %(count)s valores gravados como informados e marcados como inválidos.")
            % {"count": self.report.warning_total}
            if self.report.warning_total
            else ""
        )


def run_import(
    source: DataSource,
    layout: str,
    path,
    *,
    identity_path=None,
    file_name: str | None = None,
    identity_file_name: str | None = None,
    user=None,
    dry_run: bool = False,
    mapping=None,
    progress: Callable[[str, int], None] | None = None,
    on_date: date | None = None,
) -> ImportResult:
    """Validate ``path`` (and the identity file) in ``layout``; unless ``dry_run`` or invalid, write it.

    ``progress(stage, count)`` is called with "validando" / "gravando" and how many rows or cases
    were just done. ``mapping``: a SourceMapping for the custom layout (default: the source's).
    Nothing here changes what the whole process shares (garbage collector, GIL switch interval): the
    worker's job and the command do that around it (``jobs``, ``cli/import_cmd``).
    """
    path = Path(path)
    file_name = file_name or path.name
    result = ImportResult(file_name=file_name, dry_run=dry_run)
    report = result.report
    tick = progress or (lambda stage, count: None)
    try:
        table = open_table(path, file_name, delimiter=get_layout(layout).delimiter)
    except FileProblem as problem:
        report.add(file_name, problem.line, "", "", problem.message)
        return result
    if layout == "custom" and mapping is None:
        mapping = getattr(source, "mapping", None)
        if mapping is None:
            report.add(file_name, None, "", "", _("A fonte não tem mapeamento de leiaute próprio cadastrado."))
            return result
    translator = get_layout(layout)(source, report, file_name, mapping=mapping)
    columns = set(translator.provided_columns(table.header))
    identity = None
    if identity_path:
        identity = IdentityFile(source, Path(identity_path), identity_file_name or Path(identity_path).name, report)
        columns |= identity.provided_columns()
    try:
        # Key columns only identify records; the agreement governs the data columns.
        shared = (columns & set(standard_layout.all_column_names())) - _KEY_COLUMNS
        require_agreement(source, on_date or timezone.localdate(), sorted(shared))
    except NoActiveAgreement as refusal:
        report.add(file_name, None, "", "", refusal.messages[0])
        return result
    try:
        return _validate_and_write(
            source, layout, table, translator, columns, identity, result,
            user=user, dry_run=dry_run, tick=tick,
        )  # fmt: skip
    except FileProblem as problem:  # found while reading the rows (a cap reached): nothing was written
        report.add(file_name, problem.line, "", "", problem.message)
        return result
    finally:
        if identity is not None:
            identity.close()


def _validate_and_write(source, layout, table, translator, columns, identity, result, *, user, dry_run, tick):
    file_name, report = result.file_name, result.report
    lookups = Lookups()
    validator = Validator(source, report, file_name, lookups, origin=translator.origin)
    if not translator.check_header(table.header, validator):
        return result
    validator.activate(columns)
    overlap = layout == "standard" and bool(table.encoding) and not dry_run  # a CSV of the standard's own columns
    chunks = read_chunks(translator, table, validator.names, WRITE_CHUNK if overlap else CHUNK)
    if overlap:
        chunks, outcome = _pipeline_if_large(source, layout, table, chunks, validator, columns, identity, result,
                                             user=user, tick=tick)  # fmt: skip
        if outcome is _DONE:
            return result
    validator.validate(chunks, tick)  # the rest of the file: all of it, unless the pipeline stopped early
    result.rows = validator.rows
    if identity is not None:
        identity.validate(validator.records, lookups)
    if not report.ok:
        return result

    todo = plan(source, validator.records)
    stored = settle(todo, absent_fields(columns))
    counts = plan_counts(todo, stored)
    if dry_run:
        if identity is not None:
            counts.update(identity.planned_writes(new_persons(todo, stored)))
        result.counts = counts
        return result
    if identity is not None:
        identity.start_sealing()  # the worker encrypts while the cases are written
    tick("gravando", 0)  # validation is over (benchmarks time the two phases by this)
    with transaction.atomic(), fastinsert.bulk_load():
        batch = _start_batch(source, layout, table, identity, user, validator.rows)
        batch.replaced = _previous_states(todo.update, stored)
        writer = _writer(source, lookups, user, batch, tick)
        writer.create(todo.create, batch.pk)
        _finish(writer, batch, todo, counts, validator, identity, user, result)
    return result


def _start_batch(source, layout, table, identity, user, rows) -> ImportBatch:
    DataSource.objects.select_for_update().filter(pk=source.pk).first()  # one import per source at a time
    return ImportBatch.objects.create(
        source=source,
        layout=layout,
        file_name=table.name,
        file_sha256=table.sha256,
        identity_file_name=identity.name if identity else "",
        identity_file_sha256=identity.sha256 if identity else "",
        user=user if getattr(user, "is_authenticated", False) else None,
        rows_read=rows,
    )


def _writer(source, lookups, user, batch, tick) -> Writer:
    return Writer(
        source,
        lookups,
        user=user,
        reason=_("Importação, lote %(id)s") % {"id": batch.pk},
        progress=lambda count: tick("gravando", count),
    )


def _finish(writer, batch, todo, counts, validator, identity, user, result) -> None:
    """After the new cases: the updated ones, the identities and the batch's counts (in the transaction)."""
    writer.update([item[:4] for item in todo.update], batch.pk)
    written = writer.counts.as_dict()  # the plan's counts, as the writer found them (the same, see ``absent``)
    counts.update({name: value for name, value in written.items() if name not in _PLAN_ONLY})
    if identity is not None:
        records = validator.records
        missing = identity.resolve(lambda record_id, person_id: writer.person_pk(records, record_id, person_id))
        if missing >= _ANALYZE_FROM:  # persons the identity writer looks up by query
            fastinsert.refresh_statistics(Case, CasePerson)
        counts.update(identity.write(user=user, batch=batch))
    batch.rows_read = validator.rows
    batch.counts = counts
    batch.quality = dict(result.report.quality)
    batch.status = ImportBatch.Status.DONE
    batch.finished_at = timezone.now()
    batch.save()
    result.counts = counts
    result.batch = batch


# -- writing while validating ------------------------------------------------------------------------
# A large valid file is written chunk by chunk as it is validated: on SQLite the inserts of one
# chunk run on the second core (SQLite releases the GIL) while Python validates the next. It stays
# all or nothing: it all happens in the one transaction, rolled back at the first problem; the
# validator then goes on through the rest of the file, so the report lists every problem.
_DONE, _INVALID, _LATE, _SMALL = "done", "invalid", "late", "small"
# Identity rows checked (and handed to the encryption worker) per case chunk: about as many as the
# chunk's rows, so both files end together (one identity row per person, one case row per person).
WRITE_CHUNK = 20_000  # rows validated, then written, at a time
_IDENTITY_SLICES = 2  # of ``identities._CHUNK`` (10,000) rows, per ``WRITE_CHUNK`` (20,000)


class _RollBack(Exception):
    def __init__(self, outcome: str):
        super().__init__(outcome)
        self.outcome = outcome


def _pipeline_if_large(source, layout, table, chunks, validator, columns, identity, result, *, user, tick):
    """(chunks, outcome): the chunks left to validate, and ``_DONE`` (written, or invalid with
    ``result.report`` complete), ``_INVALID`` (a problem in the cases file: nothing written),
    ``_LATE`` (the file is not grouped by record: nothing written) or ``_SMALL`` (not tried)."""
    first = [chunk for chunk in (next(chunks, None), next(chunks, None)) if chunk is not None]
    chunks = chain(first, chunks)
    if len(first) < 2 or not first[1].lines or not result.report.ok:
        return chunks, _SMALL  # one chunk: nothing to overlap
    completing = validator.complete_records(chunks)
    try:
        _pipeline(source, layout, table, completing, validator, columns, identity, result, user=user, tick=tick)
    except _RollBack as rollback:
        outcome = rollback.outcome
    else:
        return iter(()), _DONE
    if identity is not None and outcome != _DONE:
        identity.restart()  # the usual path checks and encrypts the identity file from its start
    for count, _record_ids in completing:  # nothing more is written: the validator goes on to the end
        tick("validando", count)
    return iter(()), outcome


def _pipeline(source, layout, table, completing, validator, columns, identity, result, *, user, tick) -> None:
    count, _none = next(completing)  # the first chunk, validated before anything is opened or written
    tick("validando", count)
    if not result.report.ok:
        raise _RollBack(_INVALID)
    lookups = validator.lookups
    lookups.preload()  # nothing may query while the inserts run (``Lookups.before_query``)
    existing = existing_cases(source, None)
    todo = Plan()
    records = validator.records
    with transaction.atomic(), fastinsert.bulk_load():
        batch = _start_batch(source, layout, table, identity, user, 0)
        writer = _writer(source, lookups, user, batch, tick)
        creating = writer.creating(batch.pk)
        lookups.before_query = creating.wait

        def created_pk(record_id, person_id):
            return writer.person_pk(records, record_id, person_id)

        def idle(count):
            tick("validando", count)
            if not writing:  # the first chunk's writes start now (benchmarks time the phases by this)
                writing.append(tick("gravando", 0))

        writing = []
        try:
            for count, record_ids in completing:
                if validator.late:
                    raise _RollBack(_LATE)
                if not result.report.ok:
                    raise _RollBack(_INVALID)
                start = len(todo.create)
                plan(source, {rid: records[rid] for rid in record_ids}, existing=existing, into=todo)
                creating.add(todo.create[start:], idle=lambda count=count: idle(count))
                if identity is not None:  # while the chunk's inserts run: a slice of the identity file
                    for _slice in range(_IDENTITY_SLICES):
                        identity.check_some()
                    identity.write_created(created_pk, creating.extra)
            if identity is not None:
                identity.check_rest()
                identity.write_created(created_pk, creating.extra)
            creating.finish()
        finally:
            del lookups.before_query
            creating.close()
        result.rows = validator.rows
        if identity is not None:
            identity.check_persons(records)
            if not result.report.ok:
                raise _RollBack(_DONE)
        stored = settle(todo, absent_fields(columns))
        counts = plan_counts(todo, stored)
        batch.replaced = _previous_states(todo.update, stored)
        _finish(writer, batch, todo, counts, validator, identity, user, result)


def _previous_states(updates, records: dict) -> dict:
    """record id → what the update replaces: the case as it was (``records``: case pk → stored Record),
    its batch and its fingerprint."""
    return {
        record_id: {"batch": previous_batch, "fingerprint": fingerprint, "record": record_to_json(records[pk])}
        for record_id, _record, _new, pk, previous_batch, fingerprint in updates
    }


_WRITE_COUNTS = ("cases_created", "cases_updated", "persons_deleted", "identities_written")


def can_roll_back(batch: ImportBatch) -> bool:
    """Only while no later batch of the source wrote anything (a re-import that changed nothing doesn't count)."""
    if batch.status != ImportBatch.Status.DONE:
        return False
    later = ImportBatch.objects.filter(source_id=batch.source_id, status=ImportBatch.Status.DONE, pk__gt=batch.pk)
    return not any(any(counts.get(name) for name in _WRITE_COUNTS) for counts in later.values_list("counts", flat=True))


def rollback(batch: ImportBatch, *, user=None) -> dict:
    """Undo ``batch``: delete the cases it created, restore those it updated. Returns counts."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != ImportBatch.Status.DONE:
            raise RollbackRefused(_("O lote %(id)s já foi desfeito.") % {"id": batch.pk})
        if not can_roll_back(batch):
            raise RollbackRefused(
                _("Só o lote mais recente da fonte pode ser desfeito: desfaça antes os lotes posteriores ao %(id)s.")
                % {"id": batch.pk}
            )
        replaced = batch.replaced or {}
        created = Case.objects.filter(batch=batch).exclude(source_record_id__in=list(replaced)) if replaced else None
        created = created if created is not None else Case.objects.filter(batch=batch)
        deleted = 0
        pks = list(created.values_list("pk", flat=True))
        for start in range(0, len(pks), 900):
            deleted += Case.objects.filter(pk__in=pks[start : start + 900]).delete()[1].get("sisetp.Case", 0)
        writer = Writer(batch.source, Lookups(), user=user, reason=_("Lote %(id)s desfeito") % {"id": batch.pk})
        current = (
            dict(
                Case.objects.filter(source=batch.source, source_record_id__in=list(replaced)).values_list(
                    "source_record_id", "pk"
                )
            )
            if replaced
            else {}
        )
        restore = [
            (record_id, record_from_json(state["record"]), state["fingerprint"], current[record_id], state["batch"])
            for record_id, state in replaced.items()
            if record_id in current
        ]
        writer.update(restore, None)
        batch.status = ImportBatch.Status.ROLLED_BACK
        batch.rolled_back_at = timezone.now()
        batch.rolled_back_by = user if getattr(user, "is_authenticated", False) else None
        batch.save(update_fields=["status", "rolled_back_at", "rolled_back_by"])
    return {"cases_deleted": deleted, "cases_restored": len(restore)}

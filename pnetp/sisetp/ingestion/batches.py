"""The import service: agreement check, validation of the whole file, then one transaction of writes.

    result = run_import(source, "standard", "casos.csv", identity_path="identidades.csv", user=user)
    result.ok, result.report.lines(), result.batch, result.counts
    rollback(result.batch, user=user)

All or nothing: any problem in the report and nothing is written. One path for every layout: the
cases file is read and validated once (``validator.Validator``), then, if valid, planned and written
in one transaction; the identity file is checked a slice at a time while the cases' inserts run (on
a second thread), its values handed to the encryption worker as they are checked, and a problem in it
rolls the transaction back (``IdentityFileRefused``), the report complete. Rollback: only the latest batch
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
from .reading import FileProblem, Table, open_table
from .validator import Validator, read_chunks
from .writer import Plan, Writer, plan, record_from_json, record_to_json

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
    job = _Import(source, layout, table, translator, columns, identity, result, user, dry_run, tick)
    try:
        return _validate_and_write(job)
    except FileProblem as problem:  # found while reading the rows (a cap reached): nothing was written
        report.add(file_name, problem.line, "", "", problem.message)
        return result
    finally:
        if identity is not None:
            identity.close()


@dataclass
class _Import:
    """What the steps of one import share (``run_import``'s arguments, once its files are open)."""

    source: DataSource
    layout: str
    table: Table
    translator: object  # the layout's translator (``layouts``)
    columns: set  # the standard columns the files provide
    identity: IdentityFile | None
    result: ImportResult
    user: object
    dry_run: bool
    tick: Callable[[str, int], None]


class IdentityFileRefused(Exception):
    """The identity file, checked while the cases were written, has a problem: the writes roll back
    (the problems are in the import's report)."""


def _validate_and_write(job: _Import) -> ImportResult:
    """Validate the cases file (one pass), then plan and, unless a dry run, write in one transaction;
    the identity file is checked and encrypted while the cases are written (see ``_write``)."""
    result, report, identity = job.result, job.result.report, job.identity
    lookups = Lookups()
    validator = Validator(job.source, report, result.file_name, lookups, origin=job.translator.origin)
    if not job.translator.check_header(job.table.header, validator):
        return result
    validator.activate(job.columns)
    validator.validate(read_chunks(job.translator, job.table, validator.names), job.tick)
    result.rows = validator.rows
    if identity is not None and (job.dry_run or not report.ok):
        identity.validate(validator.records)  # the whole report, or a dry run's counts: nothing is written
    if not report.ok:
        return result
    todo = plan(job.source, validator.records)
    stored = settle(todo, absent_fields(job.columns))
    counts = plan_counts(todo, stored)
    if job.dry_run:
        if identity is not None:
            counts.update(identity.planned_writes(new_persons(todo, stored)))
        result.counts = counts
        return result
    job.tick("gravando", 0)  # validation is over (benchmarks time the two phases by this)
    try:
        _write(job, lookups, validator, todo, stored, counts)
    except IdentityFileRefused:  # rolled back: the report holds the identity file's problems
        pass
    return result


def _write(job: _Import, lookups, validator: Validator, todo: Plan, stored: dict, counts: dict) -> None:
    """The one transaction of writes. While each chunk of new cases is inserted (on a second thread),
    a slice of the identity file as long as the chunk's persons is checked and handed to the encryption
    worker, and the identities of the persons already written go in with the next chunk's inserts."""
    identity, records = job.identity, validator.records
    with transaction.atomic(), fastinsert.bulk_load():
        batch = _start_batch(job, validator.rows)
        batch.replaced = _previous_states(todo.update, stored)
        writer = _writer(job, lookups, batch)
        alongside = None
        if identity is not None:

            def created_pk(record_id, person_id):
                return writer.person_pk(records, record_id, person_id)

            def alongside(creating, persons: int | None) -> None:
                identity.check_up_to(persons)
                identity.write_created(created_pk, creating.extra)

        writer.create(todo.create, batch.pk, alongside=alongside)
        if identity is not None:
            identity.check_persons(records)
            if not job.result.report.ok:
                raise IdentityFileRefused
        _finish(job, writer, batch, todo, counts, validator)


def _start_batch(job: _Import, rows: int) -> ImportBatch:
    DataSource.objects.select_for_update().filter(pk=job.source.pk).first()  # one import per source at a time
    identity, user = job.identity, job.user
    return ImportBatch.objects.create(
        source=job.source,
        layout=job.layout,
        file_name=job.table.name,
        file_sha256=job.table.sha256,
        identity_file_name=identity.name if identity else "",
        identity_file_sha256=identity.sha256 if identity else "",
        user=user if getattr(user, "is_authenticated", False) else None,
        rows_read=rows,
    )


def _writer(job: _Import, lookups, batch) -> Writer:
    return Writer(
        job.source,
        lookups,
        user=job.user,
        reason=_("Importação, lote %(id)s") % {"id": batch.pk},
        progress=lambda count: job.tick("gravando", count),
    )


def _finish(job: _Import, writer, batch, todo, counts, validator) -> None:
    """After the new cases: the updated ones, the identities and the batch's counts (in the transaction)."""
    writer.update([item[:4] for item in todo.update], batch.pk)
    written = writer.counts.as_dict()  # the plan's counts, as the writer found them (the same, see ``absent``)
    counts.update({name: value for name, value in written.items() if name not in _PLAN_ONLY})
    identity, result = job.identity, job.result
    if identity is not None:
        records = validator.records
        missing = identity.resolve(lambda record_id, person_id: writer.person_pk(records, record_id, person_id))
        if missing >= _ANALYZE_FROM:  # persons the identity writer looks up by query
            fastinsert.refresh_statistics(Case, CasePerson)
        counts.update(identity.write(user=job.user, batch=batch))
    batch.rows_read = validator.rows
    batch.counts = counts
    batch.quality = dict(result.report.quality)
    batch.status = ImportBatch.Status.DONE
    batch.finished_at = timezone.now()
    batch.save()
    result.counts = counts
    result.batch = batch


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

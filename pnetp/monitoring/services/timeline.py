"""Readable history of reports and activities, built from django-simple-history records.

Each entry says who did what and when, with the changed fields as "label: old → new" in
Portuguese. Workflow steps are recognised from the change of the report's ``state``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import groupby
from pathlib import PurePosixPath

from django.db import models
from django.utils.translation import gettext as _

from pnetp.institutions.models import Institution
from pnetp.monitoring.models import (
    Evidence,
    Indicator,
    IndicatorValue,
    MonitoringCycle,
    ProgressReport,
    ReportComment,
    Responsibility,
)

EMPTY = "—"
MERGE_WINDOW = timedelta(seconds=2)
EDIT = "~"  # action key of plain edits until rendered
# Fields worth showing; timestamps and "…_by" fields repeat the entry's own who and when.
SHOWN_FIELDS = {
    ProgressReport: ("state", "status", "percent_complete", "narrative", "difficulties", "next_steps", "return_reason"),
    Responsibility: ("lead_institutions", "partner_institutions", "start_date", "end_date", "deliverable", "weight"),
    Indicator: ("name", "unit", "baseline_value", "baseline_year", "target_value", "direction", "frequency"),
    IndicatorValue: ("value", "note"),
    Evidence: ("title", "file", "url", "is_public"),
}


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.label}: {self.old} → {self.new}"


@dataclass(frozen=True)
class TimelineEntry:
    when: datetime
    who: str
    user_id: int | None
    subject: str  # what the entry is about: "Relatório 2025.1 · MJSP", "Responsabilidade"…
    action: str  # "Criação", "Alteração", "Envio", "Devolução", "Reenvio", "Aprovação", "Comentário"…
    changes: tuple[FieldChange, ...] = ()
    text: str = ""  # a comment's text


# Short labels where ``str()`` is too long for a timeline line.
SHORT_LABELS = {
    MonitoringCycle: lambda cycle: cycle.name,
    Institution: lambda institution: institution.acronym or institution.name,
}


class _Names:
    """Collects the ids of related objects first, then loads each model once."""

    def __init__(self):
        self.wanted: dict[type[models.Model], set] = {}
        self.loaded: dict[type[models.Model], dict] = {}

    def need(self, model, pk) -> None:
        if pk is not None:
            self.wanted.setdefault(model, set()).add(pk)

    def load(self) -> None:
        for model, pks in self.wanted.items():
            label = SHORT_LABELS.get(model, str)
            self.loaded[model] = {pk: label(obj) for pk, obj in model._default_manager.in_bulk(pks).items()}

    def get(self, model, pk) -> str:
        if pk is None:
            return EMPTY
        return self.loaded.get(model, {}).get(pk, f"#{pk}")


def _who(record_user) -> tuple[str, int | None]:
    if record_user is None:
        return _("Sistema"), None
    return record_user.get_full_name() or record_user.get_username(), record_user.pk


def _is_empty(value) -> bool:
    return value is None or value == "" or value == []


def _m2m_ids(field, rows) -> list:
    key = field.m2m_reverse_field_name()
    return [row[key] for row in rows or []]


def _render(field, value, names: _Names) -> str:
    if _is_empty(value):
        return EMPTY
    if field.many_to_many:
        return ", ".join(sorted(names.get(field.related_model, pk) for pk in _m2m_ids(field, value)))
    if field.is_relation:
        return names.get(field.related_model, value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Sim") if value else _("Não")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").replace(".", ",")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(field, models.FileField):
        return PurePosixPath(str(value)).name
    return str(value)


def _workflow_action(old_state, new_state) -> str | None:
    State = ProgressReport.State
    if new_state == State.SUBMITTED:
        return _("Reenvio") if old_state == State.RETURNED else _("Envio")
    return {State.RETURNED: _("Devolução"), State.APPROVED: _("Aprovação")}.get(new_state)


def _raw_changes(model, record, previous) -> list[tuple]:
    """(field, old, new) with raw values: pks for relations, through-rows for many-to-many."""
    shown = SHOWN_FIELDS[model]
    if record.history_type == "+" or previous is None:
        fields = [model._meta.get_field(name) for name in shown]
        values = [(f, getattr(record, f.attname)) for f in fields if not f.many_to_many]
        return [(f, None, value) for f, value in values if not _is_empty(value)]
    if record.history_type == "-":
        return []
    delta = record.diff_against(previous, included_fields=shown)
    return [(model._meta.get_field(c.field), c.old, c.new) for c in delta.changes]


@dataclass
class _Pending:
    """An entry before related names are loaded; ``subject`` is rendered with those names."""

    when: datetime
    seq: int
    user: object
    subject: Callable[[_Names], str]
    action: str
    changes: list[tuple]
    text: str = ""

    def absorb(self, changes: list[tuple]) -> None:
        """Fold a follow-up edit in: first old value and last new one per field; no-op fields vanish."""
        merged = {field.name: [field, old, new] for field, old, new in self.changes}
        for field, old, new in changes:
            merged.setdefault(field.name, [field, old, new])[2] = new
        self.changes = [tuple(change) for change in merged.values() if change[1] != change[2]]

    def need_names(self, names: _Names) -> None:
        for field, old, new in self.changes:
            if field.many_to_many:
                for pk in _m2m_ids(field, old) + _m2m_ids(field, new):
                    names.need(field.related_model, pk)
            elif field.is_relation:
                names.need(field.related_model, old)
                names.need(field.related_model, new)

    def render(self, names: _Names) -> TimelineEntry:
        who, user_id = _who(self.user)
        changes = tuple(
            FieldChange(field.name, str(field.verbose_name), _render(field, old, names), _render(field, new, names))
            for field, old, new in self.changes
        )
        action = _("Alteração") if self.action == EDIT else self.action
        return TimelineEntry(self.when, who, user_id, self.subject(names), action, changes, self.text)


def _history_entries(model, records, subject_of, names: _Names) -> list[_Pending]:
    pending: list[_Pending] = []
    records = sorted(records, key=lambda r: (r.id, r.history_date, r.history_id))
    for _pk, group in groupby(records, key=lambda r: r.id):
        previous, first = None, len(pending)
        for record in group:
            changes = _raw_changes(model, record, previous)
            action = {"+": _("Criação"), "-": _("Exclusão")}.get(record.history_type, EDIT)
            if model is ProgressReport and previous is not None and previous.state != record.state:
                action = _workflow_action(previous.state, record.state) or action
            last = pending[-1] if len(pending) > first else None
            if (
                last is not None
                and action == last.action == EDIT
                and record.history_user_id == getattr(last.user, "pk", None)
                and record.history_date - previous.history_date <= MERGE_WINDOW
            ):
                # One edit saved in several steps (a many-to-many .set() is a removal then an addition).
                last.absorb(changes)
            elif record.history_type != "~" or changes:  # a save that changed nothing shown is no event
                subject = subject_of(record)
                pending.append(
                    _Pending(record.history_date, record.history_id, record.history_user, subject, action, changes)
                )
            previous = record
    pending = [entry for entry in pending if entry.action != EDIT or entry.changes]
    for entry in pending:
        entry.need_names(names)
    return pending


def _comment_entries(report_ids, names: _Names) -> list[_Pending]:
    comments = ReportComment.objects.filter(report_id__in=report_ids).select_related("author", "report")
    entries = []
    for comment in comments:
        report = comment.report
        names.need(MonitoringCycle, report.cycle_id)
        names.need(Institution, report.institution_id)
        subject = _report_subject(report.cycle_id, report.institution_id)
        entry = _Pending(comment.created_at, comment.pk, comment.author, subject, _("Comentário"), [], comment.text)
        entries.append(entry)
    return entries


def _build(pending: list[_Pending], names: _Names) -> list[TimelineEntry]:
    names.load()
    # Comments sort after history records of the same instant (the model order is stable per kind).
    pending.sort(key=lambda entry: (entry.when, bool(entry.text), entry.seq))
    return [entry.render(names) for entry in pending]


def _report_subject(cycle_id, institution_id) -> Callable[[_Names], str]:
    def subject(names: _Names) -> str:
        return _("Relatório %(cycle)s · %(institution)s") % {
            "cycle": names.get(MonitoringCycle, cycle_id),
            "institution": names.get(Institution, institution_id),
        }

    return subject


def _fixed(text: str) -> Callable[[_Names], str]:
    return lambda names: text


def _report_pending(report_ids, names: _Names) -> list[tuple]:
    reports = ProgressReport.history.filter(id__in=report_ids).select_related("history_user")
    values = IndicatorValue.history.filter(report_id__in=report_ids).select_related("history_user")
    evidence = Evidence.history.filter(report_id__in=report_ids).select_related("history_user")
    pending = []

    def report_subject(record):
        names.need(MonitoringCycle, record.cycle_id)
        names.need(Institution, record.institution_id)
        return _report_subject(record.cycle_id, record.institution_id)

    def value_subject(record):
        names.need(Indicator, record.indicator_id)
        return lambda n: _("Indicador “%(name)s”") % {"name": n.get(Indicator, record.indicator_id)}

    pending += _history_entries(ProgressReport, reports, report_subject, names)
    pending += _history_entries(IndicatorValue, values, value_subject, names)
    pending += _history_entries(
        Evidence, evidence, lambda r: _fixed(_("Evidência “%(title)s”") % {"title": r.title}), names
    )
    return pending


def report_timeline(report: ProgressReport) -> list[TimelineEntry]:
    """The report's story, oldest first: edits, workflow steps, indicator values, evidence, comments."""
    names = _Names()
    pending = _report_pending([report.pk], names) + _comment_entries([report.pk], names)
    return _build(pending, names)


def activity_timeline(activity) -> list[TimelineEntry]:
    """Everything that happened to an activity: responsibility, indicators and all its reports."""
    names = _Names()
    report_ids = list(ProgressReport.objects.filter(activity=activity).values_list("pk", flat=True))
    responsibility = Responsibility.history.filter(activity_id=activity.pk).select_related("history_user")
    indicators = Indicator.history.filter(activity_id=activity.pk).select_related("history_user")
    pending = _history_entries(Responsibility, responsibility, lambda r: _fixed(_("Responsabilidade")), names)
    pending += _history_entries(
        Indicator, indicators, lambda r: _fixed(_("Indicador “%(name)s”") % {"name": r.name}), names
    )
    pending += _report_pending(report_ids, names) + _comment_entries(report_ids, names)
    return _build(pending, names)

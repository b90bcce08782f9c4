"""Writing the checked rows through the assignment and workflow services, as the importing user.

The services decide who may change what (coordination: responsibilities and indicators; focal
points: their institution's draft or returned reports) and keep the history with that user. A row
equal to what is stored is not written at all, so importing the same file twice leaves no trace.
Each write runs in a savepoint: a refused row is recorded and the next one still runs, so one
pass reports every refusal; the caller then rolls everything back.
"""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction

from pnetp.core.text import fold
from pnetp.monitoring.services.assignment import assign_responsibility, save_indicator
from pnetp.monitoring.services.workflow import start_report, update_report

from .cells import long_text
from .columns import FIELD_COLUMNS
from .errors import Issues
from .lookups import Lookups
from .result import ImportResult
from .rows import ParsedRow

TEXT_FIELDS = {"deliverable", "narrative", "difficulties", "next_steps"}


def _same(name: str, stored, value) -> bool:
    if name in TEXT_FIELDS:
        return long_text(stored) == value
    if name == "status":
        return getattr(stored, "pk", None) == getattr(value, "pk", None)
    return stored == value


def _changes(instance, fields: dict) -> dict:
    return {name: value for name, value in fields.items() if not _same(name, getattr(instance, name), value)}


class _Applier:
    def __init__(self, user, lookups: Lookups, issues: Issues, result: ImportResult):
        self.user, self.lookups, self.issues, self.result = user, lookups, issues, result

    def attempt(self, row: ParsedRow, column: str | None, write) -> bool:
        """Run ``write`` in a savepoint; a refusal becomes a located message."""
        try:
            with transaction.atomic():
                write()
            return True
        except PermissionDenied as error:
            self.issues.add(row.where, str(error), row.line, column)
        except ValidationError as error:
            items = error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
            for field, messages in items:
                target = column if field in (None, NON_FIELD_ERRORS) else FIELD_COLUMNS.get(field, column)
                for message in messages:
                    self.issues.add(row.where, message, row.line, target)
        return False

    def responsibility(self, row: ParsedRow) -> None:
        outcome = self.result.outcome("responsibilities")
        stored = self.lookups.responsibilities.get(row.activity.pk)
        if stored is not None and not _changes(stored, row.fields):
            same_leads = {i.pk for i in stored.lead_institutions.all()} == {i.pk for i in row.leads}
            same_partners = {i.pk for i in stored.partner_institutions.all()} == {i.pk for i in row.partners}
            if same_leads and same_partners:
                outcome.unchanged.append(row.activity.code)
                return
        if stored is None and row.blank:
            outcome.unchanged.append(row.activity.code)
            return

        def write():
            assign_responsibility(self.user, row.activity, leads=row.leads, partners=row.partners, **row.fields)

        if self.attempt(row, None, write):
            (outcome.created if stored is None else outcome.updated).append(row.activity.code)

    def indicator(self, row: ParsedRow) -> None:
        outcome = self.result.outcome("indicators")
        key = f"{row.activity.code} · {row.fields['name']}"
        stored = next(iter(self.lookups.indicators.get((row.activity.pk, fold(row.fields["name"])), [])), None)
        if stored is not None and not _changes(stored, row.fields):
            outcome.unchanged.append(key)
            return

        def write():
            save_indicator(self.user, row.activity, stored, **row.fields)

        if self.attempt(row, None, write):
            (outcome.created if stored is None else outcome.updated).append(key)

    def report(self, row: ParsedRow) -> None:
        outcome = self.result.outcome("reports")
        key = f"{row.activity.code} · {row.institution.acronym}"
        stored = self.lookups.reports.get((row.activity.pk, row.institution.pk))
        if stored is None and row.blank:
            outcome.unchanged.append(key)
            return
        changes = (
            _changes(stored, row.fields)
            if stored is not None
            else {k: v for k, v in row.fields.items() if v not in (None, "")}
        )
        if stored is not None and not changes:
            outcome.unchanged.append(key)
            return

        def write():
            # A new report is created with its values in one save: one history entry.
            if stored is None:
                start_report(self.user, row.activity, self.lookups.cycle, row.institution, **changes)
            else:
                update_report(self.user, stored, **changes)

        if self.attempt(row, "instituicao", write):
            (outcome.created if stored is None else outcome.updated).append(key)


def apply_rows(
    parsed: dict[str, list[ParsedRow]], user, lookups: Lookups, issues: Issues, result: ImportResult
) -> None:
    """Responsibilities first: a report row may depend on who takes part in the activity."""
    applier = _Applier(user, lookups, issues, result)
    for kind, method in [
        ("responsibilities", applier.responsibility),
        ("indicators", applier.indicator),
        ("reports", applier.report),
    ]:
        if kind in parsed:
            result.outcome(kind)
            for row in parsed[kind]:
                method(row)

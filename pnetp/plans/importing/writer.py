"""Applying a validated document to the database, updating records in place by code.

Records are saved one by one (not in bulk) so django-simple-history keeps every previous text,
and only when something differs, so re-importing the same document leaves no trace.
"""

import sys

from django.db import models, transaction
from django.utils.translation import gettext as _
from tqdm import tqdm

from ..models import Activity, Axis, Plan, PriorityAction, code_sort_key
from .codes import position_for
from .options import ImportOptions
from .plan_fields import resolve_plan_fields, resolve_slug
from .result import ImportResult, LevelReport
from .structure import ParsedDocument

# django-simple-history's history_change_reason column is 100 characters long.
_REASON_LENGTH = 100


def _differs(instance, values: dict) -> bool:
    for name, value in values.items():
        if isinstance(value, models.Model):
            # Compare keys: reading the related object would cost one query per row.
            if getattr(instance, f"{name}_id") != value.pk:
                return True
        elif getattr(instance, name) != value:
            return True
    return False


class _Writer:
    def __init__(self, document: ParsedDocument, options: ImportOptions):
        self.document = document
        self.options = options
        self.write = not options.dry_run
        self.reason = (_("Importação de %(name)s") % {"name": document.source_name})[:_REASON_LENGTH]

    def save(self, instance) -> None:
        if self.write:
            instance._change_reason = self.reason
            if self.options.history_user is not None:
                instance._history_user = self.options.history_user
            instance.save()

    def sync(self, instance, values: dict, report: LevelReport, code: str) -> None:
        """Create or update ``instance`` with ``values``; record what happened under ``code``."""
        if instance.pk is None:
            report.created.append(code)
        elif _differs(instance, values):
            report.updated.append(code)
        else:
            report.unchanged.append(code)
            return
        for name, value in values.items():
            setattr(instance, name, value)
        self.save(instance)

    def stamp_source(self, plan: Plan) -> None:
        # The source is the document that last changed the plan, not merely the last one read.
        plan.source_name = self.document.source_name[: Plan._meta.get_field("source_name").max_length]
        plan.source_sha256 = self.document.sha256

    def run(self) -> ImportResult:
        slug = resolve_slug(self.options)
        stored = Plan.objects.select_related("parent").filter(slug=slug).first()
        values = resolve_plan_fields(slug, self.document, self.options, stored)
        if stored is None:
            outcome = "created"
        else:
            outcome = "updated" if _differs(stored, values) else "unchanged"
        plan = stored or Plan(slug=slug)
        for name, value in values.items():
            setattr(plan, name, value)
        result = ImportResult(
            plan=plan,
            plan_outcome=outcome,
            source_name=self.document.source_name,
            format=self.document.format,
            dry_run=not self.write,
        )
        if stored is None:
            self.stamp_source(plan)
            self.save(plan)  # first, because every item points at it
        self.sync_items(plan, result)
        if stored is not None and result.changed:
            self.stamp_source(plan)
            self.save(plan)
        return result

    def sync_items(self, plan: Plan, result: ImportResult) -> None:
        stored_axes = {axis.code: axis for axis in Axis.objects.filter(plan=plan)} if plan.pk else {}
        stored_actions = {a.code: a for a in PriorityAction.objects.filter(plan=plan)} if plan.pk else {}
        stored_activities = {a.code: a for a in Activity.objects.filter(plan=plan)} if plan.pk else {}
        progress = tqdm(
            total=len(self.document.activities),
            desc=_("Atividades"),
            unit="",
            file=sys.stderr,
            disable=not self.options.progress,
        )
        with progress:
            for parsed_axis in self.document.axes:
                axis = stored_axes.pop(parsed_axis.code, None) or Axis(plan=plan, code=parsed_axis.code)
                values = {
                    "title": parsed_axis.title,
                    "description": parsed_axis.description,
                    "position": position_for(parsed_axis.code),
                }
                self.sync(axis, values, result.axes, parsed_axis.code)
                for parsed_action in parsed_axis.actions:
                    action = stored_actions.pop(parsed_action.code, None) or PriorityAction(
                        plan=plan, code=parsed_action.code
                    )
                    values = {"axis": axis, "title": parsed_action.title, "position": position_for(parsed_action.code)}
                    self.sync(action, values, result.actions, parsed_action.code)
                    for parsed_activity in parsed_action.activities:
                        activity = stored_activities.pop(parsed_activity.code, None) or Activity(
                            plan=plan, code=parsed_activity.code
                        )
                        values = {
                            "action": action,
                            "description": parsed_activity.description,
                            "position": position_for(parsed_activity.code),
                        }
                        self.sync(activity, values, result.activities, parsed_activity.code)
                        progress.update()
        for stored, report in [
            (stored_axes, result.axes),
            (stored_actions, result.actions),
            (stored_activities, result.activities),
        ]:
            report.missing = sorted(stored, key=code_sort_key)


def write_document(document: ParsedDocument, options: ImportOptions) -> ImportResult:
    if options.dry_run:
        return _Writer(document, options).run()
    with transaction.atomic():
        return _Writer(document, options).run()

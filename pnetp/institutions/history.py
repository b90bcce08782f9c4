"""Change history of an institution in readable form: who, when and which fields changed."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from .models import Institution

ACTIONS = {"+": _("Criação"), "~": _("Alteração"), "-": _("Exclusão")}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    date: datetime
    user: str
    action: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def institution_history(institution: Institution) -> list[HistoryEntry]:
    """Newest first. Consecutive records are compared in memory, so this runs two queries."""
    records = list(institution.history.select_related("history_user").order_by("history_date", "history_id"))
    parent_ids = {r.parent_id for r in records if r.parent_id}
    parents = {i.pk: str(i) for i in Institution.objects.filter(pk__in=parent_ids)}
    entries, previous = [], None
    for record in records:
        changes = []
        if previous is not None:
            for change in record.diff_against(previous).changes:
                model_field = Institution._meta.get_field(change.field)
                changes.append(
                    Change(
                        str(model_field.verbose_name),
                        _display(model_field, change.old, parents),
                        _display(model_field, change.new, parents),
                    )
                )
        user = record.history_user
        entries.append(
            HistoryEntry(
                date=record.history_date,
                user=(user.get_full_name() or user.username) if user else _("sistema"),
                action=ACTIONS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
        previous = record
    return entries[::-1]


def _display(model_field, value, parents: dict[int, str]) -> str:
    if value in (None, ""):
        return "—"
    if model_field.name == "parent":
        return parents.get(value, f"#{value}")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("sim") if value else _("não"))
    return str(value)

"""A meeting's agenda: add, edit, move up or down and remove items, each change in the item's history.

Items are kept numbered 1…n in their order: adding appends, removing and moving renumber the rest. Only the
committee's managers (its secretariat or the coordination) change an agenda.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import AgendaItem, Meeting
from ..permissions import require_manage_committee

AGENDA_FIELDS = ("title", "presenter", "minutes")
UP, DOWN = "up", "down"


def _renumber(meeting: Meeting, user) -> None:
    for position, item in enumerate(meeting.agenda.order_by("order", "pk"), 1):
        if item.order != position:
            item.order = position
            item._history_user = user
            item.save(update_fields=["order"])


def _locked_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("committee").get(pk=meeting.pk)


def agenda_item_add(user, meeting: Meeting, *, data: dict, activities=()) -> AgendaItem:
    """Append an item (subject, presenter, duration, linked plan activities) to the agenda."""
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        require_manage_committee(user, meeting.committee)
        item = AgendaItem(meeting=meeting, order=meeting.agenda.count() + 1,
                          **{k: v for k, v in data.items() if k in AGENDA_FIELDS})  # fmt: skip
        item.full_clean()
        item._history_user = user
        item.save()
        item.activities.set(activities)
    return item


def agenda_item_update(user, item: AgendaItem, *, data: dict, activities=None) -> AgendaItem:
    with transaction.atomic():
        _locked_meeting(item.meeting)
        item = AgendaItem.objects.select_related("meeting__committee").get(pk=item.pk)
        require_manage_committee(user, item.meeting.committee)
        for name, value in data.items():
            if name in AGENDA_FIELDS:
                setattr(item, name, value)
        item.full_clean()
        item._history_user = user
        item.save()
        if activities is not None:
            item.activities.set(activities)
    return item


def agenda_item_move(user, item: AgendaItem, *, direction: str) -> AgendaItem:
    """Swap the item with its neighbour above (``up``) or below (``down``); at either end nothing moves."""
    if direction not in (UP, DOWN):
        raise ValidationError(_("Direção desconhecida."))
    with transaction.atomic():
        meeting = _locked_meeting(item.meeting)
        require_manage_committee(user, meeting.committee)
        _renumber(meeting, user)
        items = list(meeting.agenda.order_by("order"))
        index = next(i for i, other in enumerate(items) if other.pk == item.pk)
        other = index - 1 if direction == UP else index + 1
        if 0 <= other < len(items):
            items[index], items[other] = items[other], items[index]
            for position, row in enumerate(items, 1):
                if row.order != position:
                    row.order = position
                    row._history_user = user
                    row.save(update_fields=["order"])
    return AgendaItem.objects.get(pk=item.pk)


def agenda_item_remove(user, item: AgendaItem) -> None:
    with transaction.atomic():
        meeting = _locked_meeting(item.meeting)
        require_manage_committee(user, meeting.committee)
        item = AgendaItem.objects.get(pk=item.pk, meeting=meeting)
        item._history_user = user
        item.delete()
        _renumber(meeting, user)

"""Who may do what in the network app. Reading the public directory, channels and committee pages is open.

- the coordination edits everything;
- a focal point edits the directory units of their own institution (the unit's institution or its maintainer);
- a committee's secretariat (a user of the committee's secretariat institution, or the user holding an active
  secretaria-executiva seat) sees its alerts (parity broken, vacant seats, terms about to end) and manages its
  seats, meetings, agenda, decisions and selection processes; only the coordination creates and edits committees;
- the focal point of a decision's responsible institution updates that decision's status (with a note).
"""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone

from pnetp.accounts.models import Role
from pnetp.accounts.permissions import has_role, is_coordination

from .models import Committee, Decision, Position, Seat, Unit


def _institution_ids(unit: Unit) -> set[int]:
    return {pk for pk in (unit.institution_id, unit.maintained_by_id) if pk}


def can_manage_directory(user) -> bool:
    """Import the whole directory, download its full export, edit any unit."""
    return is_coordination(user)


def can_add_unit(user) -> bool:
    return is_coordination(user) or (has_role(user, Role.FOCAL_POINT) and user.institution_id is not None)


def can_edit_unit(user, unit: Unit) -> bool:
    if is_coordination(user):
        return True
    return has_role(user, Role.FOCAL_POINT) and user.institution_id in _institution_ids(unit)


def can_see_restricted_fields(user, unit: Unit) -> bool:
    """Restricted fields (a shelter's address…) are for the unit's editors and its own professionals."""
    if can_edit_unit(user, unit):
        return True
    return has_role(user, Role.NETWORK_PROFESSIONAL) and unit.members.filter(user=user, active=True).exists()


def require_edit_unit(user, unit: Unit) -> None:
    if not can_edit_unit(user, unit):
        raise PermissionDenied


def access_unit(user, pk: int, *, lock: bool = False) -> Unit:
    """The unit, for editing; 404 if missing, PermissionDenied if the user may not edit it."""
    queryset = Unit.objects.select_for_update() if lock else Unit.objects
    unit = get_object_or_404(queryset, pk=pk)
    require_edit_unit(user, unit)
    return unit


def can_manage_channels(user) -> bool:
    return is_coordination(user)


def is_committee_secretariat(user, committee: Committee) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if committee.secretariat_id and user.institution_id == committee.secretariat_id:
        return True
    today = timezone.localdate()
    seats = committee.seats.filter(user=user, position=Position.EXECUTIVE_SECRETARY)
    return any(seat.is_active_on(today) for seat in seats)


def can_manage_committee(user, committee: Committee) -> bool:
    return is_coordination(user) or is_committee_secretariat(user, committee)


def can_see_committee_alerts(user, committee: Committee) -> bool:
    return can_manage_committee(user, committee)


def require_manage_committee(user, committee: Committee) -> None:
    if not can_manage_committee(user, committee):
        raise PermissionDenied


def access_committee(user, slug: str) -> Committee:
    """A committee to manage; 404 if missing, PermissionDenied unless coordination or its secretariat."""
    committee = get_object_or_404(Committee, slug=slug)
    require_manage_committee(user, committee)
    return committee


def can_edit_committees(user) -> bool:
    """Create committees and edit their data (kind, territory, act, secretariat, rules, parity, periodicity)."""
    return is_coordination(user)


def require_edit_committees(user) -> None:
    if not can_edit_committees(user):
        raise PermissionDenied


def managed_committees(user):
    """The committees ``user`` manages: every one for the coordination, else those of their secretariat."""
    if is_coordination(user):
        return Committee.objects.all()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Committee.objects.none()
    today = timezone.localdate()
    seats = Seat.objects.filter(user=user, position=Position.EXECUTIVE_SECRETARY).select_related("committee")
    by_seat = [seat.committee_id for seat in seats if seat.is_active_on(today)]
    by_institution = models.Q(secretariat_id=user.institution_id) if user.institution_id else models.Q(pk__in=[])
    return Committee.objects.filter(by_institution | models.Q(pk__in=by_seat))


def can_manage_any_committee(user) -> bool:
    return is_coordination(user) or managed_committees(user).exists()


def can_update_decision_status(user, decision: Decision) -> bool:
    """The committee's managers, or a focal point of the decision's responsible institution."""
    if can_manage_committee(user, decision.meeting.committee):
        return True
    return (
        has_role(user, Role.FOCAL_POINT)
        and decision.responsible_id is not None
        and user.institution_id == decision.responsible_id
    )


def require_update_decision_status(user, decision: Decision) -> None:
    if not can_update_decision_status(user, decision):
        raise PermissionDenied


def can_follow_decisions(user) -> bool:
    """The page of decisions assigned to one's institution: focal points with an institution."""
    return has_role(user, Role.FOCAL_POINT) and getattr(user, "institution_id", None) is not None


def access_decision(user, slug: str, meeting_pk: int, pk: int) -> Decision:
    """A decision to update; 404 if missing, PermissionDenied unless its managers or its responsible focal point."""
    queryset = Decision.objects.select_related("meeting__committee", "responsible")
    decision = get_object_or_404(queryset, pk=pk, meeting_id=meeting_pk, meeting__committee__slug=slug)
    require_update_decision_status(user, decision)
    return decision

"""Who may do what in the network app. Reading the public directory, channels and committee pages is open.

- the coordination edits everything;
- a focal point edits the directory units of their own institution (the unit's institution or its maintainer);
- a committee's secretariat (a user of the committee's secretariat institution, or the user holding an active
  secretaria-executiva seat) sees its alerts: parity broken, vacant seats, terms about to end.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone

from pnetp.accounts.models import Role
from pnetp.accounts.permissions import has_role, is_coordination

from .models import Committee, Position, Unit


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

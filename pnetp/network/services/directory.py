"""Writes to the directory: create and update a unit, each checking its own permission and keeping history."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from pnetp.accounts.permissions import is_coordination

from ..models import Unit
from ..permissions import can_add_unit, can_edit_unit

EDITABLE_FIELDS = (
    "name", "kind", "institution", "services", "municipality", "country", "address", "latitude", "longitude",
    "phone", "email", "website", "opening_hours", "languages", "audience", "restricted_fields", "last_verified",
    "maintained_by", "active",
)  # fmt: skip


def _owned_by_user(user, data: dict) -> bool:
    ids = {getattr(data.get("institution"), "pk", None), getattr(data.get("maintained_by"), "pk", None)}
    return user.institution_id in ids


def unit_create(user, *, data: dict) -> Unit:
    """A new unit; a focal point may only create units of their own institution."""
    if not can_add_unit(user):
        raise PermissionDenied
    if not is_coordination(user) and not _owned_by_user(user, data):
        raise PermissionDenied(_("Cadastre unidades da sua própria instituição."))
    unit = Unit(**{name: value for name, value in data.items() if name in EDITABLE_FIELDS})
    unit.full_clean()
    unit._history_user = user
    unit.save()
    return unit


def unit_update(user, unit: Unit, *, data: dict) -> Unit:
    """Change a unit; a focal point may not hand it over to another institution."""
    with transaction.atomic():
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        if not can_edit_unit(user, unit):
            raise PermissionDenied
        for name, value in data.items():
            if name in EDITABLE_FIELDS:
                setattr(unit, name, value)
        if not is_coordination(user) and not _owned_by_user(
            user, {"institution": unit.institution, "maintained_by": unit.maintained_by}
        ):
            raise PermissionDenied(_("A unidade deve continuar vinculada à sua instituição."))
        unit.full_clean()
        unit._history_user = user
        unit.save()
    return unit

"""Editing the directory: the coordination edits every unit, a focal point only their institution's units."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pnetp.network.models import UnitKind
from pnetp.network.permissions import can_see_restricted_fields
from pnetp.network.services.directory import unit_create, unit_update
from pnetp.territory.models import Municipality

pytestmark = pytest.mark.django_db


def test_focal_point_edits_own_institution_units_only(directory):
    focal = directory.users["focal"]  # SEDES-DF: the shelter and the CREAS
    unit_update(focal, directory.creas, data={"phone": "(62) 3000-0000"})
    directory.creas.refresh_from_db()
    assert directory.creas.phone == "(62) 3000-0000"
    assert directory.creas.history.first().history_user == focal
    with pytest.raises(PermissionDenied):
        unit_update(focal, directory.netp, data={"phone": "x"})
    with pytest.raises(PermissionDenied):
        unit_update(focal, directory.creas, data={"institution": directory.mjsp})
    for name in ("professional", "analyst"):
        with pytest.raises(PermissionDenied):
            unit_update(directory.users[name], directory.creas, data={"phone": "x"})


def test_create_checks_institution_and_model_rules(directory):
    focal, coord = directory.users["focal"], directory.users["coord"]
    data = {"name": "CRAS Taguatinga", "kind": UnitKind.CRAS, "municipality_id": 5300108}
    with pytest.raises(PermissionDenied):
        unit_create(focal, data={**data, "institution": directory.mjsp})
    with pytest.raises(ValidationError):
        unit_create(coord, data={"name": "Sem município", "kind": UnitKind.CRAS})
    unit = unit_create(
        focal, data={**data, "municipality": Municipality.objects.get(pk=5300108), "institution": directory.sedes}
    )
    assert unit.code == f"U{unit.pk:05d}"
    with pytest.raises(PermissionDenied):
        unit_create(directory.users["analyst"], data=data)


def test_who_sees_restricted_fields(directory):
    users = directory.users
    assert can_see_restricted_fields(users["coord"], directory.shelter)
    assert can_see_restricted_fields(users["focal"], directory.shelter)
    assert can_see_restricted_fields(users["professional"], directory.shelter)  # member of the shelter
    assert not can_see_restricted_fields(users["professional"], directory.creas)
    assert not can_see_restricted_fields(users["other_focal"], directory.shelter)
    assert not can_see_restricted_fields(users["analyst"], directory.shelter)

"""A small network for the referral tests: units in SP and RJ, their professionals and the other roles.

Built once per test module (``shared``); each test runs in its own rolled-back transaction.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Permission

from pnetp.accounts.models import Role, User
from pnetp.core.tests.shared_data import fresh, shared
from pnetp.network.models import Unit, UnitKind, UnitMember
from pnetp.referrals.models import Purpose
from pnetp.referrals.services.atendimentos import AtendimentoData, open_atendimento

SAO_PAULO, CAMPINAS, RIO = 3550308, 3509502, 3304557
ROLES = ("anonymous", "netp", "creas", "police", "other_sp", "rj", "override", "coord", "analyst", "focal", "committee")


@dataclass
class World:
    units: dict
    users: dict

    def user(self, role):
        return self.users.get(role)


def make_user(username, role, unit=None, *, perms=()):
    user = User.objects.create_user(username, f"{username}@example.org", "senha-de-teste-123", role=role)
    if unit is not None:
        UnitMember.objects.create(user=user, unit=unit)
    for codename in perms:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def build_world() -> World:
    units = {
        "netp": Unit.objects.create(name="NETP São Paulo", kind=UnitKind.NETP, municipality_id=SAO_PAULO),
        "creas": Unit.objects.create(name="CREAS Sé", kind=UnitKind.CREAS, municipality_id=SAO_PAULO),
        "police": Unit.objects.create(
            name="Delegacia de Polícia Civil", kind=UnitKind.CIVIL_POLICE, municipality_id=CAMPINAS
        ),
        "other_sp": Unit.objects.create(name="CRAS Campinas", kind=UnitKind.CRAS, municipality_id=CAMPINAS),
        "rj": Unit.objects.create(name="CREAS Centro Rio", kind=UnitKind.CREAS, municipality_id=RIO),
        "council": Unit.objects.create(
            name="Conselho Tutelar Sé", kind=UnitKind.TUTELARY_COUNCIL, municipality_id=SAO_PAULO
        ),
    }
    pro = Role.NETWORK_PROFESSIONAL
    users = {
        "anonymous": None,
        "netp": make_user("t.netp", pro, units["netp"]),
        "creas": make_user("t.creas", pro, units["creas"]),
        "police": make_user("t.police", pro, units["police"]),
        "other_sp": make_user("t.cras", pro, units["other_sp"]),
        "rj": make_user("t.rj", pro, units["rj"]),
        "override": make_user("t.netp.chefe", pro, units["netp"], perms=["override_consent"]),
        "coord": make_user("t.coord", Role.COORDINATION),
        "analyst": make_user("t.analyst", Role.ANALYST),
        "focal": make_user("t.focal", Role.FOCAL_POINT),
        "committee": make_user("t.committee", Role.COMMITTEE_MEMBER),
    }
    return World(units, users)


def open_case(world, *, consents=(Purpose.NETWORK,), **data):
    """An atendimento of the NETP with the given consents (written), and a fictitious identity."""
    from pnetp.referrals.consent import consent_record

    user = world.users["netp"]
    atendimento = open_atendimento(
        user,
        world.units["netp"],
        AtendimentoData(identification_route="rescue", **data),
        identity={"full_name": "Maria Fictícia da Silva", "cpf": "52998224725"},
    )
    for purpose in consents:
        consent_record(user, atendimento, purpose=purpose, granted=True, how="written")
    return atendimento


shared_world = shared(lambda folder: build_world())


@pytest.fixture
def world(territory_session, shared_world, db):
    return fresh(shared_world)

"""A small directory: a public NETP, a shelter (address always restricted) and a CREAS that restricts its phone."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from pnetp.accounts.models import Role, User
from pnetp.institutions.models import Institution
from pnetp.network.models import Unit, UnitKind, UnitMember

SHELTER_ADDRESS = "Rua do Sigilo Absoluto, 777"
SHELTER_LAT, SHELTER_LON = Decimal("-15.43219"), Decimal("-47.87651")
CREAS_PHONE = "(61) 99876-5432"
CREAS_EMAIL = "creas.restrito@example.org"
SECRETS = [SHELTER_ADDRESS, "-15.43219", "-15,43219", "-47.87651", "-47,87651", CREAS_PHONE, CREAS_EMAIL]
BRASILIA, GOIANIA = 5300108, 5208707


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Directory:
    mjsp: Institution
    sedes: Institution
    netp: Unit
    shelter: Unit
    creas: Unit
    users: dict


def make_user(username, role="", institution=None):
    return User.objects.create_user(username=username, role=role, password="x", institution=institution)


def build_directory() -> Directory:
    mjsp = Institution.objects.create(acronym="MJSP", name="Ministério da Justiça", kind="federal")
    sedes = Institution.objects.create(
        acronym="SEDES-DF", name="Secretaria de Desenvolvimento Social", kind="state", uf="DF"
    )
    netp = Unit.objects.create(
        name="NETP Distrito Federal", kind=UnitKind.NETP, institution=mjsp, municipality_id=BRASILIA,
        address="Esplanada, bloco T", latitude=Decimal("-15.79800"), longitude=Decimal("-47.86500"),
        phone="(61) 2025-0000", services=["psychosocial", "legal"], last_verified=date(2026, 6, 1),
    )  # fmt: skip
    shelter = Unit.objects.create(
        name="Casa de Acolhida Esperança", kind=UnitKind.SHELTER, institution=sedes, municipality_id=BRASILIA,
        address=SHELTER_ADDRESS, latitude=SHELTER_LAT, longitude=SHELTER_LON, phone="(61) 3333-1000",
        services=["accommodation"], last_verified=date(2025, 1, 10),
    )  # fmt: skip
    creas = Unit.objects.create(
        name="CREAS Goiânia Centro", kind=UnitKind.CREAS, institution=sedes, municipality_id=GOIANIA,
        address="Avenida Goiás, 100", phone=CREAS_PHONE, email=CREAS_EMAIL, restricted_fields=["phone", "email"],
        services=["psychosocial", "social_benefits"],
    )  # fmt: skip
    users = {
        "coord": make_user("coord", Role.COORDINATION),
        "focal": make_user("focal", Role.FOCAL_POINT, sedes),
        "other_focal": make_user("other_focal", Role.FOCAL_POINT, mjsp),
        "professional": make_user("professional", Role.NETWORK_PROFESSIONAL),
        "analyst": make_user("analyst", Role.ANALYST),
    }
    UnitMember.objects.create(user=users["professional"], unit=shelter)
    return Directory(mjsp, sedes, netp, shelter, creas, users)


@pytest.fixture
def directory(territory) -> Directory:
    return build_directory()

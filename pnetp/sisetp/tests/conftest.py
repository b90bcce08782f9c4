"""A small SISETP world built with the ORM. All people and identities are fictitious.

Institutions: MDHC holds the Disque 100 source, MTE the labour-inspection source. Users: one per role
(coordination, focal point, committee member, analyst, all of MDHC), a service-network worker of MDHC
with a grant for Disque 100, and one of MTE. One victim case from Disque 100 with an identity.
"""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from pnetp.accounts.models import Role, User
from pnetp.accounts.testing import mark_verified, settle
from pnetp.institutions.models import Institution
from pnetp.sisetp.models import (
    Case,
    CasePerson,
    DataSharingAgreement,
    DataSource,
    IdentityAccessGrant,
    LegalBasis,
    StandardVersion,
)
from pnetp.sisetp.services.identity import store_identity
from pnetp.sisetp.standard import STANDARD_VERSION, layout
from pnetp.territory.models import Country, FederativeUnit, Municipality

# Fictitious identity; the CPF is valid by its check digits only.
FAKE_IDENTITY = {
    "full_name": "Joana Fictícia da Silva",
    "social_name": "Jô Fictícia",
    "cpf": "529.982.247-25",
    "birth_date": date(2001, 4, 9),
    "birth_date_reported": "31/02/2001",  # every encrypted field filled, this one too (see test_privacy_storage)
    "mother_name": "Maria Inventada da Silva",
    "phone": "+55 61 99999-0000",
    "email": "joana.ficticia@exemplo.org",
    "address": "Rua Imaginária, 100, Brasília",
}
PLAINTEXTS = [
    "Joana Fictícia",
    "Jô Fictícia",
    "52998224725",
    "529.982.247-25",
    "2001-04-09",
    "31/02/2001",
    "Maria Inventada",
    "99999-0000",
    "joana.ficticia",
    "Rua Imaginária",
]


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(username, role="", institution=None, **extra):
    return User.objects.create_user(username=username, role=role, institution=institution, password="x", **extra)


@pytest.fixture
def places(db):
    # get_or_create: the territory tests may have loaded the real tables for the whole session.
    def country(alpha2, alpha3, numeric, name):
        return Country.objects.get_or_create(
            alpha2=alpha2, defaults={"alpha3": alpha3, "numeric": numeric, "name": name}
        )[0]

    def uf(code, abbreviation, name, region):
        return FederativeUnit.objects.get_or_create(
            ibge_code=code, defaults={"abbreviation": abbreviation, "name": name, "region": region}
        )[0]

    def municipality(code, name, federative_unit, latitude, longitude):
        return Municipality.objects.get_or_create(
            ibge_code=code,
            defaults={
                "name": name,
                "uf": federative_unit,
                "latitude": Decimal(latitude),
                "longitude": Decimal(longitude),
            },
        )[0]

    df, rr = uf(53, "DF", "Distrito Federal", "CO"), uf(14, "RR", "Roraima", "N")
    return SimpleNamespace(
        brazil=country("BR", "BRA", "076", "Brasil"),
        venezuela=country("VE", "VEN", "862", "Venezuela"),
        df=df,
        rr=rr,
        brasilia=municipality(5300108, "Brasília", df, "-15.77972", "-47.92972"),
        pacaraima=municipality(1400456, "Pacaraima", rr, "4.47990", "-61.14770"),
    )


@pytest.fixture
def world(db, places):
    # Made by a data migration; a transactional test before this one (browser tests) flushed it.
    StandardVersion.objects.get_or_create(version=STANDARD_VERSION, defaults={"title": "Parâmetros mínimos"})
    mdhc = Institution.objects.create(acronym="MDHC", name="Ministério dos Direitos Humanos", kind="federal")
    mte = Institution.objects.create(acronym="MTE", name="Ministério do Trabalho e Emprego", kind="federal")
    disque100 = DataSource.objects.create(
        institution=mdhc, slug="disque-100", name="Disque 100", system="Disque 100", coverage="nacional"
    )
    inspection = DataSource.objects.create(
        institution=mte, slug="fiscalizacao", name="Fiscalização do trabalho", coverage="nacional"
    )
    agreement = DataSharingAgreement.objects.create(
        title="Acordo MDHC–MJSP",
        purpose="Monitorar o IV PNETP",
        legal_basis=LegalBasis.ART11_IIB,
        fields_shared=layout.all_column_names(),
        valid_from=date(2024, 1, 1),
        valid_until=date(2025, 12, 31),
        document_reference="SEI 00000.000000/2024-00",
    )
    agreement.parties.set([mdhc])
    agreement.sources.set([disque100])
    users = SimpleNamespace(
        coordination=make_user("coord", Role.COORDINATION, mdhc),
        coordination2=make_user("coord2", Role.COORDINATION, mdhc),
        focal_point=make_user("ponto.focal", Role.FOCAL_POINT, mdhc),
        committee=make_user("comite", Role.COMMITTEE_MEMBER, mdhc),
        analyst=make_user("analista", Role.ANALYST, mdhc),
        worker=make_user("creas", "", mdhc),
        other_worker=make_user("mte.auditor", "", mte),
    )
    grant = IdentityAccessGrant.objects.create(
        user=users.worker,
        source=disque100,
        purpose="Atendimento da vítima pela rede",
        valid_until=date(2999, 12, 31),
        requested_by=users.coordination,
        granted_by=users.coordination2,  # two people: one asked, another approved
        status=IdentityAccessGrant.Status.APPROVED,
    )
    # Reading identities needs a strong sign-in: here, a confirmed second factor (pnetp.accounts.assurance).
    for user in vars(users).values():
        mark_verified(user)
    settle(*vars(users).values())  # accounts made long ago: a grant's approver needs a settled role
    case = Case.objects.create(source=disque100, source_record_id="D100-0001", reporting_date=date(2024, 3, 1))
    victim = CasePerson.objects.create(case=case, source_person_id="1", role="vitima", age_at_identification=22)
    store_identity(victim, FAKE_IDENTITY, check_permission=False)
    return SimpleNamespace(
        mdhc=mdhc,
        mte=mte,
        disque100=disque100,
        inspection=inspection,
        agreement=agreement,
        users=users,
        grant=grant,
        case=case,
        victim=victim,
    )

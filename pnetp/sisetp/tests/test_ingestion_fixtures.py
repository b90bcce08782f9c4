"""Shared fixtures of the ingestion tests (imported by the other test_ingestion_* modules).

Everything is fictitious. ``shared_standards`` finds the standards folder shared beside the
repository (../shared/standards), as CI has it, and skips when it is missing.
"""

import csv
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from pnetp.accounts.models import Role
from pnetp.institutions.models import Institution
from pnetp.sisetp.models import DataSharingAgreement, DataSource, LegalBasis, StandardVersion
from pnetp.sisetp.standard import STANDARD_VERSION
from pnetp.sisetp.standard import layout

from .conftest import make_user

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def shared_standards() -> Path:
    path = REPO.parent / "shared" / "standards"
    if not path.is_dir():
        pytest.skip(f"pasta compartilhada de padrões ausente: {path} (o CI a tem em ../shared)")
    return path


@pytest.fixture
def feed(db, territory):
    """A source of a state social-assistance institution with an agreement in force, and users."""
    # Made by a data migration; a transactional test before this one (browser tests) flushed it.
    StandardVersion.objects.get_or_create(version=STANDARD_VERSION, defaults={"title": "Parâmetros mínimos"})
    institution = Institution.objects.create(acronym="SEDS-XX", name="Secretaria Fictícia", kind="state")
    other = Institution.objects.create(acronym="OUTRA", name="Outra Instituição Fictícia", kind="state")
    source = DataSource.objects.create(
        institution=institution, slug="creas-ficticio", name="CREAS Fictício", coverage="nacional"
    )
    bare = DataSource.objects.create(institution=institution, slug="sem-acordo", name="Sem acordo", coverage="nacional")
    agreement = DataSharingAgreement.objects.create(
        title="Acordo fictício",
        purpose="Monitorar o IV PNETP",
        legal_basis=LegalBasis.ART11_IIB,
        fields_shared=layout.all_column_names(),
        valid_from=date(2024, 1, 1),
        document_reference="SEI 00000.000001/2024-00",
    )
    agreement.sources.set([source])
    users = SimpleNamespace(
        coordination=make_user("coord.imp", Role.COORDINATION, institution),
        focal_point=make_user("pf.imp", Role.FOCAL_POINT, institution),
        other_focal_point=make_user("pf.outra", Role.FOCAL_POINT, other),
        analyst=make_user("analista.imp", Role.ANALYST, institution),
    )
    return SimpleNamespace(source=source, bare=bare, users=users, institution=institution)


CASE_HEADER = [
    "fonte",
    "id_registro",
    "id_pessoa",
    "data_registro",
    "data_identificacao",
    "situacao_trafico",
    "papel",
    "sexo",
    "idade",
    "raca_cor",
    "nacionalidades",
    "formas_exploracao",
    "meios_controle",
    "data_aliciamento",
    "municipio_aliciamento_ibge",
    "paises_transito",
    "municipio_exploracao_ibge",
]


def case_rows(count=3, source="creas-ficticio"):
    rows = []
    for n in range(1, count + 1):
        rows.append(
            [source, f"R{n:04d}", "1", "2024-03-01", "15/03/2024", "confirmado", "vitima", "feminino", "22", "parda",
             "BR;VE", "exploracao_sexual;trabalho_escravo", "ameaca", "2023-11", "1400456", "", "Brasília/DF"]
        )  # fmt: skip
        rows.append(
            [
                source,
                f"R{n:04d}",
                "2",
                "2024-03-01",
                "",
                "",
                "suspeito",
                "masculino",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ]
        )
    return rows


def write_csv(path: Path, header, rows, *, delimiter=",", encoding="utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as stream:
        writer = csv.writer(stream, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path

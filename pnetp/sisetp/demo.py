"""Demo data of the SISETP: FICTITIOUS records of three sources, so the public statistics show numbers.

The records come from the generator (``pnetp.sisetp.generator``, fixed seed: always the same people) and go
in the way real data does: a data source and a data-sharing agreement in force, the import service; then
``pnetp.linkage.demo.load`` (the next loader) links the unique persons and ``pnetp.statistics.demo.load``
publishes the protected release the public pages read. Idempotent: a source already imported is not imported
again.
"""

import tempfile
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from pnetp.institutions.models import Institution
from pnetp.territory.loader import load_territory
from pnetp.territory.models import Municipality

from .ingestion.batches import run_import
from .models import DataSharingAgreement, DataSource, ImportBatch, LegalBasis, StandardVersion
from .standard import STANDARD_VERSION, layout

RECORDS, SOURCES, SEED = 2000, 3, 2024
TEST_RECORDS = 200  # every app's tests run ``pnetp demo``; the same path with fewer records keeps them quick
# Generator source slug → the institution (of the demo directory) that would hold such a source.
INSTITUTIONS = {"disque-100": "MDHC", "auditoria-trabalho": "SIT", "netp-sp": "CGETP"}
AGREEMENT = "Acordo de compartilhamento de dados do SISETP (fictício, demonstração)"


def _institution(slug: str) -> Institution:
    found = Institution.objects.filter(acronym=INSTITUTIONS.get(slug, "")).first()
    if found:
        return found
    return Institution.objects.get_or_create(
        acronym="DEMO-SISETP", defaults={"name": "Instituição fictícia de demonstração", "kind": "federal"}
    )[0]


def _sources(manifest: dict) -> list[DataSource]:
    sources = [
        DataSource.objects.get_or_create(
            slug=s["slug"],
            defaults={
                "institution": _institution(s["slug"]),
                "name": s["name"],
                "coverage": DataSource.Coverage.NATIONAL,
            },
        )[0]
        for s in manifest["source_files"]
    ]
    agreement, _created = DataSharingAgreement.objects.get_or_create(
        title=AGREEMENT,
        defaults={
            "purpose": "Demonstrar a plataforma com dados fictícios (nenhuma pessoa real).",
            "legal_basis": LegalBasis.ART11_IIB,
            "fields_shared": layout.all_column_names(),
            "valid_from": date(2019, 1, 1),
            "document_reference": "SEI 00000.000000/0000-00 (fictício)",
        },
    )
    agreement.sources.add(*sources)
    agreement.parties.add(*{source.institution for source in sources})
    return sources


def _import(stdout) -> bool:
    """Import the generated files of every source not imported yet; True when something was imported."""
    from .generator import generate

    StandardVersion.objects.get_or_create(version=STANDARD_VERSION, defaults={"title": "Parâmetros mínimos"})
    imported = False
    with tempfile.TemporaryDirectory(prefix="pnetp-demo-sisetp-") as folder:
        records = TEST_RECORDS if settings.TESTING else RECORDS
        manifest = generate(records, SOURCES, seed=SEED, out_dir=folder, workers=1).as_dict()
        for source, files in zip(_sources(manifest), manifest["source_files"]):
            if ImportBatch.objects.filter(source=source, status=ImportBatch.Status.DONE).exists():
                continue
            result = run_import(
                source,
                "standard",
                Path(folder) / files["cases_file"],
                identity_path=Path(folder) / files["identities_file"],
            )
            if not result.ok:
                raise CommandError("\n".join(result.report.lines()))
            stdout.write(f"SISETP: {source.name}: {result.summary()}")
            imported = True
    return imported


def load(stdout) -> None:
    if not Municipality.objects.exists():  # events point at IBGE municipalities
        stdout.write(load_territory(boundaries=False).summary())
    demo_slugs = list(INSTITUTIONS)
    if not ImportBatch.objects.filter(source__slug__in=demo_slugs, status=ImportBatch.Status.DONE).count() == len(
        demo_slugs
    ):
        _import(stdout)

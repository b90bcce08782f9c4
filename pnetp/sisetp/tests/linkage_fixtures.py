"""Generated fictitious records imported through the real importer, for the database linkage tests."""

from datetime import date
from types import SimpleNamespace

from pnetp.institutions.models import Institution
from pnetp.sisetp.generator import generate
from pnetp.sisetp.generator.truth import read_truth
from pnetp.sisetp.ingestion.batches import run_import
from pnetp.sisetp.models import DataSharingAgreement, DataSource, LegalBasis
from pnetp.sisetp.standard import layout


def generate_and_register(out_dir, records: int, sources: int, seed: int, institution=None) -> SimpleNamespace:
    """Generate files and create their sources (held by ``institution``) under one agreement in force."""
    manifest = generate(records, sources, seed=seed, noise="low", out_dir=out_dir, workers=1)
    institution = institution or Institution.objects.create(
        acronym="GERADOR", name="Instituição Fictícia", kind="federal"
    )
    created = [
        DataSource.objects.create(institution=institution, slug=s["slug"], name=s["name"], coverage="nacional")
        for s in manifest.source_files
    ]
    agreement = DataSharingAgreement.objects.create(
        title="Acordo fictício",
        purpose="Testar a ligação de registros",
        legal_basis=LegalBasis.ART11_IIB,
        fields_shared=layout.all_column_names(),
        valid_from=date(2019, 1, 1),
        document_reference="SEI 00000.000003/2024-00",
    )
    agreement.sources.set(created)
    truth = {"|".join(key): person for key, person in read_truth(out_dir).items()}
    return SimpleNamespace(out=out_dir, manifest=manifest, sources=created, truth=truth, institution=institution)


def import_source(data, index: int) -> None:
    files = data.manifest.source_files[index]
    result = run_import(
        data.sources[index], "standard", data.out / files["cases_file"],
        identity_path=data.out / files["identities_file"],
    )  # fmt: skip
    assert result.ok, list(result.report.lines())[:5]

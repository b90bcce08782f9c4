"""Generated files pass the real importer: validation finds nothing, the counts match the manifest."""

from datetime import date

import pytest

from pnetp.institutions.models import Institution
from pnetp.sisetp.generator import generate
from pnetp.sisetp.ingestion.batches import run_import
from pnetp.sisetp.models import Case, CasePerson, DataSharingAgreement, DataSource, LegalBasis
from pnetp.sisetp.standard import layout


@pytest.fixture
def sources(territory):
    def make(manifest):
        institution = Institution.objects.create(acronym="GERADOR", name="Instituição Fictícia", kind="federal")
        created = [
            DataSource.objects.create(institution=institution, slug=s["slug"], name=s["name"], coverage="nacional")
            for s in manifest.source_files
        ]
        agreement = DataSharingAgreement.objects.create(
            title="Acordo fictício",
            purpose="Testar o gerador",
            legal_basis=LegalBasis.ART11_IIB,
            fields_shared=layout.all_column_names(),
            valid_from=date(2019, 1, 1),
            document_reference="SEI 00000.000002/2024-00",
        )
        agreement.sources.set(created)
        return created

    return make


@pytest.mark.parametrize("noise", ["default", "harsh"])
def test_generated_files_validate(tmp_path, sources, noise):
    manifest = generate(2_000, 3, seed=5, noise=noise, out_dir=tmp_path, workers=1)
    for source, files in zip(sources(manifest), manifest.source_files):
        result = run_import(
            source,
            "standard",
            tmp_path / files["cases_file"],
            identity_path=tmp_path / files["identities_file"],
            dry_run=True,
        )
        assert result.ok, list(result.report.lines())[:5]
        assert result.rows == files["rows"]


def test_generated_files_import(tmp_path, sources):
    manifest = generate(300, 2, seed=9, out_dir=tmp_path, workers=1)
    for source, files in zip(sources(manifest), manifest.source_files):
        result = run_import(
            source, "standard", tmp_path / files["cases_file"], identity_path=tmp_path / files["identities_file"]
        )
        assert result.ok, list(result.report.lines())[:5]
    assert CasePerson.objects.count() == 300
    assert Case.objects.count() < 300  # some records have several persons

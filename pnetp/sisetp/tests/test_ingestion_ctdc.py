"""CTDC layouts: the shared k-anonymised sample (63 columns) and a CTDC 2024 file."""

import shutil

from pnetp.sisetp.ingestion.batches import run_import
from pnetp.sisetp.models import Case, CasePerson

from .test_ingestion_fixtures import feed, shared_standards, write_csv  # noqa: F401


def test_kanon_sample_imports_with_expected_counts(feed, shared_standards, tmp_path):
    sample = shutil.copy(shared_standards / "ctdc" / "ctdc_k_anon_header_sample.csv", tmp_path / "ctdc.csv")
    result = run_import(feed.source, "ctdc-kanon", sample)
    assert result.ok, result.report.lines()
    assert result.counts["cases_created"] == 3 and result.counts["persons_created"] == 3
    first = CasePerson.objects.get(case__source_record_id="1")
    assert (first.role, first.gender_identity, first.age_band) == ("vitima", "mulher_cis", "18_20")
    assert list(first.citizenships.values_list("alpha2", flat=True)) == ["CO"]
    assert list(first.exploitation_forms.values_list("code", flat=True)) == ["exploracao_sexual"]
    assert Case.objects.get(source_record_id="1").reporting_date.isoformat() == "2002-01-01"
    assert not CasePerson.objects.get(case__source_record_id="2").exploitation_forms.exists()
    assert run_import(feed.source, "ctdc-kanon", sample).counts["cases_unchanged"] == 3


def test_ctdc2024(feed, tmp_path):
    header = ["yearOfRegistration", "gender", "ageBroad", "citizenship", "CountryOfExploitation", "traffickMonths",
              "meansFalsePromises", "meansThreats", "isForcedLabour", "isSexualExploit", "typeOfLabourConstruction",
              "recruiterRelationFamily"]  # fmt: skip
    rows = [["2021", "Man", "30—38", "VE", "BR", "NULL", "1", "1", "1", "0", "1", "1"],
            ["2022", "NULL", "NULL", "NULL", "NULL", "NULL", "0", "NULL", "NULL", "NULL", "NULL", "0"]]  # fmt: skip
    result = run_import(feed.source, "ctdc2024", write_csv(tmp_path / "ctdc2024.csv", header, rows))
    assert result.ok, result.report.lines()
    person = CasePerson.objects.get(case__source_record_id="1")
    assert (person.gender_identity, person.age_band, person.relationship_to_recruiter) == (
        "homem_cis",
        "30_38",
        "familiar",
    )
    assert list(person.means_of_control.values_list("code", flat=True)) == ["falsas_promessas"]
    assert list(person.labour_sectors.values_list("code", flat=True)) == ["F"]
    assert Case.objects.get(source_record_id="1").events.get(kind="exploracao").country_id == "BR"

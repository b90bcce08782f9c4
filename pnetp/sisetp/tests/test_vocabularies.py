"""Every mapping points at a value that really exists in the shared standards, and map_value is exact."""

import csv
import json
import re
from pathlib import Path

import pytest

from pnetp.sisetp.standard.mapping import export_values, is_unknown_value, map_value, normalize_external
from pnetp.sisetp.standard.schemes import SCHEMES, UNKNOWN_VALUES
from pnetp.sisetp.standard.vocabularies import VOCABULARIES

# shared/ lies beside the clone (here and in CI); /work/shared on the developers' machines.
_CANDIDATES = [Path(__file__).resolve().parents[4] / "shared" / "standards", Path("/work/shared/standards")]
SHARED = next((path for path in _CANDIDATES if path.exists()), _CANDIDATES[0])
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="shared/standards not available")


def all_matches(scheme):
    for vocabulary in VOCABULARIES.values():
        for item in vocabulary.entries:
            for match in item.matches(scheme):
                yield vocabulary.slug, item.code, match


def htcds_values_from_json():
    rows = json.loads((SHARED / "htcds" / "HTCDS_Field_Standards_2.0.json").read_text())["Field_Standards"]
    header = rows[0]
    index = header.index("Value Names (if picklist)")
    return {value.strip() for row in rows[1:] if len(row) > index for value in row[index].split("\n") if value.strip()}


def htcds_values_from_csv():
    with open(SHARED / "htcds" / "HTCDS_Field_Standards_2.0__Field_Standards.csv", newline="") as f:
        return {
            value.strip()
            for row in csv.DictReader(f)
            for value in (row["Value Names (if picklist)"] or "").split("\n")
            if value.strip()
        }


def ctdc_text(scheme):
    if scheme == "ctdc2024":
        return (SHARED / "ctdc" / "codebook_v2024.txt").read_text()
    # The 63-column layout: its codebook plus the header of the k-anonymised sample.
    return (SHARED / "ctdc" / "codebook_v6.txt").read_text() + (
        SHARED / "ctdc" / "ctdc_k_anon_header_sample.csv"
    ).read_text()


@needs_shared
def test_htcds_value_names_exist_in_json_and_csv():
    in_json, in_csv = htcds_values_from_json(), htcds_values_from_csv()
    assert in_json == in_csv
    missing = [(v, c, m.value) for v, c, m in all_matches("htcds") if m.value not in in_json]
    assert not missing


@needs_shared
@pytest.mark.parametrize("scheme", ["ctdc2024", "ctdc6"])
def test_ctdc_values_exist_in_codebook_text(scheme):
    text = ctdc_text(scheme)
    missing = [(v, c, m.value) for v, c, m in all_matches(scheme) if m.value not in text]
    assert not missing


@needs_shared
def test_disque100_values_are_full_paths_of_the_2023_taxonomy():
    lines = (SHARED / "disque100" / "disque100_violacao_taxonomy_2023_from_wdmartinez.txt").read_text().splitlines()
    taxonomy = {line.strip() for line in lines if line.strip()}
    missing = [(v, c, m.value) for v, c, m in all_matches("disque100") if m.value not in taxonomy]
    assert not missing


@needs_shared
def test_unknown_values_exist_in_the_sources():
    assert UNKNOWN_VALUES["htcds"] <= htcds_values_from_json()
    for scheme in ("ctdc2024", "ctdc6"):
        text = ctdc_text(scheme)
        assert all(value in text for value in UNKNOWN_VALUES[scheme])


@needs_shared
def test_every_htcds_value_of_mapped_fields_has_a_home():
    """Each HTCDS picklist the standard claims to cover imports entirely (or is "unknown")."""
    rows = json.loads((SHARED / "htcds" / "HTCDS_Field_Standards_2.0.json").read_text())["Field_Standards"]
    header = rows[0]
    name_i, values_i = header.index("Field Name including Prefix"), header.index("Value Names (if picklist)")
    picklists = {
        row[name_i]: [v.strip() for v in row[values_i].split("\n") if v.strip()]
        for row in rows[1:]
        if len(row) > values_i
    }
    for vocabulary in VOCABULARIES.values():
        for field in filter(None, (name.strip() for name in vocabulary.references.get("htcds", "").split(","))):
            for value in picklists[field]:
                assert value in UNKNOWN_VALUES["htcds"] or map_value(vocabulary.slug, "htcds", value), (field, value)


def test_codes_are_unique_identifiers():
    for vocabulary in VOCABULARIES.values():
        codes = vocabulary.codes()
        assert len(codes) == len(set(codes)), vocabulary.slug
        assert all(re.fullmatch(r"[a-zA-Z0-9_]{1,40}", code) for code in codes), vocabulary.slug
        assert all(str(item.label).strip() for item in vocabulary.entries)


def test_every_mapping_is_to_a_known_scheme():
    for vocabulary in VOCABULARIES.values():
        for item in vocabulary.entries:
            assert set(item.mappings) <= set(SCHEMES)


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_an_external_value_imports_into_one_code_only(scheme):
    for vocabulary in VOCABULARIES.values():
        seen = {}
        for item in vocabulary.entries:
            for match in item.matches(scheme):
                if match.imports:
                    key = normalize_external(match.value)
                    assert seen.setdefault(key, item.code) == item.code, (vocabulary.slug, match.value)


def test_map_value_examples():
    assert map_value("exploitation_form", "htcds", "SexualExploitation") == "exploracao_sexual"
    assert map_value("exploitation_form", "ctdc2024", "isForcedLabour") == "trabalho_escravo"
    assert map_value("exploitation_form", "ctdc6", "isOrganRemoval") == "remocao_orgaos"
    assert (
        map_value("exploitation_form", "disque100", "LIBERDADE>SEXUAL>FÍSICA>EXPLORAÇÃO SEXUAL") == "exploracao_sexual"
    )
    # Narrower Disque 100 categories import into the broader code.
    path = "LIBERDADE>DIREITOS INDIVIDUAIS>CONDIÇÃO ANÁLOGA À DE ESCRAVO>SUBMETER TRABALHADOR A JORNADA EXAUSTIVA"
    assert map_value("exploitation_form", "disque100", path) == "trabalho_escravo"
    assert map_value("gender_identity", "htcds", "TransgenderFeminine") == "mulher_trans"
    assert map_value("labour_sector", "htcds", "T_ActivitiesOfHouseholdsAsEmployers") == "T"
    assert map_value("relationship_to_recruiter", "htcds", "Unaquainted") == "desconhecido"
    assert map_value("means_of_control", "ctdc2024", "meansWithholdDocuments") == "retencao_documentos"
    assert map_value("means_of_control", "ctdc2024", "meansWithholdDocs") == "retencao_documentos"


def test_map_value_is_lenient_on_case_accents_and_dashes():
    assert map_value("age_band", "ctdc6", "18--20") == "18_20"
    assert map_value("age_band", "ctdc2024", "18—20") == "18_20"
    assert map_value("exploitation_form", "htcds", "  sexualexploitation ") == "exploracao_sexual"
    assert (
        map_value("exploitation_form", "disque100", "liberdade>sexual>fisica>exploracao sexual") == "exploracao_sexual"
    )


def test_map_value_never_guesses():
    # CTDC 2024 merged three threats into one variable: importing it would have to pick one.
    assert map_value("means_of_control", "ctdc2024", "meansThreats") is None
    assert map_value("decision_authority", "htcds", "CourtOrProsecution") == "sistema_justica"
    assert map_value("exploitation_form", "htcds", "NoSuchValue") is None
    assert map_value("gender_identity", "htcds", "NonSpecifiedUnknown") is None
    assert map_value("gender_identity", "ctdc6", "-99") is None
    assert map_value("gender_identity", "htcds", "") is None
    assert map_value("gender_identity", "htcds", None) is None


def test_unknown_values_are_recognised():
    assert is_unknown_value("htcds", "NonSpecifiedUnknown")
    assert is_unknown_value("ctdc6", "-99")
    assert is_unknown_value("ctdc6", "Not Specified")
    assert is_unknown_value("disque100", "  ")
    assert not is_unknown_value("htcds", "Feminine")


def test_export_values_use_exact_and_broader_matches():
    assert export_values("means_of_control", "ctdc2024", "ameaca") == ("meansThreats",)
    assert export_values("means_of_control", "ctdc6", "ameaca") == ("meansOfControlThreats",)
    assert export_values("labour_sector", "ctdc2024", "A") == ()  # narrower match: import only
    assert export_values("race_colour", "htcds", "parda") == ()


def test_unknown_vocabulary_scheme_or_code_raise():
    with pytest.raises(LookupError):
        map_value("no_such_vocabulary", "htcds", "x")
    with pytest.raises(LookupError):
        map_value("sex", "no_such_scheme", "x")
    with pytest.raises(LookupError):
        export_values("sex", "htcds", "no_such_code")


def test_penal_code_purposes_are_all_there():
    codes = VOCABULARIES["exploitation_form"].codes()
    assert {"remocao_orgaos", "trabalho_escravo", "servidao", "adocao_ilegal", "exploracao_sexual"} <= set(codes)


def test_race_colour_is_ibge():
    assert VOCABULARIES["race_colour"].codes() == ["branca", "preta", "parda", "amarela", "indigena"]


@pytest.mark.django_db
def test_term_rows_mirror_the_vocabularies():
    from pnetp.sisetp.models import VocabularyTerm
    from pnetp.sisetp.services.vocabulary import sync_terms

    expected = {(v.slug, code) for v in VOCABULARIES.values() for code in v.codes()}
    assert set(VocabularyTerm.objects.values_list("vocabulary", "code")) == expected
    assert sync_terms() == 0  # post_migrate already did it
    VocabularyTerm.objects.create(vocabulary="sex", code="retirado", label="Retirado")
    sync_terms()
    assert not VocabularyTerm.objects.get(code="retirado").active

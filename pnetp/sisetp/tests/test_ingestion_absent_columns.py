"""An import never erases what a file does not carry: an optional column absent from the file leaves the
stored values as they are; only a present, empty cell means "unknown"."""

import pytest

from pnetp.sisetp.ingestion import writer
from pnetp.sisetp.ingestion.batches import run_import
from pnetp.sisetp.models import Case, CasePerson

from .test_ingestion_fixtures import CASE_HEADER, case_rows, feed, write_csv  # noqa: F401
from .test_ingestion_layouts import DISQUE100_HEADER

TRAFFICKING = "LIBERDADE>DIREITOS INDIVIDUAIS>TRÁFICO DE PESSOAS - INTERNACIONAL"


@pytest.fixture(params=["one chunk", "chunks of 3"])
def write_path(request, monkeypatch):
    """New cases written in one chunk, and in chunks of 3 (the identity file checked between them)."""
    if request.param == "chunks of 3":
        monkeypatch.setattr(writer, "CREATE_CHUNK", 3)
    return request.param


def _disque100(tmp_path, name, header, rows):
    return write_csv(tmp_path / name, header, rows, delimiter=";", encoding="cp1252")


def _person_state(record_id, person_id="1"):
    person = CasePerson.objects.get(case__source_record_id=record_id, source_person_id=person_id)
    return {
        "sex": person.sex,
        "race": person.race_colour,
        "age": person.age_at_identification,
        "band": person.age_band,
        "citizenships": sorted(person.citizenships.values_list("alpha2", flat=True)),
        "forms": sorted(person.exploitation_forms.values_list("code", flat=True)),
        "control": sorted(person.means_of_control.values_list("code", flat=True)),
    }


def test_disque100_file_without_sex_column_keeps_every_sex(feed, tmp_path):
    """The reported bug: a Disque 100 file without ``Sexo da vítima`` emptied every person's sex."""
    rows = [
        ["a1", "2023-01-15", "RR", "PACARAIMA", "Feminino", "18 a 19 anos", "Parda", TRAFFICKING],
        ["b2", "2023-02-01", "SP", "SÃO PAULO", "Masculino", "40 a 44 anos", "Branca", TRAFFICKING],
    ]
    first = run_import(feed.source, "disque100", _disque100(tmp_path, "d1.csv", DISQUE100_HEADER, rows))
    assert first.ok, first.report.lines()
    without_sex = [name for name in DISQUE100_HEADER if name != "Sexo da vítima"]
    keep = [DISQUE100_HEADER.index(name) for name in without_sex]
    later_rows = [[row[i] for i in keep] for row in rows]
    later_rows[1][without_sex.index("Raça\\Cor da vítima")] = "Parda"  # a real change, carried by the file
    result = run_import(feed.source, "disque100", _disque100(tmp_path, "d2.csv", without_sex, later_rows))
    assert result.ok, result.report.lines()
    assert _person_state("a1")["sex"] == "feminino"
    assert (_person_state("b2")["sex"], _person_state("b2")["race"]) == ("masculino", "parda")
    assert result.counts["cases_unchanged"] == 1 and result.counts["cases_updated"] == 1
    # Present but empty ("Não informado") still means unknown.
    later_rows = [[*row[:4], "Não informado", *row[5:]] for row in rows]
    result = run_import(feed.source, "disque100", _disque100(tmp_path, "d3.csv", DISQUE100_HEADER, later_rows))
    assert result.ok, result.report.lines()
    assert _person_state("a1")["sex"] is None and _person_state("b2")["sex"] is None


def _columns(header, rows, drop):
    keep = [i for i, name in enumerate(header) if name not in drop]
    return [header[i] for i in keep], [[row[i] for i in keep] for row in rows]


@pytest.mark.parametrize("rows_count", [2])
def test_standard_file_without_optional_columns_keeps_stored_values(write_path, feed, tmp_path, rows_count):
    first = run_import(feed.source, "standard", write_csv(tmp_path / "c1.csv", CASE_HEADER, case_rows(rows_count)))
    assert first.ok, first.report.lines()
    before = {(p.case.source_record_id, p.source_person_id): _person_state(p.case.source_record_id, p.source_person_id)
              for p in CasePerson.objects.select_related("case")}  # fmt: skip
    events_before = sorted(Case.objects.values_list("events__kind", "events__municipality_id", "events__date"))
    drop = {"sexo", "idade", "raca_cor", "nacionalidades", "formas_exploracao", "meios_controle",
            "data_aliciamento", "municipio_aliciamento_ibge", "data_identificacao", "situacao_trafico"}  # fmt: skip
    header, rows = _columns(CASE_HEADER, case_rows(rows_count), drop)
    result = run_import(feed.source, "standard", write_csv(tmp_path / "c2.csv", header, rows))
    assert result.ok, result.report.lines()
    after = {(p.case.source_record_id, p.source_person_id): _person_state(p.case.source_record_id, p.source_person_id)
             for p in CasePerson.objects.select_related("case")}  # fmt: skip
    assert after == before
    assert sorted(Case.objects.values_list("events__kind", "events__municipality_id", "events__date")) == events_before
    assert Case.objects.filter(identification_date__isnull=False).count() == rows_count
    assert result.counts["cases_unchanged"] == rows_count and result.counts.get("cases_updated", 0) == 0

    # A carried change is written; what is absent still stays.
    header, rows = _columns(CASE_HEADER, case_rows(rows_count), {"sexo", "formas_exploracao"})
    rows[0][header.index("raca_cor")] = "preta"
    rows[0][header.index("meios_controle")] = ""
    result = run_import(feed.source, "standard", write_csv(tmp_path / "c3.csv", header, rows))
    assert result.ok, result.report.lines()
    state = _person_state("R0001")
    assert (state["sex"], state["race"], state["control"]) == ("feminino", "preta", [])
    assert state["forms"] == ["exploracao_sexual", "trabalho_escravo"]
    assert result.counts["cases_updated"] == 1


def test_custom_layout_without_a_mapped_column_keeps_it(feed, tmp_path):
    from pnetp.sisetp.ingestion.mappings import save_mapping

    save_mapping(feed.source, {
        "columns": {"Nº caso": "id_registro", "Data": "data_registro", "Sexo": "sexo"},
        "values": {"sexo": {"F": "feminino", "M": "masculino"}},
        "constants": {"id_pessoa": "1", "papel": "vitima"},
    })  # fmt: skip
    first = write_csv(tmp_path / "p1.csv", ["Nº caso", "Data", "Sexo"], [["10", "01/02/2024", "F"]])
    assert run_import(feed.source, "custom", first).ok
    feed.source.mapping.columns = {"Nº caso": "id_registro", "Data": "data_registro"}
    feed.source.mapping.save()
    later = write_csv(tmp_path / "p2.csv", ["Nº caso", "Data"], [["10", "01/02/2024"]])
    result = run_import(feed.source, "custom", later)
    assert result.ok, result.report.lines()
    assert _person_state("10")["sex"] == "feminino"


CTDC_HEADER = ["yearOfRegistration", "gender", "ageBroad", "citizenship", "CountryOfExploitation", "meansFalsePromises",
               "meansThreats", "isForcedLabour", "isSexualExploit", "typeOfLabourConstruction",
               "recruiterRelationFamily"]  # fmt: skip
CTDC_ROW = ["2021", "Man", "30—38", "VE", "BR", "1", "1", "1", "0", "1", "1"]


def test_ctdc2024_file_without_flag_groups_and_columns_keeps_them(feed, tmp_path):
    assert run_import(feed.source, "ctdc2024", write_csv(tmp_path / "t1.csv", CTDC_HEADER, [CTDC_ROW])).ok
    before = _person_state("1")
    keep = ["yearOfRegistration", "isForcedLabour", "isSexualExploit"]  # no gender, age, citizenship, means, sector
    header, rows = _columns(CTDC_HEADER, [CTDC_ROW], set(CTDC_HEADER) - set(keep))
    result = run_import(feed.source, "ctdc2024", write_csv(tmp_path / "t2.csv", header, rows))
    assert result.ok, result.report.lines()
    assert _person_state("1") == before and result.counts["cases_unchanged"] == 1
    person = CasePerson.objects.get(case__source_record_id="1")
    expected = ("homem_cis", "30_38", "familiar")
    assert (person.gender_identity, person.age_band, person.relationship_to_recruiter) == expected
    assert list(person.labour_sectors.values_list("code", flat=True)) == ["F"]
    assert Case.objects.get(source_record_id="1").events.get(kind="exploracao").country_id == "BR"


def test_htcds_file_without_a_field_keeps_it(feed, tmp_path):
    header = ["_id", "cas_IncomingReferralDate", "prs_Gender", "prs_Citizenship", "vic_TypeOfExploitation"]
    row = ["H-1", "2024-05-02", "Feminine", "VE", "SexualExploitation ForcedLabour"]
    assert run_import(feed.source, "htcds", write_csv(tmp_path / "h1.csv", header, [row])).ok
    before = _person_state("H-1")
    result = run_import(feed.source, "htcds", write_csv(tmp_path / "h2.csv", header[:2], [row[:2]]))
    assert result.ok, result.report.lines()
    assert _person_state("H-1") == before and before["forms"] == ["exploracao_sexual", "trabalho_escravo"]
    assert CasePerson.objects.get(case__source_record_id="H-1").gender_identity == "mulher_cis"

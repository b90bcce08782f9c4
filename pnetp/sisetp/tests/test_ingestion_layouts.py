"""HTCDS spreadsheets, Disque 100 open data and custom layouts with a saved mapping."""

import json

from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from pnetp.sisetp.ingestion.batches import run_import
from pnetp.sisetp.ingestion.mappings import save_mapping
from pnetp.sisetp.models import Case, CasePerson, SourceMapping

from .test_ingestion_fixtures import feed, shared_standards, write_csv  # noqa: F401


def test_htcds_spreadsheet_built_from_the_xlsform_names(feed, shared_standards, tmp_path):
    form = load_workbook(shared_standards / "htcds" / "htcds_xlsform.xlsx", read_only=True)
    names = [row[1] for row in form["survey"].iter_rows(min_row=2, values_only=True) if row[1]]
    assert {"prs_Gender", "vic_TypeOfExploitation", "cas_IncomingReferralDate"} <= set(names)
    header = ["_id", *names]
    values = {"_id": "H-1", "cas_IncomingReferralDate": "2024-05-02", "prs_Gender": "Feminine",
              "prs_Citizenship": "VE", "vic_TraffickingStatus": "ActualVictimOfTrafficking",
              "vic_TypeOfExploitation": "SexualExploitation ForcedLabour",
              "vic_Methods_of_Control": "FalsePromises", "prs_First_Name": "Nome Fictício"}  # fmt: skip
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    sheet.append([values.get(name) for name in header])
    sheet.append([values.get(name) if name != "_id" else "H-2" for name in header])
    book.save(tmp_path / "htcds.xlsx")
    result = run_import(feed.source, "htcds", tmp_path / "htcds.xlsx")
    assert result.ok, result.report.lines()
    assert result.counts["cases_created"] == 2
    case = Case.objects.get(source_record_id="H-1")
    assert (case.trafficking_status, case.reporting_date.isoformat()) == ("confirmado", "2024-05-02")
    person = case.persons.get()
    assert person.gender_identity == "mulher_cis"
    assert sorted(person.exploitation_forms.values_list("code", flat=True)) == ["exploracao_sexual", "trabalho_escravo"]
    assert list(person.citizenships.values_list("alpha2", flat=True)) == ["VE"]


DISQUE100_HEADER = ["hash", "Data de cadastro", "UF", "Município", "Sexo da vítima", "Faixa etária da vítima",
                    "Raça\\Cor da vítima", "violacao"]  # fmt: skip


def test_disque100_keeps_only_trafficking(feed, tmp_path):
    trafficking = "LIBERDADE>DIREITOS INDIVIDUAIS>TRÁFICO DE PESSOAS - INTERNACIONAL"
    rows = [
        ["a1", "2023-01-15", "RR", "PACARAIMA", "Feminino", "18 a 19 anos", "Parda", trafficking],
        ["a1", "2023-01-15", "RR", "PACARAIMA", "Feminino", "18 a 19 anos", "Parda",
         "LIBERDADE>DIREITOS INDIVIDUAIS>TRÁFICO DE PESSOAS - NACIONAL"],
        ["b2", "2023-02-01", "DF", "BRASÍLIA", "Masculino", "25 a 29 anos", "Não informado",
         "INTEGRIDADE>PSÍQUICA>AMEAÇA ou COAÇÃO"],
        ["c3", "03/02/2023", "SP", "SÃO PAULO", "NÃO INFORMADO", "40 a 44 anos", "Branca", trafficking],
    ]  # fmt: skip
    path = write_csv(tmp_path / "disque100.csv", DISQUE100_HEADER, rows, delimiter=";", encoding="cp1252")
    result = run_import(feed.source, "disque100", path)
    assert result.ok, result.report.lines()
    assert sorted(Case.objects.values_list("source_record_id", flat=True)) == ["a1", "c3"]
    victim = CasePerson.objects.get(case__source_record_id="a1")
    assert (victim.sex, victim.race_colour, victim.age_band) == ("feminino", "parda", "18_20")
    assert Case.objects.get(source_record_id="a1").events.get().municipality_id == 1400456
    assert CasePerson.objects.get(case__source_record_id="c3").age_band == "39_47"


def test_custom_layout_with_saved_mapping(feed, tmp_path):
    mapping = {
        "columns": {
            "Nº caso": "id_registro",
            "Data": "data_registro",
            "Sexo": "sexo",
            "Cidade": "municipio_exploracao_ibge",
        },
        "values": {"sexo": {"F": "feminino", "M": "masculino"}},
        "constants": {"id_pessoa": "1", "papel": "vitima"},
    }
    mapping_path = tmp_path / "mapa.json"
    mapping_path.write_text(json.dumps(mapping, ensure_ascii=False), encoding="utf-8")
    first = write_csv(tmp_path / "planilha.csv", list(mapping["columns"]), [["10", "01/02/2024", "F", "3550308"]])
    call_command("sisetp", "import", "--source", feed.source.slug, "--layout", "custom", "--mapping", str(mapping_path),
                 str(first))  # fmt: skip
    assert SourceMapping.objects.get(source=feed.source).values["sexo"]["F"] == "feminino"
    # The saved mapping is reused for later files without --mapping.
    later = write_csv(tmp_path / "planilha2.csv", list(mapping["columns"]), [["11", "2024-02-03", "M", "Pacaraima/RR"]])
    result = run_import(feed.source, "custom", later)
    assert result.ok, result.report.lines()
    assert sorted(CasePerson.objects.values_list("sex", flat=True)) == ["feminino", "masculino"]
    bad = write_csv(tmp_path / "planilha3.csv", list(mapping["columns"]), [["12", "2024-02-03", "X", "3550308"]])
    assert run_import(feed.source, "custom", bad).report.lines() == [
        "planilha3.csv, linha 2, coluna Sexo, valor 'X': código desconhecido no vocabulário sex "
        "(use: feminino, intersexo, masculino)"
    ]


def test_save_mapping_rejects_unknown_columns(feed):
    import pytest

    with pytest.raises(ValueError, match="colunas que não existem no leiaute padrão: nome"):
        save_mapping(feed.source, {"columns": {"x": "nome"}})

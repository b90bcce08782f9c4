"""Exports (JSON, CSV, XLSX) and importing the CSV/XLSX exports back."""

import csv
import io
import json

import pytest
from openpyxl import Workbook, load_workbook

from pnetp.plans.exporter import COLUMNS, export_csv, export_json, export_xlsx, load_plan
from pnetp.plans.importing import ImportOptions, PlanImportError, import_plan_document
from pnetp.plans.models import Plan

YEARS = {"start_year": 2024, "end_year": 2028}


@pytest.fixture
def plan(db, document_bytes) -> Plan:
    import_plan_document(document_bytes, name="iv.txt")
    return load_plan("iv-pnetp")


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def counts(result):
    return [(len(level.created), len(level.updated), len(level.unchanged)) for level in result.levels()]


def test_json_shape(plan):
    text = export_json(plan)
    assert "Tráfico" in text and "\\u00e1" not in text  # ensure_ascii=False
    data = json.loads(text)
    assert list(data) == ["plan", "axes"]
    assert data["plan"] == {
        "slug": "iv-pnetp",
        "title": "IV Plano Nacional de Enfrentamento ao Tráfico de Pessoas",
        "short_title": "IV PNETP",
        "kind": "national",
        "status": "draft",
        "start_year": 2024,
        "end_year": 2028,
        "territory": "BR",
        "parent": None,
        "description": plan.description,
    }
    assert [list(axis) for axis in data["axes"]] == [["code", "title", "description", "actions"]] * 5
    actions = [action for axis in data["axes"] for action in axis["actions"]]
    activities = [activity for action in actions for activity in action["activities"]]
    assert (len(data["axes"]), len(actions), len(activities)) == (5, 26, 108)
    assert {tuple(action) for action in actions} == {("code", "title", "activities")}
    assert activities[0] == {
        "code": "1.1.1",
        "description": plan.activities.get(code="1.1.1").description,
    }
    # Natural order of codes: 1.1.10 after 1.1.9.
    assert [a["code"] for a in actions[0]["activities"]][8:] == ["1.1.9", "1.1.10", "1.1.11"]


def test_json_names_the_parent_plan(plan, document_bytes):
    import_plan_document(
        document_bytes,
        name="iv.txt",
        options=ImportOptions(slug="pe", title="Plano PE", kind="state", territory="PE", parent="iv-pnetp"),
    )
    assert json.loads(export_json(load_plan("pe")))["plan"]["parent"] == "iv-pnetp"


def test_csv_has_bom_header_and_one_row_per_activity(plan):
    text = export_csv(plan)
    assert text.startswith("\ufeffeixo,titulo_eixo,")
    rows = csv_rows(text)
    assert rows[0] == COLUMNS
    assert len(rows) == 109
    assert rows[1][:4] == ["1", "Estruturação da política", plan.axes.get(code="1").description, "1.1"]
    assert rows[1][5:] == ["1.1.1", plan.activities.get(code="1.1.1").description]
    assert rows[-1][5] == "5.3.5"


def test_xlsx_has_one_row_per_activity(plan):
    sheet = load_workbook(io.BytesIO(export_xlsx(plan))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert sheet.title == "atividades"
    assert list(rows[0]) == COLUMNS
    assert len(rows) == 109
    assert list(rows[23]) == [r for r in csv_rows(export_csv(plan))[23]]


@pytest.mark.parametrize(("fmt", "exporter"), [("csv", export_csv), ("xlsx", export_xlsx)])
def test_round_trip_into_another_plan(plan, write_file, fmt, exporter):
    path = write_file(f"plano.{fmt}", exporter(plan))
    result = import_plan_document(path, options=ImportOptions(slug="copia", **YEARS))
    assert counts(result) == [(5, 0, 0), (26, 0, 0), (108, 0, 0)]
    original, copy = json.loads(export_json(plan)), json.loads(export_json(load_plan("copia")))
    assert copy["axes"] == original["axes"]
    # The spreadsheet carries the structure; the plan's presentation text stays in the text document.
    assert {**copy["plan"], "slug": "iv-pnetp", "description": plan.description} == original["plan"]


@pytest.mark.parametrize(("fmt", "exporter"), [("csv", export_csv), ("xlsx", export_xlsx)])
def test_round_trip_into_a_fresh_database(plan, write_file, db_counts, fmt, exporter):
    expected = json.loads(export_json(plan))
    path = write_file(f"plano.{fmt}", exporter(plan))
    Plan.objects.all().delete()
    assert db_counts()["Activity"] == 0
    import_plan_document(path, options=ImportOptions(**YEARS))
    expected["plan"]["description"] = ""
    assert json.loads(export_json(load_plan("iv-pnetp"))) == expected


@pytest.mark.parametrize(("fmt", "exporter"), [("csv", export_csv), ("xlsx", export_xlsx)])
def test_reimporting_an_export_into_the_same_plan_changes_nothing(plan, write_file, db_counts, fmt, exporter):
    before = db_counts()
    result = import_plan_document(write_file(f"plano.{fmt}", exporter(plan)))
    assert result.plan_outcome == "unchanged"
    assert counts(result) == [(0, 0, 5), (0, 0, 26), (0, 0, 108)]
    assert db_counts() == before
    assert Plan.objects.get().description == plan.description


def test_edited_csv_updates_the_plan(plan, write_file):
    rows = csv_rows(export_csv(plan))
    rows[2][6] = "Texto revisado na planilha."
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    result = import_plan_document(write_file("editado.csv", buffer.getvalue()))
    assert (result.activities.updated, result.activities.created) == (["1.1.2"], [])
    assert plan.activities.get(code="1.1.2").description == "Texto revisado na planilha."


def test_csv_saved_by_excel_in_portuguese(plan, write_file):
    """Semicolons and Windows-1252, no BOM, and a .txt name: detected by content."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(csv_rows(export_csv(plan)))
    result = import_plan_document(write_file("planilha.txt", buffer.getvalue().encode("cp1252")))
    assert result.format == "csv"
    assert counts(result) == [(0, 0, 5), (0, 0, 26), (0, 0, 108)]


def rows_to_csv(rows) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def edit(rows, row: int, column: str, value: str):
    rows = [list(r) for r in rows]
    rows[row][COLUMNS.index(column)] = value
    return rows


BAD_TABLES = {
    "missing_columns": (
        lambda rows: [["eixo", "acao", "atividade"]] + rows[1:],
        [
            "plano.csv, linha 1: cabeçalho sem as colunas titulo_eixo, descricao_eixo, titulo_acao, "
            "descricao_atividade (esperado eixo, titulo_eixo, descricao_eixo, acao, titulo_acao, atividade, "
            "descricao_atividade)"
        ],
    ),
    "invalid_code": (
        lambda rows: edit(rows, 3, "atividade", "1.1.x"),
        [
            "plano.csv, linha 4, coluna atividade: código inválido “1.1.x” (esperado N.N.N)",
            "plano.csv, linha 5, coluna atividade: atividade 1.1.4 fora de sequência (esperado 1.1.3)",
        ],
    ),
    "activity_of_another_action": (
        lambda rows: edit(rows, 12, "atividade", "1.3.1"),
        [
            "plano.csv, linha 13, coluna atividade: a atividade 1.3.1 não pertence à ação 1.2 (esperado 1.2.x)",
            "plano.csv, linha 14, coluna atividade: atividade 1.2.2 fora de sequência (esperado 1.2.1)",
            "plano.csv, linha 19, coluna atividade: atividade 1.3.1 repetida (já definida na linha 13)",
        ],
    ),
    "inconsistent_axis_title": (
        lambda rows: edit(rows, 5, "titulo_eixo", "Outro título"),
        [
            "plano.csv, linha 6, coluna titulo_eixo: texto diferente do informado na linha 2 para o eixo 1",
        ],
    ),
    "inconsistent_action_title": (
        lambda rows: edit(rows, 5, "titulo_acao", "Outro título"),
        [
            "plano.csv, linha 6, coluna titulo_acao: texto diferente do informado na linha 2 para a ação 1.1",
        ],
    ),
    "empty_activity_text": (
        lambda rows: edit(rows, 108, "descricao_atividade", " "),
        ["plano.csv, linha 109, coluna descricao_atividade: valor vazio (esperado um texto)"],
    ),
    "empty_file": (
        lambda rows: [],
        [
            "plano.csv: arquivo sem dados (esperado o cabeçalho eixo, titulo_eixo, descricao_eixo, acao, "
            "titulo_acao, atividade, descricao_atividade)"
        ],
    ),
}


@pytest.mark.parametrize("case", BAD_TABLES)
def test_bad_csv(plan, write_file, db_counts, case):
    mutate, expected = BAD_TABLES[case]
    before = db_counts()
    rows = mutate(csv_rows(export_csv(plan)))
    with pytest.raises(PlanImportError) as error:
        import_plan_document(write_file("plano.csv", rows_to_csv(rows)))
    assert error.value.messages == expected
    assert db_counts() == before


@pytest.mark.parametrize("case", ["invalid_code", "inconsistent_axis_title", "empty_activity_text"])
def test_bad_xlsx(plan, write_file, db_counts, case):
    mutate, expected = BAD_TABLES[case]
    before = db_counts()
    workbook = Workbook()
    for row in mutate(csv_rows(export_csv(plan))):
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(PlanImportError) as error:
        import_plan_document(write_file("plano.xlsx", buffer.getvalue()))
    assert error.value.messages == [message.replace("plano.csv", "plano.xlsx") for message in expected]
    assert db_counts() == before


def test_xlsx_that_is_not_a_spreadsheet(plan, write_file, db_counts):
    before = db_counts()
    with pytest.raises(PlanImportError) as error:
        import_plan_document(write_file("plano.xlsx", b"isto nao e uma planilha"))
    assert error.value.messages[0].startswith("plano.xlsx: não é uma planilha XLSX válida (")
    assert db_counts() == before


def test_codes_typed_as_numbers_in_a_spreadsheet(plan, write_file):
    workbook = Workbook()
    for row in csv_rows(export_csv(plan)):
        # Excel turns a typed "1" into the number 1.
        workbook.active.append([int(row[0]) if row[0].isdigit() else row[0], *row[1:]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_plan_document(write_file("numeros.xlsx", buffer.getvalue()))
    assert counts(result) == [(0, 0, 5), (0, 0, 26), (0, 0, 108)]

"""Export → edit → import: same columns in and out, changes made through the services, history kept."""

import io
from datetime import date, datetime
from decimal import Decimal

from openpyxl import load_workbook

from pnetp.monitoring.models import Indicator, ProgressReport, Responsibility
from pnetp.monitoring.services import workflow
from pnetp.monitoring.spreadsheets.columns import INDICATORS, REPORTS, RESPONSIBILITIES

from .test_spreadsheets_support import counts, edit_xlsx, exported, run_import, sheet_rows, snapshot

State = ProgressReport.State


def test_export_has_one_frozen_sheet_per_kind_with_the_documented_columns(world):
    Indicator.objects.create(activity=world.act["1.1.1"], name="Pessoas capacitadas", unit="pessoas")
    workbook = load_workbook(io.BytesIO(exported(world)))
    assert workbook.sheetnames == ["Responsabilidades", "Indicadores", "Relatórios"]
    for spec in (RESPONSIBILITIES, INDICATORS, REPORTS):
        sheet = workbook[spec.title]
        assert [cell.value for cell in sheet[1]] == list(spec.columns)
        assert sheet.freeze_panes == "A2"
    rows = sheet_rows(exported(world), "Responsabilidades")
    assert rows[1] == ["1.1.1", "Ativ. 1.1.1", "MJSP", "MDHC", None, datetime(2026, 6, 30), None, 1]
    assert [row[:2] for row in sheet_rows(exported(world), "Relatórios")[1:3]] == [["1.1.1", "MDHC"], ["1.1.1", "MJSP"]]
    assert load_workbook(io.BytesIO(exported(world, cycle=False))).sheetnames == ["Responsabilidades", "Indicadores"]


def test_importing_the_export_unchanged_changes_nothing(world):
    u = world.users
    Indicator.objects.create(
        activity=world.act["1.1.1"], name="Pessoas capacitadas", unit="pessoas",
        baseline_value=Decimal("12.5"), baseline_year=2023, target_value=100,
    )  # fmt: skip
    report = workflow.start_report(u.mjsp, world.act["1.1.1"], world.cycle, world.inst["MJSP"])
    workflow.update_report(u.mjsp, report, status=world.status["em-andamento"], percent_complete=0, narrative="A\nB")
    before = snapshot()

    result = run_import(world, exported(world), u.coord)

    assert counts(result) == {"responsibilities": (0, 0, 5), "indicators": (0, 0, 1), "reports": (0, 0, 6)}
    assert not result.changed
    assert snapshot() == before


def test_an_edited_cell_updates_one_row_and_the_history_names_the_importer(world):
    data = edit_xlsx(exported(world), "Responsabilidades", {(3, "entrega_esperada"): "Relatório anual publicado"})

    result = run_import(world, data, world.users.coord)

    assert counts(result)["responsibilities"] == (0, 1, 4)
    assert result.sheets["responsibilities"].updated == ["1.1.2"]
    responsibility = Responsibility.objects.get(activity=world.act["1.1.2"])
    assert responsibility.deliverable == "Relatório anual publicado"
    record = responsibility.history.latest()
    assert record.history_user == world.users.coord
    delta = record.diff_against(record.prev_record)
    assert [(c.field, c.new) for c in delta.changes] == [("deliverable", "Relatório anual publicado")]
    assert counts(run_import(world, data, world.users.coord))["responsibilities"] == (0, 0, 5)


def test_institutions_dates_and_weight_round_trip(world):
    data = edit_xlsx(
        exported(world),
        "Responsabilidades",
        {
            (3, "instituicoes_responsaveis"): "mjsp; MDHC",
            (3, "instituicoes_parceiras"): "MTE",
            (3, "data_inicio"): "01/03/2025",
            (3, "data_fim"): datetime(2027, 12, 31),
            (3, "peso"): "2,5",
        },
    )
    run_import(world, data, world.users.coord)
    responsibility = Responsibility.objects.get(activity=world.act["1.1.2"])
    assert {i.acronym for i in responsibility.lead_institutions.all()} == {"MJSP", "MDHC"}
    assert [i.acronym for i in responsibility.partner_institutions.all()] == ["MTE"]
    assert (responsibility.start_date, responsibility.end_date) == (date(2025, 3, 1), date(2027, 12, 31))
    assert responsibility.weight == Decimal("2.5")
    assert responsibility.history.latest().history_user == world.users.coord
    again = run_import(world, exported(world), world.users.coord)
    assert not again.changed


def test_new_indicator_and_responsibility_are_created(world):
    Responsibility.objects.filter(activity=world.act["2.1.2"]).delete()
    data = edit_xlsx(
        exported(world),
        "Indicadores",
        append=[["1.2.1", "Campanhas realizadas", "campanhas", "3", 2023, "10", "Aumentar", "anual"]],
    )
    data = edit_xlsx(data, "Responsabilidades", {(6, "instituicoes_responsaveis"): "MTE"})

    result = run_import(world, data, world.users.coord)

    assert counts(result)["indicators"] == (1, 0, 0)
    assert result.sheets["responsibilities"].created == ["2.1.2"]
    indicator = Indicator.objects.get(name="Campanhas realizadas")
    assert (indicator.baseline_value, indicator.target_value, indicator.frequency) == (3, 10, "annual")
    assert indicator.history.get().history_user == world.users.coord
    assert not run_import(world, exported(world), world.users.coord).changed


def test_focal_point_fills_its_report_through_the_workflow(world):
    data = edit_xlsx(
        exported(world),
        "Relatórios",
        {(3, "situacao"): "em andamento", (3, "percentual"): 40, (3, "narrativa"): "Curso iniciado."},
    )

    result = run_import(world, data, world.users.mjsp)

    assert result.sheets["reports"].created == ["1.1.1 · MJSP"]
    report = ProgressReport.objects.get()
    assert (report.state, report.status.slug, report.percent_complete) == (State.DRAFT, "em-andamento", 40)
    assert report.created_by == world.users.mjsp
    assert {record.history_user for record in report.history.all()} == {world.users.mjsp}
    # The export now shows the report and its step; importing it back changes nothing.
    assert sheet_rows(exported(world), "Relatórios")[2][2:] == [
        "Em andamento",
        40,
        "Curso iniciado.",
        None,
        None,
        "Rascunho",
    ]
    assert not run_import(world, exported(world), world.users.mjsp).changed


def test_returned_report_may_be_corrected_by_import(world):
    u = world.users
    report = workflow.start_report(u.mjsp, world.act["1.1.2"], world.cycle, world.inst["MJSP"])
    workflow.update_report(u.mjsp, report, status=world.status["em-andamento"])
    workflow.submit_report(u.mjsp, report)
    workflow.return_report(u.coord, report, "Informe o percentual.")
    data = edit_xlsx(exported(world), "Relatórios", {(4, "percentual"): "35%"})

    assert counts(run_import(world, data, u.mjsp))["reports"] == (0, 1, 5)
    report.refresh_from_db()
    assert (report.state, report.percent_complete) == (State.RETURNED, 35)


def test_dry_run_reports_changes_and_writes_nothing(world):
    data = edit_xlsx(exported(world), "Responsabilidades", {(2, "peso"): 3})
    before = snapshot()

    result = run_import(world, data, world.users.coord, dry_run=True)

    assert counts(result)["responsibilities"] == (0, 1, 4)
    assert result.summary_lines()[0].startswith("Simulação")
    assert snapshot() == before


def test_responsibilities_alone_import_without_a_cycle(world):
    data = edit_xlsx(exported(world, cycle=False), "Responsabilidades", {(2, "peso"): 2})
    result = run_import(world, data, world.users.coord, cycle=None)
    assert list(result.sheets) == ["responsibilities", "indicators"]
    assert Responsibility.objects.get(activity=world.act["1.1.1"]).weight == 2

"""The cycle report: figures computed by hand on the small plan of conftest.py, then read back
from the XLSX, DOCX and PDF files.

Scenario (cycle 2025.1, report made on 01/08/2025):
  1.1.1 weight 2 · MJSP approved "atrasada" 40% + MDHC (partner) approved "em andamento" 60% → 50%
  1.1.2 weight 1 · MJSP approved "concluída", no percent → 100%; deadline 28/02/2025 but done
  1.2.1 weight 1 · MJSP only a draft → 0%; deadline 31/03/2025 → 92 days late on 01/07/2025
  2.1.1 weight 3 · MDHC approved "cancelada" 90% → excluded
  2.1.2 weight 1 · MDHC approved "atrasada", no percent → 25%; deadline 31/05/2025 → 31 days late;
        its later approval as "concluída" in 2025.2 must not leak into the 2025.1 report.
Action 1.1 = (2×50 + 100) / 3 = 66.67; 1.2 = 0; axis 1 = (2×50 + 100 + 0) / 4 = 50;
2.1 = axis 2 = 25; plan = (2×50 + 100 + 0 + 25) / 5 = 45.
"""

import dataclasses
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import docx
import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader
from rest_framework.test import APIClient

from pnetp.monitoring.dashboards.data import build_dashboard
from pnetp.monitoring.models import Evidence, ProgressReport, Responsibility
from pnetp.monitoring.reports import build_cycle_report, render

from .conftest import make_cycle, make_report

TODAY = date(2025, 8, 1)
APPROVED = "Capacitamos 120 agentes da rede em Manaus"
PARTNER = "Oficina conjunta com a rede estadual de Roraima"
CANCELLED = "Atividade cancelada por falta de orçamento"
DRAFT = "Texto provisório ainda em rascunho"
LATER = "Concluída no semestre seguinte"
PUBLIC_URL = "Cartilha pública de prevenção"
PUBLIC_FILE = "Ata pública da oficina"
PRIVATE = "Planilha interna sigilosa"
DRAFT_EVIDENCE = "Foto do rascunho"
STATUSES = ("Não iniciada", "Em andamento", "Atrasada", "Concluída", "Contínua", "Cancelada", "Sem relatório aprovado")


def _report(world, code, acronym, narrative="", **fields):
    report = make_report(world, code, acronym, **fields)
    ProgressReport.objects.filter(pk=report.pk).update(narrative=narrative)
    return report


def _evidence(report, title, public, url="", file=""):
    return Evidence.objects.create(report=report, title=title, url=url, file=file, is_public=public)


@pytest.fixture
def scenario(world):
    for code, fields in {
        "1.1.1": {"weight": 2},
        "1.1.2": {"end_date": date(2025, 2, 28)},
        "1.2.1": {"end_date": date(2025, 3, 31)},
        "2.1.1": {"weight": 3, "end_date": date(2025, 4, 30)},
        "2.1.2": {"end_date": date(2025, 5, 31)},
    }.items():
        Responsibility.objects.filter(activity=world.act[code]).update(**fields)
    mjsp = _report(world, "1.1.1", "MJSP", APPROVED, status="atrasada", percent=40)
    _evidence(mjsp, PUBLIC_URL, True, url="https://www.gov.br/mj/cartilha")
    _evidence(mjsp, PUBLIC_FILE, True, file="monitoring/evidence/2025/07/ata.pdf")
    _evidence(mjsp, PRIVATE, False, url="https://intranet.exemplo.gov.br/planilha")
    _report(world, "1.1.1", "MDHC", PARTNER, status="em-andamento", percent=60)
    _report(world, "1.1.2", "MJSP", status="concluida")
    draft = _report(world, "1.2.1", "MJSP", DRAFT, state="draft", status="concluida", percent=80)
    _evidence(draft, DRAFT_EVIDENCE, True, url="https://www.gov.br/mj/rascunho")
    _report(world, "2.1.1", "MDHC", CANCELLED, status="cancelada", percent=90)
    _report(world, "2.1.2", "MDHC", status="atrasada")
    later = make_cycle(world, "2025.2", date(2025, 7, 1), date(2025, 12, 31), date(2026, 1, 15))
    _report(world, "2.1.2", "MDHC", LATER, status="concluida", cycle=later)
    world.act["1.2.1"].description = "=2+3 não é fórmula"  # spreadsheet injection attempt
    world.act["1.2.1"].save()
    return world


@pytest.fixture
def report(scenario):
    return build_cycle_report(scenario.cycle, TODAY, base_url="https://pnetp.gov.br/")


def _activity(report, code):
    return next(activity for activity in report.activities if activity.code == code)


def test_rollup_figures(report):
    assert report.progress == Decimal("45.00") and report.progress_text == "45%"
    assert (report.weight, report.counted, report.excluded) == (5, 4, 1)
    assert [(a.code, a.progress, a.weight, a.counted, a.excluded) for a in report.axes] == [
        ("1", Decimal("50.00"), 4, 3, 0),
        ("2", Decimal("25.00"), 1, 1, 1),
    ]
    assert {a.code: a.progress for a in report.actions} == {
        "1.1": Decimal("66.67"),
        "1.2": Decimal("0.00"),
        "2.1": Decimal("25.00"),
    }
    assert [(a.code, a.progress, a.status) for a in report.activities] == [
        ("1.1.1", Decimal("50.00"), "Atrasada"),  # institutions disagree: the slower one wins
        ("1.1.2", Decimal("100.00"), "Concluída"),
        ("1.2.1", Decimal("0.00"), "Sem relatório aprovado"),
        ("2.1.1", None, "Cancelada"),
        ("2.1.2", Decimal("25.00"), "Atrasada"),  # 2025.2's "concluída" is after this cycle
    ]
    assert report.reported_activities == 4


def test_status_distribution_per_axis(report):
    assert report.statuses == STATUSES
    assert [axis.status_counts for axis in report.axes] == [(0, 0, 1, 1, 0, 0, 1), (0, 0, 1, 0, 0, 1, 0)]
    assert report.status_totals == (0, 0, 2, 1, 0, 1, 1)


def test_accountability_and_overdue(report):
    assert [(r.acronym, r.assigned, r.reported, r.approved, r.pending, r.overdue) for r in report.institutions] == [
        ("MDHC", 3, 3, 3, 0, 0),  # leads 2.1.x and started a report on 1.1.1 as a partner
        ("MJSP", 3, 2, 2, 1, 1),
    ]
    assert report.accountability_totals == {"assigned": 6, "reported": 5, "approved": 5, "pending": 1, "overdue": 1}
    assert report.overdue_cutoff == date(2025, 7, 1)
    # Neither 1.1.2 (done) nor 2.1.1 (cancelled), though their deadlines passed too.
    assert [(r.code, r.end_date, r.days_late, r.status) for r in report.overdue_activities] == [
        ("1.2.1", date(2025, 3, 31), 92, "Sem relatório aprovado"),
        ("2.1.2", date(2025, 5, 31), 31, "Atrasada"),
    ]
    assert [(r.activity_code, r.institution, r.state, r.days_overdue) for r in report.overdue_reports] == [
        ("1.2.1", "MJSP", "Rascunho", 17)
    ]


def test_only_approved_narratives_and_public_evidence(report):
    first = _activity(report, "1.1.1")
    assert (first.leads, first.partners, first.end_date) == (("MJSP",), ("MDHC",), date(2026, 6, 30))
    assert [(r.institution, r.status, r.percent, r.narrative, r.cycle) for r in first.reports] == [
        ("MDHC", "Em andamento", 60, PARTNER, "2025.1"),
        ("MJSP", "Atrasada", 40, APPROVED, "2025.1"),
    ]
    assert [(e.title, e.link) for e in first.reports[1].evidence] == [
        (PUBLIC_URL, "https://www.gov.br/mj/cartilha"),
        (
            PUBLIC_FILE,
            f"https://pnetp.gov.br/monitoramento/evidencias/{Evidence.objects.get(title=PUBLIC_FILE).pk}/arquivo/",
        ),
    ]
    assert _activity(report, "1.1.2").reports[0].percent == 100  # the status's default
    assert _activity(report, "1.2.1").reports == ()  # a draft says nothing publicly
    assert _activity(report, "2.1.1").reports[0].narrative == CANCELLED
    texts = repr(report)
    for hidden in (DRAFT, LATER, PRIVATE, DRAFT_EVIDENCE):
        assert hidden not in texts


def test_overdue_while_the_cycle_runs(scenario):
    report = build_cycle_report(scenario.cycle, date(2025, 5, 15))
    assert report.overdue_cutoff == date(2025, 5, 15)
    assert [(r.code, r.days_late) for r in report.overdue_activities] == [("1.2.1", 45)]
    assert report.overdue_reports == ()  # the reporting deadline is still ahead


def test_assembly_query_count_does_not_grow_with_the_plan(scenario, django_assert_max_num_queries):
    with django_assert_max_num_queries(18):  # 2 of them: rollup.overdue_activities, shared with the dashboard
        build_cycle_report(scenario.cycle, TODAY)


def test_xlsx_holds_the_numbers(report):
    book = load_workbook(BytesIO(render(report, "xlsx")))
    assert book.sheetnames == ["Resumo", "Eixos", "Ações", "Atividades", "Instituições", "Atrasos"]
    summary = {row[0].value: row[1] for row in book["Resumo"].iter_rows() if row[0].value}
    assert summary["Progresso do plano"].value == pytest.approx(0.45)
    assert summary["Progresso do plano"].number_format == "0.0%"  # "45,0%" in a pt-BR spreadsheet
    assert summary["Fim do período"].value == datetime(2025, 6, 30)
    counts = ["Atividades", "Relatórios devidos", "Relatórios entregues", "Relatórios em atraso"]
    assert [summary[label].value for label in counts] == [5, 6, 5, 1]
    assert [summary[label].value for label in STATUSES] == [0, 0, 2, 1, 0, 1, 1]
    assert {summary[label].number_format for label in counts + list(STATUSES)} == {"#,##0"}  # "1.234"

    axes = [[cell.value for cell in row] for row in book["Eixos"].iter_rows(min_row=2)]
    assert [row[:6] for row in axes] == [["1", "Eixo 1", 0.5, 4, 3, 0], ["2", "Eixo 2", 0.25, 1, 1, 1]]
    assert [row[6:] for row in axes] == [[0, 0, 1, 1, 0, 0, 1], [0, 0, 1, 0, 0, 1, 0]]
    assert book["Eixos"]["C2"].number_format == "0.0%"
    assert {book["Eixos"].cell(row=2, column=c).number_format for c in range(5, 14)} == {"#,##0"}
    actions = {row[1].value: row[3].value for row in book["Ações"].iter_rows(min_row=2)}
    assert actions == {"1.1": pytest.approx(0.6667), "1.2": 0, "2.1": pytest.approx(0.25)}

    activities = {row[2].value: row for row in book["Atividades"].iter_rows(min_row=2)}
    first = activities["1.1.1"]
    assert [first[i].value for i in (4, 5, 6, 7, 8, 9)] == ["MJSP", "MDHC", datetime(2026, 6, 30), 2, "Atrasada", 0.5]
    assert APPROVED in first[10].value and PARTNER in first[10].value and PUBLIC_URL in first[11].value
    assert activities["2.1.1"][9].value is None  # excluded, not 0%
    injected = activities["1.2.1"][3]
    assert injected.value == "=2+3 não é fórmula" and injected.data_type == "s"
    cells = " ".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value)
    for hidden in (DRAFT, LATER, PRIVATE, DRAFT_EVIDENCE):
        assert hidden not in cells

    institutions = [[c.value for c in row] for row in book["Instituições"].iter_rows(min_row=2)]
    assert [row[:1] + row[2:] for row in institutions] == [["MDHC", 3, 3, 3, 0, 0], ["MJSP", 3, 2, 2, 1, 1]]
    sheet = book["Instituições"]
    assert [sheet.cell(row=2, column=c).number_format for c in range(1, 8)] == ["General", "General"] + ["#,##0"] * 5
    overdue = [[c.value for c in row][1:5] for row in book["Atrasos"].iter_rows(min_row=2)]
    assert overdue == [
        ["1.2.1", "MJSP", datetime(2025, 3, 31), 92],
        ["2.1.2", "MDHC", datetime(2025, 5, 31), 31],
        ["1.2.1", "MJSP", datetime(2025, 7, 15), 17],
    ]
    assert book["Atrasos"]["E2"].number_format == "#,##0"


def test_docx_has_the_key_figures(report):
    document = docx.Document(BytesIO(render(report, "docx")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == "Relatório consolidado de monitoramento — Ciclo 2025.1"
    assert {"Eixo 1 — Eixo 1", "Eixo 2 — Eixo 2", "Ação 1.1 — Ação 1.1", "Atrasos"} <= set(headings)
    summary = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert summary["Progresso do plano"] == "45%"
    assert summary["Relatórios entregues / devidos"] == "5 / 6"
    axes = [[cell.text for cell in row.cells] for row in document.tables[1].rows[1:]]
    assert axes == [["1 — Eixo 1", "50%", "3", "0"], ["2 — Eixo 2", "25%", "1", "1"]]
    text = "\n".join(p.text for p in document.paragraphs)
    assert APPROVED in text and PUBLIC_URL in text
    for hidden in (DRAFT, LATER, PRIVATE, DRAFT_EVIDENCE):
        assert hidden not in text
    assert document.core_properties.language == "pt-BR"


def test_pdf_content_and_metadata(report):
    pdf = PdfReader(BytesIO(render(report, "pdf")))
    pages = [" ".join(page.extract_text().split()) for page in pdf.pages]
    text = " ".join(pages)
    assert pdf.metadata.title == "Relatório consolidado de monitoramento — Ciclo 2025.1"
    assert pdf.trailer["/Root"]["/Lang"] == "pt-BR"
    assert "45% em 01/08/2025" in pages[0]  # cover
    assert "45% progresso do plano em 01/08/2025" in pages[1]  # summary, with its reference date
    assert f"Página 2 de {len(pages)}" in pages[1]
    for heading in ("Eixo 1 — Eixo 1", "Eixo 2 — Eixo 2", "Ação 1.1 — Ação 1.1", "66,7%"):
        assert heading in text
    for shown in (APPROVED, PARTNER, CANCELLED, PUBLIC_URL, PUBLIC_FILE):
        assert shown in text
    for hidden in (DRAFT, LATER, PRIVATE, DRAFT_EVIDENCE):
        assert hidden not in text
    overdue = text[text.rindex("Atividades com prazo vencido") :]
    assert "1.2.1 —" in overdue and "2.1.2 —" in overdue
    assert "1.1.2 —" not in overdue and "2.1.1 —" not in overdue
    assert "Rascunho" in overdue  # MJSP's report on 1.2.1, 17 days late


@pytest.mark.parametrize("today", [TODAY, date(2025, 5, 15), date(2026, 12, 6)])
def test_dashboard_and_cycle_report_count_the_same_overdue_activities(scenario, today):
    """One rule (rollup.overdue_activities with the cycle): the same count for the same cycle and date."""
    report = build_cycle_report(scenario.cycle, today)
    board = build_dashboard(scenario.plan, scenario.cycle, today)
    assert sorted(a.code for a in board.late_activities) == sorted(r.code for r in report.overdue_activities)
    assert board.late_on == report.overdue_cutoff


@pytest.mark.parametrize("today", [TODAY, date(2025, 5, 15), date(2026, 12, 6)])
def test_api_counts_the_same_overdue_activities_as_dashboard_and_pdf(scenario, today, monkeypatch):
    """The API's figure, its reference date and its list agree with the dashboard and the cycle PDF."""
    monkeypatch.setattr(timezone, "localdate", lambda *args: today)
    report = build_cycle_report(scenario.cycle, today)
    board = build_dashboard(scenario.plan, scenario.cycle, today)
    api = APIClient()
    api.force_authenticate(scenario.users.coord)
    url = f"/api/v1/plans/{scenario.plan.slug}/overdue/"
    body = api.get(url, {"cycle": scenario.cycle.name}).json()
    assert body["cycle"] == "2025.1"
    assert body["reference_date"] == report.overdue_cutoff.isoformat() == board.late_on.isoformat()
    assert body["count"] == len(board.late_activities) == len(report.overdue_activities)
    assert [a["code"] for a in body["activities"]] == [r.code for r in report.overdue_activities]
    text = _pdf_text(render(report, "pdf"))
    assert f"{body['count']} atividades com prazo vencido" in text
    assert api.get(url, {"cycle": "nenhum"}).status_code == 400


def _pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(content)).pages)


def test_pdf_groups_thousands_like_the_pages(report):
    """The PDF formats counts with the pages' num filter: "1.234", never "1234"."""
    rows = tuple(dataclasses.replace(row, assigned=1234, reported=1000) for row in report.institutions)
    big = dataclasses.replace(report, institutions=rows)
    text = _pdf_text(render(big, "pdf"))
    assert "1.234" in text and "2.468" in text and "2.000 / 2.468" in text
    assert "1234" not in text and "2468" not in text


def test_percentages_read_as_on_the_pages(report):
    """One decimal at most, decimal comma, as the dashboard's percent_text: never "66,67%"."""
    assert _activity(report, "1.1.1").progress_text == "50%"
    assert {a.code: a.progress_text for a in report.actions} == {"1.1": "66,7%", "1.2": "0%", "2.1": "25%"}
    assert _activity(report, "2.1.1").progress_text == "—"
    pdf = _pdf_text(render(report, "pdf"))
    document = docx.Document(BytesIO(render(report, "docx")))
    docx_text = "\n".join(p.text for p in document.paragraphs)
    docx_text += "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    for text in (pdf, docx_text):
        assert "66,7%" in text
        assert "66,67" not in text and ",00%" not in text


def test_every_summary_figure_states_its_reference_date(report):
    text = _pdf_text(render(report, "pdf"))
    summary = text[text.index("Resumo") : text.index("O progresso é a média")]
    assert "progresso do plano em 01/08/2025" in summary
    assert "com relatório aprovado em 01/08/2025" in summary
    assert "5 / 6 relatórios entregues, 5 aprovados, em 01/08/2025" in summary
    assert "2 atividades com prazo vencido em 01/07/2025; 1 relatórios em atraso em 01/08/2025" in summary
    assert "Progresso do eixo: 50% em 01/08/2025" in text

    document = docx.Document(BytesIO(render(report, "docx")))
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows[0] == ["Indicador", "Valor", "Data de referência"]
    dates = {row[0]: row[2] for row in rows[1:]}
    assert dates.pop("Atividades com prazo vencido") == "01/07/2025"  # the overdue cutoff, as the dashboard's
    assert set(dates.values()) == {"01/08/2025"}
    assert "Progresso do eixo em 01/08/2025: 50%" in [p.text for p in document.paragraphs]

"""The coordination dashboard shows the services' numbers (scenario in pnetp/portal/tests/scenario.py)."""

import dataclasses
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from pnetp.monitoring.dashboards import data
from pnetp.monitoring.services.accountability import accountability_table, overdue_reports
from pnetp.monitoring.services.rollup import overdue_activities, plan_progress
from pnetp.portal.tests.html import tables
from pnetp.portal.tests.scenario import populate

TODAY = date(2026, 1, 10)  # after 2.1.x's deadline (31/12/2025) and 2025.1's reporting deadline
URL = reverse("dashboards:index")


@pytest.fixture
def scenario(world):
    world.extra = populate(world)
    return world


@pytest.fixture
def board(scenario):
    return data.build_dashboard(scenario.plan, scenario.cycle, TODAY)


def test_progress_is_the_rollup_and_the_hand_computed_figures(scenario, board):
    assert board.tree == plan_progress(scenario.plan, scenario.cycle)
    assert board.tree.progress == Decimal("26.25")
    assert [(a.code, a.progress) for a in board.tree.children] == [("1", Decimal("40")), ("2", Decimal("12.50"))]
    actions = {a.code: a.progress for axis in board.tree.children for a in axis.children}
    assert actions == {"1.1": Decimal("80"), "1.2": Decimal("0"), "2.1": Decimal("12.50")}


def test_status_distribution_counts_one_status_per_activity(board):
    assert board.statuses == (
        "Não iniciada", "Em andamento", "Atrasada", "Concluída", "Contínua", "Cancelada", "Sem relatório aprovado",
    )  # fmt: skip
    # 1.1.1: MJSP "em andamento" (60%) is slower than MDHC "concluída"; 1.1.2 cancelled; 1.2.1 only submitted.
    assert [a.counts for a in board.axis_statuses] == [(0, 1, 0, 0, 0, 1, 1), (0, 0, 1, 0, 0, 0, 1)]
    assert board.status_totals == (0, 1, 1, 0, 0, 1, 2)


def test_deadlines_and_accountability_are_the_services(scenario, board):
    # Deadlines of a cycle are judged the day after its period (as the cycle report does): 2.1.x end on
    # 31/12/2025, so they were not late for 2025.1 but are for 2025.2.
    late = overdue_activities(scenario.plan, TODAY, scenario.cycle)
    assert board.late_on == date(2025, 7, 1)
    assert [(a.code, a.days_late) for a in board.late_activities] == [(a.code, a.days_late) for a in late] == []
    later = data.build_dashboard(scenario.plan, scenario.extra.later, TODAY)
    assert later.late_on == date(2026, 1, 1)
    assert [(a.code, a.days_late, a.institutions) for a in later.late_activities] == [
        ("2.1.1", 1, ("MDHC",)), ("2.1.2", 1, ("MDHC",)),
    ]  # fmt: skip
    assert board.accountability == tuple(accountability_table(scenario.cycle, TODAY))
    rows = {r.acronym: (r.assigned, r.reported, r.approved, r.overdue) for r in board.accountability}
    assert rows == {"MDHC": (3, 2, 2, 1), "MJSP": (3, 3, 2, 0)}
    assert [(r.activity_code, r.institution, r.state) for r in board.late_reports] == [("2.1.2", "MDHC", "Rascunho")]
    assert len(board.late_reports) == len(overdue_reports(scenario.cycle, TODAY))


def test_timeline_marks_late_done_and_open_activities(scenario):
    board = data.build_dashboard(scenario.plan, scenario.extra.later, TODAY)
    kinds = {row.code: row.kind for axis in board.timeline for row in axis.rows}
    assert kinds == {"1.1.1": "open", "1.1.2": "open", "1.2.1": "open", "2.1.1": "late", "2.1.2": "late"}
    scenario.act["1.2.1"].responsibility.delete()
    board = data.build_dashboard(scenario.plan, scenario.extra.later, TODAY)
    assert {row.code: row.kind for axis in board.timeline for row in axis.rows}["1.2.1"] == "undated"


def test_default_selection_is_the_national_plan_and_latest_cycle(scenario):
    selection = data.select(scenario.users.coord)
    assert (selection.plan, selection.cycle) == (scenario.plan, scenario.extra.later)
    chosen = data.select(scenario.users.coord, "teste", str(scenario.cycle.pk))
    assert chosen.cycle == scenario.cycle
    # Unknown values fall back to the defaults instead of failing.
    assert data.select(scenario.users.coord, "nenhum", "abc").cycle == scenario.extra.later
    # Another plan's cycle id is not taken for this plan.
    other_cycle = scenario.extra.draft_plan.cycles.get()
    assert data.select(scenario.users.coord, "teste", str(other_cycle.pk)).cycle == scenario.extra.later


def _page(client, user, **params):
    client.force_login(user)
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_page_shows_the_same_numbers(client, scenario, freezer_today):
    html = _page(client, scenario.users.coord, plano="teste", ciclo=scenario.cycle.pk)
    found = tables(html)
    assert found["Progresso por eixo"][1:] == [
        ["1 – Eixo 1", "40%", "2 (1 fora do cálculo)"], ["2 – Eixo 2", "12,5%", "2"],
    ]  # fmt: skip
    assert found["Progresso por ação prioritária"][1] == ["1.1 – Ação 1.1", "80%", "1 (1 fora do cálculo)"]
    assert found["Situação das atividades por eixo"][-1] == ["Todos os eixos", "0", "1", "1", "0", "0", "1", "2", "5"]
    assert found["Prestação de contas por instituição"][1:] == [
        ["MDHC", "3", "2", "2", "1", "1"], ["MJSP", "3", "3", "2", "0", "0"],
    ]  # fmt: skip
    assert "Atividades com prazo vencido" not in found  # none at the end of 2025.1
    assert "atividades com prazo vencido em 01/07/2025" in html
    later = tables(_page(client, scenario.users.coord, plano="teste", ciclo=scenario.extra.later.pk))
    late = later["Atividades com prazo vencido"][1:]
    assert [(row[0].split()[0], row[1], row[3]) for row in late] == [("2.1.1", "MDHC", "1"), ("2.1.2", "MDHC", "1")]
    assert '<span class="pnetp-stat-number">26,3%</span>' in html


def test_every_chart_is_an_image_with_a_title_and_a_data_table(client, scenario, freezer_today):
    html = _page(client, scenario.users.coord)
    svgs = re.findall(r"<svg [^>]*role=\"img\"[^>]*>", html)
    # Status, axis progress, action progress, and one timeline per axis.
    assert len(svgs) == 3 + 2
    for svg in svgs:
        ids = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
        for id in ids:
            assert f'id="{id}"' in html
    assert html.count("<summary>Ver tabela de dados</summary>") == 5
    # The later cycle is the default: its name shows in the filter as the selected option.
    assert f'<option value="{scenario.extra.later.pk}" selected>2025.2 (aberto)</option>' in html


def test_page_groups_thousands_pt_br(client, scenario, freezer_today, monkeypatch):
    """Counts past 999 read "1.234" (the num filter), the summary and the accountability table alike."""
    build = data.build_dashboard

    def big(plan, cycle, today):
        board = build(plan, cycle, today)
        rows = tuple(
            dataclasses.replace(row, assigned=1234 + i, approved=1000) for i, row in enumerate(board.accountability)
        )
        return dataclasses.replace(board, accountability=rows)

    monkeypatch.setattr("pnetp.monitoring.dashboards.views.data.build_dashboard", big)
    html = _page(client, scenario.users.coord, plano="teste", ciclo=scenario.cycle.pk)
    accountability = tables(html)["Prestação de contas por instituição"][1:]
    assert [row[1] for row in accountability] == ["1.234", "1.235"]
    assert '<span class="pnetp-stat-number">2.000/2.469</span>' in html
    assert "1234" not in html


@pytest.fixture
def freezer_today(monkeypatch):
    """Pins "today" of the view to TODAY."""
    monkeypatch.setattr("pnetp.monitoring.dashboards.views.timezone.localdate", lambda: TODAY)

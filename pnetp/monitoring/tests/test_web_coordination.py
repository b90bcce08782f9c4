"""Coordination pages: cycles, review queue, responsibilities and indicators, status vocabulary."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from pnetp.monitoring.models import Indicator, MonitoringCycle, StatusOption
from pnetp.monitoring.web import queries

from .test_web_fixtures import media, scene  # noqa: F401  (fixtures)


def url(name, *args):
    return reverse(f"monitoring_web:{name}", args=args)


@pytest.fixture
def coord(client, world):
    client.force_login(world.users.coord)
    return client


def test_open_close_and_reopen_a_cycle(coord, world):
    data = {
        "plan": world.plan.pk, "name": "2025.2", "period_start": "2025-07-01",
        "period_end": "2025-12-31", "reporting_deadline": "2025-06-01",
    }  # fmt: skip
    response = coord.post(url("cycle_create"), data)
    assert "O prazo de envio não pode ser anterior ao início do período." in response.content.decode()

    data["reporting_deadline"] = "2026-01-15"
    response = coord.post(url("cycle_create"), data, follow=True)
    cycle = MonitoringCycle.objects.get(name="2025.2")
    assert cycle.opened_by == world.users.coord and "Ciclo 2025.2 aberto." in response.content.decode()

    # The same name again: the model's constraint, shown on the form.
    assert coord.post(url("cycle_create"), data).status_code == 200
    assert MonitoringCycle.objects.filter(name="2025.2").count() == 1

    assert "Confirmar encerramento" in coord.get(url("cycle_close", cycle.pk)).content.decode()
    coord.post(url("cycle_close", cycle.pk))
    cycle.refresh_from_db()
    assert cycle.state == MonitoringCycle.State.CLOSED and cycle.closed_at
    response = coord.post(url("cycle_close", cycle.pk), follow=True)
    assert "já está encerrado" in response.content.decode()
    coord.post(url("cycle_reopen", cycle.pk))
    cycle.refresh_from_db()
    assert cycle.is_open


def test_cycle_page_links_the_cycle_report_and_lists_accountability(coord, world):
    body = coord.get(url("cycle", world.cycle.pk)).content.decode()
    for fmt in ("pdf", "xlsx", "docx"):
        assert url("cycle_report", world.cycle.pk, fmt) in body
    assert "MJSP" in body and "MDHC" in body
    response = coord.get(url("cycle_report", world.cycle.pk, "xlsx"))
    assert response.status_code == 200 and response.content.startswith(b"PK")


def test_review_queue_lists_submitted_reports_oldest_first(coord, scene):
    reports = list(coord.get(url("review_queue")).context["reports"])
    assert reports == [scene.submitted]


def test_responsibility_editor(coord, world):
    mjsp, mdhc, mte = (world.inst[a].pk for a in ("MJSP", "MDHC", "MTE"))
    target = url("responsibility", "teste", "1.1.2")
    page = coord.get(target)
    assert page.context["form"]["weight"].value() == "1"

    response = coord.post(target, {"lead_institutions": [mjsp], "partner_institutions": [mjsp], "weight": "1"})
    assert "não pode ser responsável e parceira" in str(response.context["form"].errors["partner_institutions"])

    data = {
        "lead_institutions": [mjsp, mte], "partner_institutions": [mdhc], "start_date": "2025-01-01",
        "end_date": "2026-06-30", "deliverable": "Relatório anual", "weight": "2,5",
    }  # fmt: skip
    response = coord.post(target, data, follow=True)
    responsibility = world.act["1.1.2"].responsibility
    responsibility.refresh_from_db()
    assert responsibility.weight == Decimal("2.5") and responsibility.end_date == date(2026, 6, 30)
    assert set(responsibility.lead_institutions.values_list("acronym", flat=True)) == {"MJSP", "MTE"}
    body = response.content.decode()
    assert "Responsabilidade da atividade 1.1.2 salva." in body
    assert "Instituições responsáveis" in body and "MJSP, MTE" in body  # the activity's history

    # MTE now sees the activity among its own.
    listing = queries.my_activities(world.inst["MTE"].pk, date(2025, 6, 1))
    assert [row.activity.code for row in listing[0].rows] == ["1.1.2"]


def test_indicators_are_added_and_edited(coord, world):
    data = {"name": "Pessoas atendidas", "unit": "pessoas", "baseline_value": "1.500,5", "baseline_year": "2023",
            "target_value": "3000", "direction": "increase", "frequency": "annual"}  # fmt: skip
    coord.post(url("indicator_create", "teste", "1.1.1"), data)
    indicator = Indicator.objects.get()
    assert indicator.baseline_value == Decimal("1500.5") and indicator.activity == world.act["1.1.1"]

    form = coord.get(url("indicator_edit", "teste", "1.1.1", indicator.pk)).context["form"]
    assert form["baseline_value"].value() == "1500,5"
    response = coord.post(url("indicator_edit", "teste", "1.1.1", indicator.pk), {**data, "baseline_year": ""})
    assert "Informe o ano da linha de base." in response.content.decode()
    coord.post(url("indicator_edit", "teste", "1.1.1", indicator.pk), {**data, "target_value": "2500"})
    indicator.refresh_from_db()
    assert indicator.target_value == Decimal("2500")
    # An indicator of another activity is not reachable through this one.
    assert coord.get(url("indicator_edit", "teste", "1.1.2", indicator.pk)).status_code == 404


def test_status_vocabulary(coord):
    data = {"label": "Em revisão", "default_percent": "60", "order": "25", "counts_toward_progress": "on"}
    coord.post(url("status_create"), data)
    option = StatusOption.objects.get(label="Em revisão")
    assert option.slug == "em-revisao" and not option.active and option.counts_toward_progress
    coord.post(url("status_create"), {**data, "active": "on"})
    assert StatusOption.objects.filter(slug="em-revisao-2").exists()

    response = coord.post(url("status_edit", option.pk), {**data, "default_percent": "150"})
    assert response.status_code == 200
    coord.post(url("status_edit", option.pk), {**data, "label": "Revisão", "active": "on"})
    option.refresh_from_db()
    assert option.label == "Revisão" and option.slug == "em-revisao" and option.active
    body = coord.get(url("statuses")).content.decode()
    assert "Revisão" in body and "Cancelada" in body


def test_inactive_status_is_not_offered_to_focal_points(client, world):
    world.status["atrasada"].active = False
    world.status["atrasada"].save()
    client.force_login(world.users.mjsp)
    form = client.get(url("report_form", "teste", "1.1.1", world.cycle.pk)).context["form"]
    assert "Atrasada" not in [option.label for option in form.fields["status"].queryset]


def test_my_activities_marks_overdue_reports(scene):
    world = scene.world
    after_deadline = date(2025, 7, 20)
    section = queries.my_activities(world.inst["MJSP"].pk, after_deadline)[0]
    rows = {row.activity.code: row for row in section.rows}
    assert rows["1.1.1"].overdue_days == 5 and rows["1.1.1"].action == "continue"
    assert rows["1.1.2"].overdue_days == 0 and rows["1.1.2"].action == "view"
    assert queries.my_activities(world.inst["MJSP"].pk, date(2025, 7, 15))[0].rows[0].overdue_days == 0

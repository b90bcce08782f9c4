"""Meu painel (/conta/painel/): each role lands on what it has to do."""

from datetime import date

import pytest
from django.urls import reverse

from pnetp.workspace.dashboard import build_worklist

from .conftest import make_report

TODAY = date(2025, 7, 10)  # five days before the 15/07/2025 deadline of cycle 2025.1


@pytest.fixture
def busy(world):
    make_report(world, "1.1.1", "MJSP", state="submitted", status="concluida")
    returned = make_report(world, "1.2.1", "MJSP", state="returned", status="atrasada")
    returned.return_reason = "Inclua o número de pessoas atendidas."
    returned.save()
    return world


def test_focal_point_sees_reports_due_with_deadlines_and_returned_ones(busy):
    work = build_worklist(busy.users.mjsp, TODAY)
    assert [(d.activity.code, d.days_left) for d in work.reports_due] == [("1.1.2", 5), ("1.2.1", 5)]
    assert [r.activity.code for r in work.returned] == ["1.2.1"]
    assert work.waiting_review == [] and work.pairs_to_review is None


def test_coordination_sees_the_review_queue_and_expiring_deadlines(busy):
    work = build_worklist(busy.users.coord, TODAY)
    assert work.waiting_review_count == 1 and work.waiting_review[0].activity.code == "1.1.1"
    [deadline] = work.deadlines
    assert deadline.cycle == busy.cycle and deadline.days_left == 5
    assert deadline.pending == 4  # MJSP: 1.1.2, 1.2.1; MDHC: 2.1.1, 2.1.2
    assert work.reports_due == [] and work.pairs_to_review == 0


def test_committee_member_and_analyst_follow_the_plan(busy):
    committee = build_worklist(busy.users.committee, TODAY)
    assert committee.show_dashboard and committee.deadlines and committee.waiting_review_count == 0
    analyst = build_worklist(busy.users.analyst, TODAY)
    assert analyst.show_dashboard and analyst.pairs_to_review == 0 and analyst.deadlines == []


def test_the_page_shows_the_focal_points_work(client, busy):
    client.force_login(busy.users.mjsp)
    page = client.get(reverse("workspace:dashboard")).content.decode()
    assert "Inclua o número de pessoas atendidas." in page
    assert "relatórios a enviar" in page and "15/07/2025" in page
    form = reverse("monitoring_web:report_form", kwargs={"plan": "teste", "code": "1.1.2", "cycle_id": busy.cycle.pk})
    assert form in page


def test_the_page_shows_the_coordinations_work(client, busy):
    client.force_login(busy.users.coord)
    page = client.get(reverse("workspace:dashboard")).content.decode()
    assert "1 relatório aguardando análise" in page
    assert reverse("monitoring_web:review_queue") in page


def test_sign_in_lands_on_the_worklist(client, busy):
    busy.users.mjsp.set_password("senha-de-teste-123")
    busy.users.mjsp.save()
    response = client.post(reverse("accounts:login"), {"username": "mjsp", "password": "senha-de-teste-123"})
    assert response.url == reverse("workspace:dashboard")

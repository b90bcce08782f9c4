"""Live server with the national plan and monitoring data, for the dashboard and portal pages."""

from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from pnetp.core.tests.builders import build_plan
from pnetp.institutions.models import Institution
from pnetp.monitoring.models import Evidence, MonitoringCycle, ProgressReport, Responsibility
from pnetp.monitoring.tests.conftest import default_statuses, make_user

STATES = ["approved", "approved", "submitted", "draft", "returned"]
STATUSES = ["em-andamento", "concluida", "atrasada", "continua", "nao-iniciada", "cancelada"]


def populate_national(plan) -> SimpleNamespace:
    """Responsibilities for every activity, one cycle, and reports in every state on a third of them."""
    institutions = [
        Institution.objects.create(acronym=acronym, name=name, kind=Institution.Kind.FEDERAL)
        for acronym, name in [
            ("MJSP", "Ministério da Justiça e Segurança Pública"),
            ("MDHC", "Ministério dos Direitos Humanos e da Cidadania"),
            ("MTE", "Ministério do Trabalho e Emprego"),
        ]
    ]
    coord = make_user("coordenacao", "coordination")
    cycle = MonitoringCycle.objects.create(
        plan=plan, name="2025.1", period_start=date(2025, 1, 1), period_end=date(2025, 6, 30),
        reporting_deadline=date(2025, 7, 15), opened_by=coord,
    )  # fmt: skip
    status = default_statuses()
    for index, activity in enumerate(plan.activities.order_by("position")):
        start = date(2024 + index % 3, 1 + 6 * (index % 2), 1)
        dated = index % 17 != 5  # a few activities without dates
        responsibility = Responsibility.objects.create(
            activity=activity,
            start_date=start if dated else None,
            end_date=start + timedelta(days=365 * (1 + index % 4) - 1) if dated else None,
        )
        lead = institutions[index % 3]
        responsibility.lead_institutions.set([lead])
        if index % 4 == 0:
            responsibility.partner_institutions.set([institutions[(index + 1) % 3]])
        if index % 3:
            continue
        state = STATES[index // 3 % len(STATES)]
        report = ProgressReport.objects.create(
            activity=activity, cycle=cycle, institution=lead, state=state,
            status=status[STATUSES[index % len(STATUSES)]], percent_complete=None if index % 2 else 40 + index % 50,
            narrative=f"Relato da atividade {activity.code}: oficina realizada com a rede local.",
            approved_at=timezone.make_aware(datetime(2025, 7, 20)) if state == "approved" else None,
        )  # fmt: skip
        if state == "approved" and index % 2 == 0:
            Evidence.objects.create(report=report, title=f"Relatório {activity.code}", is_public=True,
                                    url=f"https://example.org/{activity.code}.pdf")  # fmt: skip
    return SimpleNamespace(plan=plan, cycle=cycle, coord=coord, institutions=institutions)


@pytest.fixture
def monitored_site(live_server, transactional_db) -> SimpleNamespace:
    world = populate_national(build_plan())
    world.url = live_server.url
    return world


@pytest.fixture
def coordination_page(browser, monitored_site):  # noqa: F811
    """A page signed in as the coordination (session cookie of a test client)."""
    client = Client()
    client.force_login(monitored_site.coord)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pt-BR")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": monitored_site.url}])
    page = context.new_page()  # noqa: F811
    page.set_default_timeout(10_000)
    yield page
    context.close()

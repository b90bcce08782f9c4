"""The monitoring test world (pnetp/monitoring/tests/conftest.py), published, with reports in every state.

Reports of MJSP in cycle 2025.1: draft (1.1.2), submitted (1.1.1), approved (1.2.1, returned once
with a reason, with one public and one private evidence). Plan "rascunho" is a draft with an
approved report of its own. Cycle 2025.2 is open and empty.
"""

from datetime import date
from types import SimpleNamespace

import pytest
from rest_framework.test import APIClient

from pnetp.monitoring.models import Indicator, MonitoringCycle, ProgressReport
from pnetp.monitoring.services import workflow
from pnetp.monitoring.tests.conftest import (  # noqa: F401
    make_cycle,
    make_plan,
    make_responsibility,
    world,
)
from pnetp.plans.models import Plan

PUBLIC_EVIDENCE = "Relatório público do curso"
PRIVATE_EVIDENCE = "Planilha interna com nomes"
RETURN_REASON = "Motivo interno da devolução"


def _filled(w, code, **changes):
    report = workflow.start_report(w.users.mjsp, w.act[code], w.cycle, w.inst["MJSP"])
    changes = {"status": w.status["em-andamento"], "percent_complete": 40, **changes}
    return workflow.update_report(w.users.mjsp, report, **changes)


@pytest.fixture
def api_world(world):  # noqa: F811
    return build_api_world(world)


def build_api_world(w) -> SimpleNamespace:
    w.plan.status = Plan.Status.PUBLISHED
    w.plan.save()
    w.cycle2 = make_cycle(w, "2025.2", date(2025, 7, 1), date(2025, 12, 31), date(2026, 1, 15))
    w.indicator = Indicator.objects.create(activity=w.act["1.1.2"], name="Pessoas capacitadas", unit="pessoas")
    coord, mjsp = w.users.coord, w.users.mjsp

    draft = _filled(w, "1.1.2", narrative="Rascunho em preparação.")
    submitted = workflow.submit_report(mjsp, _filled(w, "1.1.1", narrative="Enviado."))
    approved = _filled(w, "1.2.1", narrative="Curso realizado.")
    workflow.add_evidence(mjsp, approved, title=PUBLIC_EVIDENCE, url="https://exemplo.gov.br/publico", is_public=True)
    workflow.add_evidence(mjsp, approved, title=PRIVATE_EVIDENCE, url="https://exemplo.gov.br/interno")
    workflow.submit_report(mjsp, approved)
    workflow.return_report(coord, approved, RETURN_REASON)
    workflow.submit_report(mjsp, approved)
    workflow.approve_report(coord, approved)

    draft_plan, _, _, draft_activities = make_plan("rascunho")
    make_responsibility(draft_activities["1.1.1"], [w.inst["MJSP"]])
    draft_cycle = MonitoringCycle.objects.create(
        plan=draft_plan, name="2025.1", period_start=date(2025, 1, 1), period_end=date(2025, 6, 30),
        reporting_deadline=date(2025, 7, 15),
    )  # fmt: skip
    in_draft_plan = ProgressReport.objects.create(
        activity=draft_activities["1.1.1"], cycle=draft_cycle, institution=w.inst["MJSP"], state="approved"
    )
    w.draft_plan = draft_plan
    w.reports = SimpleNamespace(draft=draft, submitted=submitted, approved=approved, in_draft_plan=in_draft_plan)
    return w


ROLES = ("anonymous", "coordination", "focal_point", "other_focal_point", "committee_member", "analyst")


def user_for(w, role):
    return {
        "anonymous": None,
        "coordination": w.users.coord,
        "focal_point": w.users.mjsp,  # MJSP leads 1.1.1, 1.1.2, 1.2.1
        "other_focal_point": w.users.mte,  # MTE takes no part in the plan
        "committee_member": w.users.committee,
        "analyst": w.users.analyst,
    }[role]


@pytest.fixture
def client_as(api_world):
    """client_as(role) → an APIClient signed in by session (CSRF checks off, as in Django's test client)."""

    def make(role):
        client = APIClient()
        user = user_for(api_world, role)
        if user is not None:
            client.force_login(user)
        return client

    return make

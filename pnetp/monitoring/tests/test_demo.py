"""``pnetp.monitoring.demo.load``: fictitious, idempotent, every workflow state, partial progress."""

from datetime import date
from io import StringIO

import pytest

from pnetp.accounts import demo as accounts_demo
from pnetp.core.tests.shared_data import fresh, shared
from pnetp.institutions import demo as institutions_demo
from pnetp.monitoring import demo
from pnetp.monitoring.models import (
    Evidence,
    Indicator,
    MonitoringCycle,
    ProgressReport,
    ReportComment,
    Responsibility,
)
from pnetp.monitoring.services.accountability import overdue_reports
from pnetp.monitoring.services.rollup import plan_progress
from pnetp.plans.alignment import coverage_by_uf
from pnetp.plans.importing import ImportOptions, import_plan_document
from pnetp.plans.models import Activity, Plan
from pnetp.plans.tests.conftest import DOCUMENT_PATH

TODAY = date(2026, 3, 15)
MODELS = (Responsibility, Indicator, MonitoringCycle, ProgressReport, Evidence, ReportComment, Plan, Activity)


def counts() -> dict[str, int]:
    result = {model.__name__: model.objects.count() for model in MODELS}
    result |= {f"{m.__name__}.history": m.history.count() for m in MODELS if hasattr(m, "history")}
    return result


def _load(folder):
    import_plan_document(DOCUMENT_PATH, options=ImportOptions(publish=True))
    institutions_demo.load(StringIO())
    accounts_demo.load(StringIO())
    out = StringIO()
    demo.load(out, today=TODAY)
    return Plan.objects.get(slug="iv-pnetp"), out.getvalue()


# One load serves every test that reads it (loading costs seconds); each test rolls its own changes back.
shared_loaded = shared(_load)


@pytest.fixture
def loaded(shared_loaded, db):
    return fresh(shared_loaded)


def test_load_twice_gives_the_same_data(loaded):
    plan, output = loaded
    assert "Monitoramento (dados fictícios): 108 responsabilidades" in output
    before = counts()
    demo.load(StringIO(), today=date(2026, 4, 1))
    assert counts() == before


def test_loaded_content(loaded):
    plan, _ = loaded
    _check_responsibilities(plan)
    _check_cycles_and_reports(plan)
    _check_state_plan()
    assert 0 < plan_progress(plan).progress < 100
    # /alinhamento/ has a story: the fictitious Pará plan covers national activities (it read 0 % everywhere).
    coverage = coverage_by_uf(plan)
    assert coverage.covered > 0 and coverage.percent > 0


def _check_responsibilities(plan):
    responsibilities = Responsibility.objects.filter(activity__plan=plan)
    assert responsibilities.count() == Activity.objects.filter(plan=plan).count() == 108
    for r in responsibilities.prefetch_related("lead_institutions", "partner_institutions"):
        assert r.deliverable.startswith("[Demonstração]")
        assert date(2024, 1, 1) <= r.start_date < r.end_date <= date(2028, 12, 31)
        assert r.lead_institutions.exists()
    assert Indicator.objects.filter(activity__plan=plan).values("activity").distinct().count() == 30


def _check_cycles_and_reports(plan):
    cycles = {c.name: c for c in plan.cycles.all()}
    # Relative to 15/03/2026: 2025.2 ended 31/12/2025, its reports were due 31/01/2026 (open, overdue);
    # 2025.1 is closed. Every cycle's period ended before its deadline, and only past periods exist.
    assert set(cycles) == {"2025.1", "2025.2"}
    assert cycles["2025.1"].state == MonitoringCycle.State.CLOSED
    assert cycles["2025.2"].state == MonitoringCycle.State.OPEN
    assert cycles["2025.2"].reporting_deadline == date(2026, 1, 31) < TODAY
    assert all(c.period_end < c.reporting_deadline and c.period_end < TODAY for c in cycles.values())
    reports = ProgressReport.objects.filter(cycle__plan=plan)
    assert set(reports.values_list("state", flat=True)) == set(ProgressReport.State.values)
    assert all(r.return_reason for r in reports.filter(state=ProgressReport.State.RETURNED))
    assert all(r.narrative.startswith("[Demonstração]") for r in reports)
    assert {e.is_public for e in Evidence.objects.all()} == {True, False}
    assert ReportComment.objects.exists()
    assert overdue_reports(cycles["2025.2"], TODAY)
    # The history is real: written by the demo accounts, not by "Sistema".
    assert not ProgressReport.history.filter(history_user__isnull=True).exists()


def _check_state_plan():
    state = Plan.objects.get(slug=demo.STATE_PLAN_SLUG)
    assert state.title == "Plano Estadual de Enfrentamento ao Tráfico de Pessoas — Pará (fictício)"
    assert (state.kind, state.territory, state.parent.slug, state.status) == ("state", "PA", "iv-pnetp", "published")
    assert (state.axes.count(), state.actions.count(), state.activities.count()) == (2, 4, 10)


def test_without_the_national_plan_it_prints_a_notice_and_does_nothing(db):
    institutions_demo.load(StringIO())
    accounts_demo.load(StringIO())
    out = StringIO()
    demo.load(out)
    assert "plano nacional “iv-pnetp” não importado" in out.getvalue()
    assert not Responsibility.objects.exists() and not Plan.objects.exists()


def test_without_the_demo_accounts_it_prints_a_notice(db):
    import_plan_document(DOCUMENT_PATH, options=ImportOptions(publish=True))
    out = StringIO()
    demo.load(out)
    assert "contas de demonstração ausentes" in out.getvalue()
    assert not Responsibility.objects.exists()

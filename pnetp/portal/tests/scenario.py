"""Reports in every state on the small plan of ``pnetp.monitoring.tests.conftest.world``.

Public material carries "PUBLICO" in its texts and secret material "SECRETO", so tests can assert
on real HTML, CSV and JSON that one appears and the other never does.

Latest approved figures (cycle 2025.1, and unchanged by 2025.2, which holds only a returned report):
  1.1.1  MJSP em andamento 60% + MDHC concluída (default 100%)  → 80%
  1.1.2  MJSP cancelada                                         → excluded
  1.2.1  MJSP submitted only                                    → 0%
  2.1.1  MDHC atrasada (default 25%)                            → 25%
  2.1.2  MDHC draft only                                        → 0%
  axis 1 = (80 + 0) / 2 = 40%; axis 2 = (25 + 0) / 2 = 12.5%; plan = 105 / 4 = 26.25%
  MJSP leads 1.1.1, 1.1.2, 1.2.1 → 40%; MDHC leads 2.1.x → 12.5%; MTE leads nothing.
"""

from datetime import date, datetime
from types import SimpleNamespace

from django.utils import timezone

from pnetp.institutions.models import Institution
from pnetp.monitoring.models import Evidence, MonitoringCycle, ProgressReport
from pnetp.monitoring.tests.conftest import make_cycle, make_plan, make_report, make_responsibility
from pnetp.plans.models import Plan

APPROVED_AT = timezone.make_aware(datetime(2025, 7, 20, 10, 0))
SECRETS = [
    "SECRETO",  # every secret text contains it
    "Fulana",  # the approver's name
    "Beltrano",  # a focal point's name
    "exemplo.gov.br",  # users' e-mail domain
    "privada.pdf",
    "MSEC",  # an institution that only takes part in a draft plan
]


def _approve(report, world, narrative="", **fields):
    report.narrative = narrative
    report.approved_by = world.users.coord
    report.approved_at = APPROVED_AT
    report.submitted_by = world.users.mjsp
    for name, value in fields.items():
        setattr(report, name, value)
    report.save()
    return report


def populate(world) -> SimpleNamespace:
    """Publishes the world's plan and writes the reports described above; returns the extras."""
    users = world.users
    users.coord.first_name, users.coord.last_name = "Fulana", "Aprovadora"
    users.coord.save()
    users.mjsp.first_name, users.mjsp.last_name = "Beltrano", "Pontofocal"
    users.mjsp.save()
    world.plan.status = Plan.Status.PUBLISHED
    world.plan.save()

    mjsp_111 = _approve(
        make_report(world, "1.1.1", "MJSP", status="em-andamento", percent=60), world,
        "RELATO PUBLICO MJSP 111", difficulties="DIFICULDADE PUBLICA", next_steps="PASSOS PUBLICOS",
    )  # fmt: skip
    Evidence.objects.create(report=mjsp_111, title="EVIDENCIA PUBLICA", url="https://example.org/publica.pdf",
                            is_public=True)  # fmt: skip
    Evidence.objects.create(report=mjsp_111, title="EVIDENCIA SECRETO", url="https://example.org/privada.pdf")
    _approve(make_report(world, "1.1.1", "MDHC", status="concluida"), world, "RELATO PUBLICO MDHC 111")
    _approve(make_report(world, "1.1.2", "MJSP", status="cancelada"), world, "RELATO PUBLICO CANCELADA")
    make_report(world, "1.2.1", "MJSP", state="submitted", status="em-andamento", percent=90)
    submitted = world.act["1.2.1"].progress_reports.get()
    submitted.narrative = "RELATO ENVIADO SECRETO"
    submitted.save()
    _approve(make_report(world, "2.1.1", "MDHC", status="atrasada"), world, "RELATO PUBLICO MDHC 211")
    draft = make_report(world, "2.1.2", "MDHC", state="draft", status="concluida", percent=100)
    draft.narrative = "RELATO RASCUNHO SECRETO"
    draft.save()
    later = make_cycle(world, "2025.2", date(2025, 7, 1), date(2025, 12, 31), date(2026, 1, 15))
    returned = make_report(world, "2.1.1", "MDHC", state="returned", status="concluida", percent=100, cycle=later)
    returned.narrative, returned.return_reason = "RELATO DEVOLVIDO SECRETO", "MOTIVO SECRETO"
    returned.save()
    Evidence.objects.create(report=returned, title="EVIDENCIA DEVOLVIDO SECRETO", url="https://example.org/x.pdf",
                            is_public=True)  # fmt: skip
    return SimpleNamespace(later=later, draft_plan=_draft_plan(world))


def _draft_plan(world) -> Plan:
    """A draft plan with an approved report of an institution that appears nowhere else."""
    plan, axes, _actions, activities = make_plan("rascunho")
    axes["1"].title = "EIXO SECRETO"
    axes["1"].save()
    activity = activities["1.1.1"]
    activity.description = "ATIVIDADE SECRETO DO RASCUNHO"
    activity.save()
    hidden = Institution.objects.create(acronym="MSEC", name="Ministério Oculto", kind=Institution.Kind.FEDERAL)
    make_responsibility(activity, [hidden])
    cycle = MonitoringCycle.objects.create(
        plan=plan, name="2025.1", period_start=date(2025, 1, 1), period_end=date(2025, 6, 30),
        reporting_deadline=date(2025, 7, 15),
    )  # fmt: skip
    report = ProgressReport.objects.create(activity=activity, cycle=cycle, institution=hidden, state="approved",
                                           status=world.status["em-andamento"], percent_complete=70)  # fmt: skip
    _approve(report, world, "RELATO SECRETO DO PLANO RASCUNHO")
    return plan

"""Demonstration monitoring data for ``pnetp demo``. Everything written here is fictitious.

Needs the national plan (``pnetp import-plan pnetp/plans/data/iv-pnetp-2024-2028.txt --publish``)
and the demo institutions and accounts; without them it prints a notice and does nothing.
Written through the services, as the demo accounts, so permissions and history are real:
- a responsibility for every activity, among the demo institutions, with dates in 2024–2028;
- indicators on 30 activities;
- two cycles, computed from today so that the dates tell a true story: the semester before last (closed,
  its deadline long past) and the last complete semester (open: reports are due 31 days after it ends,
  so they are overdue when that day has passed and due soon before it);
- reports of MJSP and MTE (the institutions with demo focal points) in every workflow state,
  with evidence links (public and private) and comments;
- a fictitious state plan of Pará, through the plan importer.
Idempotent: existing records are left as they are, and a cycle's reports are written only when
the cycle itself is created. A seeded random generator makes every database get the same demo.
"""

import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pnetp.accounts.demo import ACCOUNTS
from pnetp.accounts.models import Role, User
from pnetp.institutions.models import Institution
from pnetp.plans.alignment import link_activities
from pnetp.plans.importing import ImportOptions, import_plan_document
from pnetp.plans.importing.plan_fields import NATIONAL_SLUG
from pnetp.plans.models import Activity, Plan, code_sort_key

from .models import Indicator, MonitoringCycle, ProgressReport, Responsibility, StatusOption
from .services import workflow
from .services.assignment import assign_responsibility, save_indicator
from .services.cycles import close_cycle, open_cycle

SEED = 2024
TAG = "[Demonstração]"
State = ProgressReport.State

# The sample directory of pnetp.institutions.demo; whichever of these exist take part.
POOL = [
    "MJSP", "MTE", "MDHC", "MRE", "MDS", "MS", "MEC", "MMulheres", "MIR", "MPI", "MTur", "PF", "PRF",
    "SENAJUS", "SIT", "DPU", "MPF", "MPT", "CNJ", "CNMP", "OIM", "UNODC", "OIT", "ACNUR",
]  # fmt: skip
STARTS = [date(2024, 1, 1), date(2024, 7, 1), date(2025, 1, 1), date(2025, 7, 1), date(2026, 1, 1)]
ENDS = [
    date(2025, 6, 30),
    date(2025, 12, 31),
    date(2026, 6, 30),
    date(2026, 12, 31),
    date(2027, 12, 31),
    date(2028, 12, 31),
]
WEIGHTS = ["1", "1", "1", "1.5", "2"]
DELIVERABLES = [
    "relatório técnico anual com os resultados da atividade",
    "plano de trabalho pactuado com os parceiros",
    "curso de capacitação ofertado em ambiente virtual",
    "minuta de normativo submetida à consulta pública",
    "campanha de sensibilização em rede nacional",
    "painel de dados atualizado semestralmente",
    "protocolo de atendimento publicado",
    "acordo de cooperação técnica assinado",
]
# name, unit, baseline, baseline year, target, direction, frequency
INDICATORS = [
    ("Pessoas capacitadas", "pessoas", "0", 2023, "2000", "increase", "semiannual"),
    ("Municípios com fluxo de atendimento pactuado", "municípios", "40", 2023, "120", "increase", "annual"),
    ("Campanhas de sensibilização realizadas", "campanhas", "2", 2023, "10", "increase", "annual"),
    ("Tempo médio de resposta a denúncias", "dias", "30", 2023, "10", "decrease", "quarterly"),
    ("Pessoas atendidas pela rede especializada", "pessoas", "500", 2023, "800", "increase", "semiannual"),
    ("Normativos revisados", "normas", "0", 2024, "5", "increase", "annual"),
    ("Comitês estaduais em funcionamento", "comitês", "18", 2023, "27", "increase", "annual"),
    ("Denúncias com retorno ao denunciante", "%", "35,5", 2023, "35,5", "maintain", "quarterly"),
]
NARRATIVES = [
    "foram realizadas {n} reuniões de articulação com a rede local.",
    "oficina de capacitação com {n} participantes de órgãos parceiros.",
    "minuta de normativo em análise interna; {n} contribuições recebidas.",
    "campanha de sensibilização veiculada em {n} municípios.",
    "levantamento de dados em andamento junto a {n} unidades regionais.",
]
DIFFICULTIES = ["restrição orçamentária no período.", "troca da equipe técnica responsável.", "atraso na contratação."]
NEXT_STEPS = [
    "consolidar os resultados no próximo ciclo.",
    "ampliar a ação para outras regiões.",
    "publicar o relatório final.",
]
RETURN_REASONS = [
    "informe o número de participantes e anexe a lista de presença.",
    "o percentual informado não condiz com o relato; revise.",
    "detalhe as dificuldades encontradas no período.",
]
# Final state of each report written in a cycle, in order; RESUBMITTED is returned once, then approved.
RESUBMITTED = "resubmitted"
SCENARIOS = {
    "closed": [State.APPROVED] * 9 + [RESUBMITTED] + [State.SUBMITTED] * 2 + [State.DRAFT] * 2,
    "open": [State.APPROVED] * 5 + [RESUBMITTED] * 2 + [State.SUBMITTED] * 4 + [State.RETURNED] * 3 + [State.DRAFT] * 4,
}
# (slug, lowest percent, highest percent); None leaves the percent to the status default.
APPROVED_STATUSES = [
    ("em-andamento", 30, 80),
    ("em-andamento", 20, 60),
    ("concluida", 100, 100),
    ("atrasada", 5, 25),
    ("continua", None, None),
]

STATE_PLAN_SLUG = "plano-estadual-pa-ficticio"
STATE_PLAN_TITLE = "Plano Estadual de Enfrentamento ao Tráfico de Pessoas — Pará (fictício)"
STATE_PLAN_DOCUMENT = "\n".join([
    "PLANO ESTADUAL DE ENFRENTAMENTO AO TRÁFICO DE PESSOAS — PARÁ (FICTÍCIO)",
    "",
    "Documento fictício, criado apenas para demonstrar a plataforma, com eixos e atividades para o período "
    "de 2025 a 2028. Não corresponde a nenhum plano real do Estado do Pará.",
    "",
    "Eixo 1 - Prevenção e articulação regional (fictício)",
    "",
    "Ações fictícias de prevenção nas rotas fluviais e rodoviárias e de articulação da rede estadual.",
    "",
    "Ação prioritária\t#\tAtividades",
    "1.1 Fortalecer o comitê estadual de enfrentamento ao tráfico de pessoas.\t1.1.1\tRealizar reuniões bimestrais do comitê estadual.",
    "\t1.1.2\tElaborar o regimento interno do comitê estadual.",
    "\t1.1.3\tPublicar relatório anual de atividades do comitê.",
    "1.2 Prevenir o tráfico de pessoas nas rotas fluviais da região.\t1.2.1\tRealizar campanhas informativas em embarcações de passageiros.",
    "\t1.2.2\tCapacitar agentes portuários para a identificação de vítimas.",
    "",
    "Eixo 2 - Atenção às vítimas e responsabilização (fictício)",
    "",
    "Ações fictícias de acolhimento, atendimento especializado e apoio à investigação.",
    "",
    "Ação prioritária\t#\tAtividades",
    "2.1 Ampliar a rede de atendimento especializado às vítimas.\t2.1.1\tImplantar um posto avançado de atendimento humanizado ao migrante.",
    "\t2.1.2\tPactuar o fluxo estadual de atendimento às vítimas.",
    "\t2.1.3\tOfertar acolhimento provisório em parceria com os municípios.",
    "2.2 Apoiar a investigação e a responsabilização.\t2.2.1\tCapacitar as polícias civil e militar em investigação de tráfico de pessoas.",
    "\t2.2.2\tCriar um painel estadual de dados sobre casos notificados.",
    "",
])  # fmt: skip


@dataclass
class _People:
    coord: User
    focal: dict[int, User]  # institution id → its demo focal point


def _say(stdout, message: str) -> None:
    if stdout is None:
        print(message, file=sys.stdout)
    else:
        stdout.write(message)


def _people() -> _People | None:
    coordination = [username for username, role, *_ in ACCOUNTS if role == Role.COORDINATION]
    focal_points = [username for username, role, *_ in ACCOUNTS if role == Role.FOCAL_POINT]
    users = User.objects.filter(username__in=coordination + focal_points, is_active=True)
    by_name = {user.username: user for user in users}
    if not coordination or coordination[0] not in by_name or not all(name in by_name for name in focal_points):
        return None
    focal = {by_name[name].institution_id: by_name[name] for name in focal_points if by_name[name].institution_id}
    return _People(coord=by_name[coordination[0]], focal=focal)


def _institutions() -> list[Institution]:
    found = {i.acronym: i for i in Institution.objects.filter(acronym__in=POOL, active=True)}
    return [found[acronym] for acronym in POOL if acronym in found]


def _responsibilities(plan: Plan, activities: list[Activity], people: _People) -> None:
    pool = _institutions()
    reporters = [i for i in pool if i.pk in people.focal]
    others = [i for i in pool if i.pk not in people.focal] or pool
    existing = set(Responsibility.objects.filter(activity__plan=plan).values_list("activity_id", flat=True))
    for index, activity in enumerate(activities):
        rng = random.Random(f"{SEED}:{activity.code}")  # per activity: stable whatever else changes
        # Half the activities are led by an institution with a demo focal point, and start early
        # enough to be reported in both cycles.
        reported = bool(reporters) and index % 2 == 0
        leads = [reporters[(index // 2) % len(reporters)]] if reported else [rng.choice(others)]
        candidates = [i for i in pool if i not in leads]
        partners = rng.sample(candidates, k=min(len(candidates), rng.choice([0, 1, 1, 2])))
        start = rng.choice(STARTS[:3] if reported else STARTS)
        end = rng.choice([d for d in ENDS if d > start])
        if activity.pk in existing:
            continue
        assign_responsibility(
            people.coord,
            activity,
            leads=leads,
            partners=partners,
            start_date=start,
            end_date=end,
            deliverable=f"{TAG} {rng.choice(DELIVERABLES).capitalize()}",
            weight=Decimal(rng.choice(WEIGHTS)),
        )


def _indicators(activities: list[Activity], people: _People) -> None:
    chosen = random.Random(SEED).sample(activities, k=min(30, len(activities)))
    names = {(i.activity_id, i.name) for i in Indicator.objects.filter(activity__in=activities)}
    for index, activity in enumerate(sorted(chosen, key=lambda a: code_sort_key(a.code))):
        name, unit, baseline, year, target, direction, frequency = INDICATORS[index % len(INDICATORS)]
        if (activity.pk, name) in names:
            continue
        save_indicator(
            people.coord,
            activity,
            name=name,
            unit=unit,
            baseline_value=Decimal(baseline.replace(",", ".")),
            baseline_year=year,
            target_value=Decimal(target.replace(",", ".")),
            direction=direction,
            frequency=frequency,
        )


def _semester(day: date) -> tuple[str, date, date]:
    """("2025.2", 01/07/2025, 31/12/2025): the semester holding ``day``."""
    if day.month <= 6:
        return f"{day.year}.1", date(day.year, 1, 1), date(day.year, 6, 30)
    return f"{day.year}.2", date(day.year, 7, 1), date(day.year, 12, 31)


REPORTING_DAYS = 31  # reports of a cycle are due this many days after its period ends


def _cycle_periods(today: date) -> list[tuple[str, date, date, date, bool]]:
    """(name, period start, period end, reporting deadline, closed): the semester before last (closed) and the
    last complete semester (open), relative to ``today``."""
    _name, current_start, _end = _semester(today)
    last = _semester(current_start - timedelta(days=1))
    before = _semester(last[1] - timedelta(days=1))
    return [
        (*before, before[2] + timedelta(days=REPORTING_DAYS), True),
        (*last, last[2] + timedelta(days=REPORTING_DAYS), False),
    ]


def _report_pairs(plan: Plan, cycle: MonitoringCycle, people: _People) -> list[tuple[Activity, Institution]]:
    """(activity, institution) pairs a demo focal point may report on in the cycle, in code order."""
    responsibilities = (
        Responsibility.objects.filter(activity__plan=plan, start_date__lte=cycle.period_end)
        .select_related("activity")
        .prefetch_related("lead_institutions", "partner_institutions")
    )
    pairs = []
    for r in sorted(responsibilities, key=lambda r: code_sort_key(r.activity.code)):
        for institution in [*r.lead_institutions.all(), *r.partner_institutions.all()]:
            if institution.pk in people.focal:
                pairs.append((r.activity, institution))
    return pairs


def _text(rng: random.Random, templates: list[str]) -> str:
    return f"{TAG} " + rng.choice(templates).format(n=rng.randint(2, 40)).capitalize()


def _write_report(people: _People, cycle, activity, institution, final_state: str, rng: random.Random, number: int):
    statuses = {option.slug: option for option in StatusOption.objects.filter(active=True)}  # a few rows
    focal, coord = people.focal[institution.pk], people.coord
    report = workflow.start_report(focal, activity, cycle, institution)
    slug, low, high = rng.choice(APPROVED_STATUSES)
    if final_state == State.DRAFT:
        slug, low, high = rng.choice([("em-andamento", 10, 40), ("nao-iniciada", 0, 0)])
    percent = rng.randint(low, high) if low is not None else None
    workflow.update_report(
        focal,
        report,
        status=statuses.get(slug),
        percent_complete=percent,
        narrative=_text(rng, NARRATIVES),
        difficulties=_text(rng, DIFFICULTIES) if slug == "atrasada" or rng.random() < 0.4 else "",
        next_steps=_text(rng, NEXT_STEPS),
    )
    if number % 2 == 0:
        workflow.add_evidence(
            focal,
            report,
            title=f"{TAG} Relatório de atividades {activity.code}",
            url=f"https://example.org/demonstracao/{cycle.name}/{activity.code}-{institution.acronym.lower()}.pdf",
            is_public=number % 4 == 0,
        )
    if final_state == State.DRAFT:
        return
    workflow.submit_report(focal, report)
    if final_state == State.SUBMITTED:
        if number % 3 == 0:
            workflow.add_comment(coord, report, f"{TAG} Recebido; a análise será concluída nesta semana.")
        return
    if final_state in (State.RETURNED, RESUBMITTED):
        workflow.add_comment(coord, report, f"{TAG} Faltam informações para a aprovação.")
        workflow.return_report(coord, report, _text(rng, RETURN_REASONS))
        if final_state == State.RETURNED:
            workflow.add_comment(focal, report, f"{TAG} Estamos reunindo os dados pedidos.")
            return
        workflow.update_report(
            focal, report, narrative=report.narrative + f"\n{TAG} Complementado a pedido da coordenação."
        )
        workflow.add_comment(focal, report, f"{TAG} Informações complementadas.")
        workflow.submit_report(focal, report)
    workflow.approve_report(coord, report)


def _cycles_and_reports(plan: Plan, people: _People, today: date) -> None:
    for name, start, end, deadline, closed in _cycle_periods(today):
        if MonitoringCycle.objects.filter(plan=plan, name=name).exists():
            continue
        rng = random.Random(f"{SEED}:{name}")
        cycle = open_cycle(
            people.coord, plan, name=name, period_start=start, period_end=end, reporting_deadline=deadline
        )
        pairs = _report_pairs(plan, cycle, people)
        scenario = SCENARIOS["closed" if closed else "open"]
        chosen = rng.sample(pairs, k=min(len(pairs), len(scenario)))
        for number, ((activity, institution), final_state) in enumerate(zip(chosen, scenario, strict=False)):
            _write_report(people, cycle, activity, institution, final_state, rng, number)
        if closed:
            close_cycle(people.coord, cycle)


def _state_plan(people: _People) -> None:
    options = ImportOptions(
        slug=STATE_PLAN_SLUG,
        title=STATE_PLAN_TITLE,
        short_title="PETP-PA (fictício)",
        kind=Plan.Kind.STATE,
        territory="PA",
        parent=NATIONAL_SLUG,
        publish=True,
        history_user=people.coord,
    )
    import_plan_document(STATE_PLAN_DOCUMENT.encode("utf-8"), options=options, name="plano-estadual-pa-ficticio.txt")


def _state_alignment(plan: Plan, activities: list[Activity], people: _People) -> None:
    """Align every activity of the fictitious state plan to a national one, so /alinhamento/ shows coverage.

    The n-th state activity goes to a national activity of the same axis number when there is one (first
    activities of the axis, in order); idempotent, like the rest of the demo.
    """
    state_plan = Plan.objects.filter(slug=STATE_PLAN_SLUG).first()
    if state_plan is None:
        return
    by_axis: dict[str, list[Activity]] = {}
    for activity in activities:
        by_axis.setdefault(activity.code.split(".")[0], []).append(activity)
    local = sorted(Activity.objects.filter(plan=state_plan), key=lambda a: code_sort_key(a.code))
    for index, activity in enumerate(local):
        candidates = by_axis.get(activity.code.split(".")[0]) or activities
        national = candidates[index % len(candidates)]
        link_activities(people.coord, activity, national, "[Demonstração] alinhamento fictício")


def load(stdout=None, today: date | None = None) -> None:
    plan = Plan.objects.filter(slug=NATIONAL_SLUG).first()
    people = _people()
    if plan is None:
        _say(stdout, _(
            "Monitoramento: plano nacional “%(slug)s” não importado; dados de demonstração do monitoramento não "
            "carregados. Rode “pnetp import-plan pnetp/plans/data/iv-pnetp-2024-2028.txt --publish” e depois "
            "“pnetp demo” de novo."
        ) % {"slug": NATIONAL_SLUG})  # fmt: skip
        return
    if people is None:
        _say(stdout, _(
            "Monitoramento: contas de demonstração ausentes (coordenação e pontos focais); carregue as instituições "
            "e as contas de demonstração antes. Nada foi feito."
        ))  # fmt: skip
        return
    today = today or timezone.localdate()
    activities = sorted(Activity.objects.filter(plan=plan), key=lambda a: code_sort_key(a.code))
    with transaction.atomic():
        _responsibilities(plan, activities, people)
        _indicators(activities, people)
        _cycles_and_reports(plan, people, today)
        _state_plan(people)
        _state_alignment(plan, activities, people)
    reports = ProgressReport.objects.filter(cycle__plan=plan)
    _say(stdout, _(
        "Monitoramento (dados fictícios): %(responsibilities)d responsabilidades, %(indicators)d indicadores, "
        "%(cycles)d ciclos, %(reports)d relatórios; plano estadual fictício “%(state)s”."
    ) % {
        "responsibilities": Responsibility.objects.filter(activity__plan=plan).count(),
        "indicators": Indicator.objects.filter(activity__plan=plan).count(),
        "cycles": plan.cycles.count(),
        "reports": reports.count(),
        "state": STATE_PLAN_SLUG,
    })  # fmt: skip

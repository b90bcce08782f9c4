"""``pnetp report cycle 2025.1 --format pdf``: the consolidated monitoring report of a cycle.

Writes ``relatorio-ciclo-2025.1.pdf`` (or ``.xlsx``, ``.docx``) in the current directory unless
``--output`` says otherwise. The subcommand leaves room for other reports later.
"""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pnetp.monitoring.models import MonitoringCycle
from pnetp.monitoring.reports import FORMATS, build_cycle_report, file_name, render
from pnetp.plans.models import Plan


def find_cycle(name: str, plan_slug: str | None) -> MonitoringCycle:
    cycles = MonitoringCycle.objects.filter(name=name).select_related("plan")
    if plan_slug:
        if not Plan.objects.filter(slug=plan_slug).exists():
            raise CommandError(f"Plano {plan_slug!r} não encontrado.")
        cycles = cycles.filter(plan__slug=plan_slug)
    found = list(cycles[:10])
    if not found:
        where = f" no plano {plan_slug!r}" if plan_slug else ""
        known = MonitoringCycle.objects.filter(plan__slug=plan_slug) if plan_slug else MonitoringCycle.objects.all()
        names = ", ".join(sorted({c.name for c in known})) or "nenhum"
        raise CommandError(f"Ciclo {name!r} não encontrado{where}. Ciclos existentes: {names}.")
    if len(found) > 1:
        plans = ", ".join(sorted(c.plan.slug for c in found))
        raise CommandError(f"Há um ciclo {name!r} em mais de um plano ({plans}); informe --plan.")
    return found[0]


class Command(BaseCommand):
    help = "Gera relatórios de monitoramento."

    def add_arguments(self, parser):
        reports = parser.add_subparsers(dest="report", required=True, metavar="RELATÓRIO")
        cycle = reports.add_parser(
            "cycle", help="Relatório consolidado de um ciclo de monitoramento (para o CONATRAP)."
        )
        cycle.add_argument("cycle_name", metavar="CICLO", help="Nome do ciclo, por exemplo 2025.1.")
        cycle.add_argument("--plan", help="Identificador do plano, quando há ciclos de mesmo nome em vários planos.")
        cycle.add_argument("--format", dest="fmt", required=True, choices=sorted(FORMATS), help="Formato do arquivo.")
        cycle.add_argument("--output", help="Arquivo a gravar; padrão: relatorio-ciclo-CICLO.FORMATO.")
        cycle.add_argument("--today", help="Data de referência dos atrasos (AAAA-MM-DD); padrão: hoje.")
        cycle.add_argument(
            "--base-url", default="", help="Endereço do portal (https://…), para links absolutos das evidências."
        )

    def handle(self, *args, cycle_name, fmt, plan=None, output=None, today=None, base_url="", **options):
        cycle = find_cycle(cycle_name, plan)
        try:
            reference = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"Data inválida: {today!r} (use AAAA-MM-DD).") from exc
        content = render(build_cycle_report(cycle, reference, base_url), fmt)
        path = Path(output or file_name(cycle.name, fmt))
        try:
            path.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Não foi possível gravar {path}: {exc.strerror}.") from exc
        self.stdout.write(self.style.SUCCESS(f"Relatório do ciclo {cycle.name} gravado em {path}."))

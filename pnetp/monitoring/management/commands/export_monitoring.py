"""``pnetp export-monitoring``: responsibilities, indicators and (with --cycle) reports as XLSX or CSV."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pnetp.monitoring.models import MonitoringCycle
from pnetp.monitoring.spreadsheets import export_csv, export_xlsx
from pnetp.plans.models import Plan


def find_plan_and_cycle(slug: str, cycle_name: str | None) -> tuple[Plan, MonitoringCycle | None]:
    plan = Plan.objects.filter(slug=slug).first()
    if plan is None:
        raise CommandError(_("plano '%(slug)s' não encontrado") % {"slug": slug})
    if not cycle_name:
        return plan, None
    cycle = MonitoringCycle.objects.filter(plan=plan, name=cycle_name).first()
    if cycle is None:
        names = ", ".join(plan.cycles.order_by("period_start").values_list("name", flat=True)) or "—"
        raise CommandError(
            _("ciclo '%(cycle)s' não encontrado no plano %(slug)s (ciclos: %(names)s)")
            % {"cycle": cycle_name, "slug": slug, "names": names}
        )
    return plan, cycle


class Command(BaseCommand):
    help = _(
        "Exporta responsabilidades, indicadores e, com --cycle, os relatórios do ciclo, em XLSX (uma aba por tipo) "
        "ou CSV (um arquivo por tipo, numa pasta). O arquivo pode ser editado e importado com import-monitoring."
    )

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help=_("identificador do plano (ex.: iv-pnetp)"))
        parser.add_argument("--cycle", help=_("nome do ciclo cujos relatórios exportar (ex.: 2025.1)"))
        parser.add_argument("--format", required=True, choices=["xlsx", "csv"])
        parser.add_argument("--output", required=True, help=_("arquivo .xlsx, ou pasta onde gravar os arquivos CSV"))

    def handle(self, *args, plan, cycle, format, output, **options):
        plan, cycle = find_plan_and_cycle(plan, cycle)
        output = Path(output)
        if format == "xlsx":
            files = {output: export_xlsx(plan, cycle)}
        else:
            if output.exists() and not output.is_dir():
                raise CommandError(_("%(path)s: para CSV, informe uma pasta em --output") % {"path": output})
            files = {output / name: content for name, content in export_csv(plan, cycle).items()}
        try:
            for path, content in files.items():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
        except OSError as error:
            raise CommandError(
                _("%(path)s: não foi possível gravar (%(reason)s)")
                % {"path": error.filename or output, "reason": error.strerror}
            ) from None
        for path in files:
            self.stdout.write(_("Gravado: %(path)s") % {"path": path})

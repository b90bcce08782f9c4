"""``pnetp import-monitoring PATH``: a thin shell over pnetp.monitoring.spreadsheets.import_monitoring."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pnetp.monitoring.spreadsheets import MonitoringImportError, import_monitoring

from .export_monitoring import find_plan_and_cycle


class Command(BaseCommand):
    help = _(
        "Importa uma planilha de monitoramento (XLSX, ou CSV exportados por export-monitoring) agindo como o "
        "usuário informado, com as permissões dele. Tudo ou nada: se alguma linha tiver erro, nada é gravado."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help=_("arquivo .xlsx ou .csv, ou pasta com arquivos CSV")
        )
        parser.add_argument("--plan", required=True, help=_("identificador do plano (ex.: iv-pnetp)"))
        parser.add_argument("--cycle", help=_("nome do ciclo dos relatórios (obrigatório se houver relatórios)"))
        parser.add_argument("--user", required=True, help=_("usuário em nome de quem importar"))
        parser.add_argument("--dry-run", action="store_true", help=_("valida e mostra o que mudaria, sem gravar"))

    def handle(self, *args, paths, plan, cycle, user, dry_run, **options):
        plan, cycle = find_plan_and_cycle(plan, cycle)
        account = get_user_model().objects.filter(username=user).first()
        if account is None:
            raise CommandError(_("usuário '%(user)s' não encontrado") % {"user": user})
        try:
            result = import_monitoring(paths, plan=plan, user=account, cycle=cycle, dry_run=dry_run)
        except MonitoringImportError as error:
            count = len(error.messages)
            header = _("Importação recusada, nada foi gravado (%(count)d erro(s)):") % {"count": count}
            raise CommandError("\n".join([header, *error.messages])) from error
        for line in result.summary_lines():
            self.stdout.write(line)

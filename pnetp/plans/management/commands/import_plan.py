"""``pnetp import-plan PATH``: a thin shell over pnetp.plans.importing.import_plan_document."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pnetp.plans.importing import ImportOptions, PlanImportError, import_plan_document
from pnetp.plans.models import Plan


class Command(BaseCommand):
    help = _(
        "Importa um plano (documento de texto no formato oficial, ou CSV/XLSX exportado por export-plan). "
        "Valida o documento inteiro antes de gravar; reimportar atualiza os registros pelo código."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("arquivo .txt, .csv ou .xlsx"))
        parser.add_argument("--dry-run", action="store_true", help=_("valida e mostra o que mudaria, sem gravar"))
        parser.add_argument("--publish", action="store_true", help=_("marca o plano como publicado"))
        parser.add_argument("--slug", help=_("identificador do plano (padrão: iv-pnetp para o plano nacional)"))
        parser.add_argument("--title", help=_("título do plano"))
        parser.add_argument("--short-title", help=_("título curto do plano"))
        parser.add_argument("--kind", choices=Plan.Kind.values, help=_("abrangência do plano"))
        parser.add_argument("--territory", help=_("BR, sigla da UF ou código IBGE do município"))
        parser.add_argument("--parent", help=_("identificador do plano de referência"))
        parser.add_argument("--start-year", type=int, help=_("ano inicial, se o documento não o indicar"))
        parser.add_argument("--end-year", type=int, help=_("ano final, se o documento não o indicar"))

    def handle(self, *args, **options):
        import_options = ImportOptions(
            slug=options["slug"],
            title=options["title"],
            short_title=options["short_title"],
            kind=options["kind"],
            territory=options["territory"],
            parent=options["parent"],
            start_year=options["start_year"],
            end_year=options["end_year"],
            publish=options["publish"],
            dry_run=options["dry_run"],
            progress=sys.stderr.isatty(),
        )
        try:
            result = import_plan_document(options["path"], options=import_options)
        except PlanImportError as error:
            raise CommandError(str(error)) from error
        for line in result.summary_lines():
            self.stdout.write(line)

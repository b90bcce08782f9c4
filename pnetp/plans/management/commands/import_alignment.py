"""``pnetp import-alignment FILE --plan SLUG``: a thin shell over pnetp.plans.alignment.import_alignment_csv."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pnetp.plans.alignment import import_alignment_csv
from pnetp.plans.importing import PlanImportError


class Command(BaseCommand):
    help = _(
        "Importa alinhamentos de um plano estadual ou municipal ao plano nacional: CSV com as colunas "
        "atividade_local, atividade_nacional e observacao (códigos). Valida o arquivo inteiro antes de gravar; "
        "reimportar não duplica nada e alinhamentos ausentes do arquivo são mantidos."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("arquivo .csv"))
        parser.add_argument("--plan", required=True, help=_("identificador do plano estadual ou municipal"))
        parser.add_argument("--dry-run", action="store_true", help=_("valida e mostra o que mudaria, sem gravar"))

    def handle(self, *args, **options):
        try:
            result = import_alignment_csv(options["path"], options["plan"], dry_run=options["dry_run"])
        except PlanImportError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(result.summary())

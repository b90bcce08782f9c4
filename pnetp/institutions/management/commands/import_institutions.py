from django.core.management.base import BaseCommand, CommandError

from pnetp.institutions.importer import import_institutions_csv


class Command(BaseCommand):
    help = "Importa instituições de um arquivo CSV (sigla,nome,natureza,uf,orgao_superior); tudo ou nada."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="arquivo CSV em UTF-8 ou Windows-1252, separado por vírgula ou ponto e vírgula"
        )
        parser.add_argument("--dry-run", action="store_true", help="apenas valida e conta, sem gravar")

    def handle(self, *args, file, dry_run, **options):
        try:
            result = import_institutions_csv(file, dry_run=dry_run)
        except OSError as exc:
            raise CommandError(f"Não foi possível ler {file}: {exc.strerror or exc}") from exc
        if not result.ok:
            for error in result.errors:
                self.stderr.write(error)
            raise CommandError(f"{len(result.errors)} erro(s); nada foi gravado.")
        self.stdout.write(self.style.SUCCESS(result.summary()))

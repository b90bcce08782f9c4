from django.core.management.base import BaseCommand, CommandError

from pnetp.mapear.importer import import_mapear_csv


class Command(BaseCommand):
    help = "Importa pontos do Projeto Mapear (PRF) de um arquivo CSV para uma edição; tudo ou nada."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="arquivo CSV em UTF-8 ou Windows-1252, separado por vírgula ou ponto e vírgula"
        )
        parser.add_argument("--survey", type=int, required=True, help="ano da edição, por exemplo 2023")
        parser.add_argument("--source-note", default="", help="fonte da edição, gravada ao criá-la")
        parser.add_argument("--dry-run", action="store_true", help="apenas valida e conta, sem gravar")

    def handle(self, *args, file, survey, source_note, dry_run, **options):
        try:
            result = import_mapear_csv(file, year=survey, dry_run=dry_run, source_note=source_note)
        except OSError as exc:
            raise CommandError(f"Não foi possível ler {file}: {exc.strerror or exc}") from exc
        if not result.ok:
            for error in result.errors:
                self.stderr.write(error)
            raise CommandError(f"{len(result.errors)} erro(s); nada foi gravado.")
        self.stdout.write(self.style.SUCCESS(result.summary()))

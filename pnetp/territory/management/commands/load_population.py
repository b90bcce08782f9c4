from django.core.management.base import BaseCommand, CommandError

from pnetp.territory.population import DEFAULT_FILE, PopulationFileError, load_population


class Command(BaseCommand):
    help = (
        "Carrega a população residente por município e ano (IBGE: Censo ou estimativas), denominador das taxas "
        "por 100 mil habitantes. Tudo ou nada; carregar o mesmo arquivo de novo não muda nada."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "arquivo",
            nargs="?",
            help="CSV (leiaute do projeto ou do IBGE); padrão: o arquivo "
            "distribuído em pnetp/territory/data/, se houver",
        )
        parser.add_argument("--ano", type=int, help="ano de referência (obrigatório no leiaute do IBGE)")
        parser.add_argument("--fonte", default="", help="fonte citável, p. ex. “IBGE, Censo Demográfico 2022”")
        parser.add_argument("--dry-run", action="store_true", help="só valida e conta, sem gravar")

    def handle(self, *args, arquivo, ano, fonte, dry_run, **options):
        path = arquivo or DEFAULT_FILE
        if not arquivo and not DEFAULT_FILE.exists():
            raise CommandError(
                "Nenhum arquivo de população distribuído com o sistema: informe o arquivo do IBGE "
                "(veja pnetp/territory/data/README.md)."
            )
        try:
            report = load_population(path, year=ano, source_note=fonte, dry_run=dry_run)
        except FileNotFoundError as exc:
            raise CommandError(f"Arquivo não encontrado: {exc.filename}") from exc
        except PopulationFileError as exc:
            raise CommandError("\n".join(exc.errors)) from exc
        prefix = "[simulação] " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(prefix + report.summary()))

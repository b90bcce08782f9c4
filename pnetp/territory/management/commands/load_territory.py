import sys

from django.core.management.base import BaseCommand, CommandError

from pnetp.territory.loader import TerritoryDataError, load_territory


class Command(BaseCommand):
    help = (
        "Carrega países (ISO 3166-1), as 27 UFs e os municípios do IBGE com coordenadas e contornos, "
        "sem acesso à rede. Só acrescenta o que falta; --refresh regrava a partir das fontes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--refresh", action="store_true", help="regrava nomes, coordenadas e contornos")
        parser.add_argument("--no-boundaries", action="store_true", help="não carrega contornos (mais rápido)")

    def handle(self, *args, refresh, no_boundaries, **options):
        try:
            report = load_territory(boundaries=not no_boundaries, refresh=refresh, progress=sys.stderr.isatty())
        except TerritoryDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(report.summary()))

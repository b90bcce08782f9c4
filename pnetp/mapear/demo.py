"""Demo data of the Projeto Mapear: the FICTITIOUS sample points of data/ (see data/README.md)."""

from pathlib import Path

from django.core.management.base import CommandError

from pnetp.territory.loader import load_territory
from pnetp.territory.models import Municipality

from .importer import import_mapear_csv

SAMPLE_CSV = Path(__file__).resolve().parent / "data" / "mapear_ficticio.csv"
SAMPLE_YEAR = 2023
SOURCE_NOTE = "Dados fictícios de demonstração (não são dados da PRF)."


def load(stdout) -> None:
    if not Municipality.objects.exists():  # the points need the IBGE municipalities
        stdout.write(load_territory(boundaries=False).summary())
    result = import_mapear_csv(SAMPLE_CSV, year=SAMPLE_YEAR, source_note=SOURCE_NOTE)
    if not result.ok:
        raise CommandError("\n".join(result.errors))
    stdout.write(result.summary())

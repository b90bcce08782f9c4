"""Demo data of the institutions app: the sample directory of federal bodies (see ``pnetp demo``)."""

from pathlib import Path

from django.core.management.base import CommandError

from .importer import import_institutions_csv

SAMPLE_CSV = Path(__file__).resolve().parent / "data" / "institutions.csv"


def load(stdout) -> None:
    result = import_institutions_csv(SAMPLE_CSV)
    if not result.ok:
        raise CommandError("\n".join(result.errors))
    stdout.write(result.summary())

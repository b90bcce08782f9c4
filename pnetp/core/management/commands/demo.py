"""``pnetp demo``: fill the database with demonstration data and print the demo logins.

Each app contributes a loader, ``load(stdout)``, listed in ``LOADERS`` in dependency order; a new
app adds its own (for example ``pnetp.monitoring.demo.load``) to the list (by name: core imports no app). Loaders must be
idempotent: running the command again leaves the data as it was.

The demo accounts share a published password, so the command refuses to run with DEBUG off
unless ``--force`` is given.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

LOADERS = [
    "pnetp.institutions.demo.load",
    "pnetp.accounts.demo.load",
    "pnetp.monitoring.demo.load",
    "pnetp.mapear.demo.load",
    "pnetp.sisetp.demo.load",
    "pnetp.linkage.demo.load",  # unique persons over the records just imported
    "pnetp.statistics.demo.load",  # publishes the SISETP records just loaded
    "pnetp.network.demo.load",
    "pnetp.referrals.demo.load",
]
LOGINS = "pnetp.accounts.demo.print_logins"


class Command(BaseCommand):
    help = "Carrega dados e contas de demonstração (idempotente). Recusa-se a rodar sem DEBUG, salvo com --force."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="roda mesmo com DEBUG desligado (cria contas com senha conhecida)"
        )

    def handle(self, *args, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG está desligado: este parece um ambiente de produção e as contas de demonstração têm "
                "senha pública. Use --force se tiver certeza."
            )
        with transaction.atomic():
            for path in LOADERS:
                import_string(path)(self.stdout)
        import_string(LOGINS)(self.stdout, self.style)

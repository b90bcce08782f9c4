"""``pnetp rotate-identity-keys``: re-encrypt identities with the newest key (or print a new key)."""

from django.core.management.base import BaseCommand

from pnetp.sisetp import crypto
from pnetp.sisetp.services.identity import rotate_identity_keys


class Command(BaseCommand):
    help = (
        "Recifra as identidades do SISETP com a primeira chave de PNETP_FIELD_ENCRYPTION_KEY. "
        "Passos: gere uma chave (--generate-key), coloque-a no início da variável, rode este comando, "
        "e só então retire a chave antiga."
    )

    def add_arguments(self, parser):
        parser.add_argument("--generate-key", action="store_true", help="Só imprime uma chave nova e sai.")

    def handle(self, *args, generate_key=False, **options):
        if generate_key:
            self.stdout.write(crypto.generate_key())
            return
        count = rotate_identity_keys()
        self.stdout.write(self.style.SUCCESS(f"{count} valores recifrados com a chave mais nova."))

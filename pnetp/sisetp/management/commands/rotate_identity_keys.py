"""``pnetp rotate-identity-keys``: re-encrypt identities with the newest key (or print a new key).

Every value, current and historical, is rewritten as a format 1 token (AES-256-GCM, ``s1:``) under the
first key, whatever it was before: a format 1 token under an older key or an old Fernet token.
"""

from django.core.management.base import BaseCommand

from pnetp.sisetp import crypto
from pnetp.sisetp.services.identity import rotate_identity_keys


class Command(BaseCommand):
    help = (
        "Recifra as identidades do SISETP (valores atuais e histórico) com a primeira chave de "
        "PNETP_FIELD_ENCRYPTION_KEY, no formato atual (AES-256-GCM), inclusive os valores antigos em Fernet. "
        "Passos: gere uma chave (--generate-key), coloque-a no início da variável, rode este comando, "
        "e só então retire a chave antiga."
    )

    def add_arguments(self, parser):
        parser.add_argument("--generate-key", action="store_true", help="Só imprime uma chave nova e sai.")

    def handle(self, *args, generate_key=False, **options):
        if generate_key:
            self.stdout.write(crypto.generate_key())
            return
        crypto.keyring()  # a missing or invalid key stops here, before any row is read
        count = rotate_identity_keys()
        newest = crypto.key_id(crypto.configured_keys()[0])
        self.stdout.write(
            self.style.SUCCESS(f"{count} valores recifrados com a chave mais nova (identificador {newest}).")
        )

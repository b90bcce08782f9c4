"""Encryption of identity data at rest: Fernet (AES-128-CBC + HMAC-SHA256) with key rotation.

Keys come from ``settings.PNETP_FIELD_ENCRYPTION_KEYS`` (the environment variable
``PNETP_FIELD_ENCRYPTION_KEY``: comma-separated Fernet keys, newest first). The first key encrypts;
every key decrypts, so a new key is put in front, ``pnetp rotate-identity-keys`` re-encrypts, and the
old key is then dropped.

Why not django-fernet-encrypted-fields (0.4.0, maintained and tested on Django 5.2): it derives its
key from Django's SECRET_KEY, so rotating SECRET_KEY (routine after an incident) makes identities
unreadable unless the old one is kept forever; and it returns the stored ciphertext as if it were the
value when decryption fails, which a later save would encrypt again. Here the key is the identity
data's own, and a value that does not decrypt is an error.
"""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class DecryptionError(Exception):
    """A stored value did not decrypt with any configured key."""


def configured_keys() -> tuple[str, ...]:
    return tuple(getattr(settings, "PNETP_FIELD_ENCRYPTION_KEYS", ()) or ())


@lru_cache(maxsize=4)
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured(
            "Defina PNETP_FIELD_ENCRYPTION_KEY (chaves Fernet separadas por vírgula) para gravar ou ler identidades."
        )
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(f"PNETP_FIELD_ENCRYPTION_KEY inválida: {error}") from None


def fernet() -> MultiFernet:
    return _fernet_for(configured_keys())


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode("utf-8")).decode("ascii")


def encrypt_many(texts) -> list[str]:
    """``encrypt`` of each text, for bulk imports: the same Fernet tokens, each with its own random IV."""
    fernet()  # the configuration check and message of ``encrypt``
    return encrypt_batch(configured_keys()[0], list(texts))


def encrypt_batch(key: str, texts: list[str]) -> list[str]:
    """Fernet tokens of ``texts`` under ``key``, each with its own random IV, from the library itself.

    No Django settings needed, so the sealing worker process (``ingestion/sealing.py``) can run it on the
    second core. A faster hand-made CBC/HMAC over the batch was measured (~4x less CPU) and rejected:
    encryption of victims' identities stays with the maintained library.
    """
    encrypt_ = Fernet(key.encode("ascii")).encrypt
    return [encrypt_(text.encode("utf-8")).decode("ascii") for text in texts]


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeEncodeError):
        raise DecryptionError("valor cifrado não decifra com as chaves configuradas") from None


def try_decrypt(value: str) -> str | None:
    """The plaintext if ``value`` is a token of ours, else None (only a key holder can forge one)."""
    try:
        return decrypt(value)
    except DecryptionError:
        return None


def rotate(token: str) -> str:
    """The same value encrypted with the first (newest) key."""
    try:
        return fernet().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken:
        raise DecryptionError("valor cifrado não decifra com as chaves configuradas") from None


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")

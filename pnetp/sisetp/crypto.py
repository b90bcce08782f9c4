"""Encryption of identity data at rest: AES-256-GCM in a versioned token, with key rotation.

Keys come from ``settings.PNETP_FIELD_ENCRYPTION_KEYS`` (the environment variable
``PNETP_FIELD_ENCRYPTION_KEY``: comma-separated Fernet keys, newest first). The first key encrypts;
every key decrypts, so a new key is put in front, ``pnetp rotate-identity-keys`` re-encrypts, and the
old key is then dropped. The variable and its format are those of the Fernet era, unchanged.

Token format 1 (what ``encrypt`` writes), text that fits the TEXT columns::

    "s1:" + base64url_without_padding( key_id[4] || nonce[12] || AES-256-GCM ciphertext || tag[16] )

- ``s1:`` says "sealed, format 1". A colon is not in the base64url alphabet, so no Fernet token (which
  starts with "gAAAAA") can start like this, and a later format gets its own prefix.
- AES key: 32 bytes of HKDF-SHA256 over the configured key's 32 decoded bytes, no salt, info
  ``_AES_KEY_INFO``. Key id: 4 bytes of the same HKDF with info ``_KEY_ID_INFO``: it names the key
  (rotation and decryption pick it by id) without revealing anything about it.
- nonce: 96 random bits per value (os.urandom). Random nonces stay safe well under 2^32 encryptions
  per key (NIST SP 800-38D); a key rotation starts a new key's count.
- associated data: ``_AAD_LABEL`` + the prefix + the key id, so the token is bound to its purpose (SISETP
  identities, not any other use of the key) and its header cannot be altered. Not bound to the field
  name: the bulk path (``ingestion/sealing``, a flat list of texts in another process), ``Sealed`` (kind
  only) and loaddata (``fields.to_python``) do not carry it, and the callers stay as they are.
- base64 is checked to be canonical (the encoding of the bytes it decodes to): a changed character is
  refused even where base64 would ignore it (the spare bits of the last character).

Older tokens are Fernet tokens (AES-128-CBC + HMAC-SHA256, "gAAAAA…"): they still decrypt, with any
configured key (MultiFernet), and ``rotate`` rewrites them in format 1. Why the change: at a million
records the import encrypts ~2.9 M values; Fernet cost ~8.7 µs a value, AES-GCM from the same library
~1.6 µs (decrypting: ~9.6 against ~2.8 µs; ``benchmarks/sisetp_crypto.py``).

Why not django-fernet-encrypted-fields (0.4.0, maintained and tested on Django 5.2): it derives its
key from Django's SECRET_KEY, so rotating SECRET_KEY (routine after an incident) makes identities
unreadable unless the old one is kept forever; and it returns the stored ciphertext as if it were the
value when decryption fails, which a later save would encrypt again. Here the key is the identity
data's own, and a value that does not decrypt is an error.
"""

import base64
import binascii
import os
from collections.abc import Callable
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "s1:"  # token format 1: AES-256-GCM
FERNET_PREFIX = "gAAAAA"  # base64 of Fernet's version byte 0x80 and a timestamp's leading zero bytes
TOKEN_PREFIXES = (PREFIX, FERNET_PREFIX)  # how every token of ours starts (str.startswith takes the tuple)

_AES_KEY_INFO = b"pnetp.sisetp identity AES-256-GCM key v1"
_KEY_ID_INFO = b"pnetp.sisetp identity key id v1"
_AAD_LABEL = b"pnetp.sisetp.identity\x00"
_KEY_ID_BYTES = 4
_NONCE_BYTES = 12
_TAG_BYTES = 16
_HEADER = _KEY_ID_BYTES + _NONCE_BYTES
_PREFIX_LENGTH = len(PREFIX)

_NOT_DECRYPTED = "valor cifrado não decifra com as chaves configuradas"
_TAMPERED = (
    "valor cifrado recusado: a verificação de integridade (AES-GCM) falhou — o valor foi alterado "
    "ou não foi cifrado com esta chave"
)
_MALFORMED = "valor cifrado malformado (formato s1)"
_UNKNOWN_KEY = "valor cifrado com uma chave que não está configurada (id da chave %s)"


class DecryptionError(Exception):
    """A stored value did not decrypt with any configured key."""


def configured_keys() -> tuple[str, ...]:
    return tuple(getattr(settings, "PNETP_FIELD_ENCRYPTION_KEYS", ()) or ())


def _key_bytes(key: str) -> bytes:
    """The 32 bytes of a Fernet key (its validity checked by the library)."""
    Fernet(key)  # ValueError with the library's reason if it is not a Fernet key
    return base64.urlsafe_b64decode(key.encode("ascii") if isinstance(key, str) else key)


def _hkdf(material: bytes, info: bytes, length: int) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=info).derive(material)


@lru_cache(maxsize=16)
def _derive(key: str) -> tuple[bytes, AESGCM, bytes]:
    """(key id, AES-256-GCM cipher, associated data) of a configured key."""
    material = _key_bytes(key)
    key_id = _hkdf(material, _KEY_ID_INFO, _KEY_ID_BYTES)
    return key_id, AESGCM(_hkdf(material, _AES_KEY_INFO, 32)), _AAD_LABEL + PREFIX.encode("ascii") + key_id


class Keyring:
    """The configured keys, ready: format 1 ciphers by key id, the current one, and a MultiFernet."""

    def __init__(self, keys: tuple[str, ...]):
        self.fernet = MultiFernet([Fernet(key) for key in keys])
        self.by_id: dict[bytes, tuple[AESGCM, bytes]] = {}
        materials: dict[bytes, bytes] = {}
        for key in keys:
            key_id, aead, aad = _derive(key)
            if materials.setdefault(key_id, _key_bytes(key)) != _key_bytes(key):  # 1 in 2^32 for two keys
                raise ValueError("duas chaves com o mesmo identificador; gere outra chave")
            self.by_id[key_id] = (aead, aad)
        self.current = _derive(keys[0])

    def encrypt(self, text: str) -> str:
        return _seal(*self.current, [text])[0]

    def decrypt(self, token: str) -> str:
        if token.startswith(PREFIX):
            return self._decrypt_v1(token)
        if not token.startswith(FERNET_PREFIX):  # neither format: plain text, or not ours
            raise DecryptionError(_NOT_DECRYPTED)
        try:
            return self.fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError):
            raise DecryptionError(_NOT_DECRYPTED) from None

    def _decrypt_v1(self, token: str) -> str:
        body = token[_PREFIX_LENGTH:]
        try:
            data = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        except (binascii.Error, ValueError):
            raise DecryptionError(_MALFORMED) from None
        if len(data) < _HEADER + _TAG_BYTES or base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii") != body:
            raise DecryptionError(_MALFORMED)
        key_id = data[:_KEY_ID_BYTES]
        found = self.by_id.get(key_id)
        if found is None:
            raise DecryptionError(_UNKNOWN_KEY % key_id.hex())
        aead, aad = found
        try:
            return aead.decrypt(data[_KEY_ID_BYTES:_HEADER], data[_HEADER:], aad).decode("utf-8")
        except InvalidTag:
            raise DecryptionError(_TAMPERED) from None
        except UnicodeError:  # authentic, so written by a key holder, but not text: not ours
            raise DecryptionError(_MALFORMED) from None


@lru_cache(maxsize=4)
def _keyring_for(keys: tuple[str, ...]) -> Keyring:
    if not keys:
        raise ImproperlyConfigured(
            "Defina PNETP_FIELD_ENCRYPTION_KEY (chaves Fernet separadas por vírgula) para gravar ou ler identidades."
        )
    try:
        return Keyring(keys)
    except (ValueError, TypeError, binascii.Error) as error:
        raise ImproperlyConfigured(f"PNETP_FIELD_ENCRYPTION_KEY inválida: {error}") from None


def keyring() -> Keyring:
    """The keys of the settings, checked: ImproperlyConfigured if none or one is invalid."""
    return _keyring_for(configured_keys())


def fernet() -> MultiFernet:
    """The configured keys as a MultiFernet (old tokens only); also the configuration check."""
    return keyring().fernet


def encrypt(text: str) -> str:
    return keyring().encrypt(text)


def encrypt_many(texts) -> list[str]:
    """``encrypt`` of each text, for bulk imports: the same tokens, each with its own random nonce."""
    keyring()  # the configuration check and message of ``encrypt``
    return encrypt_batch(configured_keys()[0], list(texts))


def encrypt_batch(key: str, texts: list[str]) -> list[str]:
    """Format 1 tokens of ``texts`` under ``key`` (a configured Fernet key), each with its own random nonce.

    No Django settings needed, so the sealing worker process (``ingestion/sealing.py``) can run it on the
    second core. The cipher is the library's AESGCM; the batch only draws its nonces in one
    ``os.urandom`` call (12 random bytes per value, as many calls would give).
    """
    return _seal(*_derive(key), texts)


def _seal(key_id: bytes, aead: AESGCM, aad: bytes, texts: list[str]) -> list[str]:
    encrypt_ = aead.encrypt
    encode = base64.urlsafe_b64encode
    randomness = os.urandom(_NONCE_BYTES * len(texts))
    tokens = []
    for start, text in zip(range(0, len(randomness), _NONCE_BYTES), texts):
        nonce = randomness[start : start + _NONCE_BYTES]
        data = key_id + nonce + encrypt_(nonce, text.encode("utf-8"), aad)
        tokens.append(PREFIX + encode(data).rstrip(b"=").decode("ascii"))
    return tokens


def decrypt(token: str) -> str:
    return keyring().decrypt(token)


def decryptor() -> Callable[[str], str]:
    """``decrypt`` bound to the configured keys, looked up once: for decrypting many values in a loop.

    ImproperlyConfigured here if the key is missing or invalid; each call raises DecryptionError.
    """
    return keyring().decrypt


def try_decrypt(value: str) -> str | None:
    """The plaintext if ``value`` is a token of ours, else None (only a key holder can forge one)."""
    try:
        return decrypt(value)
    except DecryptionError:
        return None


def rotate(token: str) -> str:
    """The same value encrypted in format 1 with the first (newest) key, whatever its format and key."""
    ring = keyring()
    return ring.encrypt(ring.decrypt(token))


def token_key_id(token: str) -> str | None:
    """The hex key id of a format 1 token, None for an old Fernet token (it names no key)."""
    if not token.startswith(PREFIX):
        return None
    body = token[_PREFIX_LENGTH : _PREFIX_LENGTH + 8]
    return base64.urlsafe_b64decode(body)[:_KEY_ID_BYTES].hex()


def key_id(key: str) -> str:
    """The hex id that format 1 tokens under ``key`` carry."""
    return _derive(key)[0].hex()


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")

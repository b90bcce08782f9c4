"""Identity tokens, format 1 (AES-256-GCM): layout, integrity, keys, reading old Fernet tokens, rotation.

Every value here is fictitious.
"""

import base64
import io

import pytest
from cryptography.fernet import Fernet, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from pnetp.sisetp import crypto
from pnetp.sisetp.ingestion.batches import run_import
from pnetp.linkage import database
from pnetp.sisetp.models import IDENTITY_FIELDS, PersonIdentity
from pnetp.sisetp.services.identity import read_identity

from .conftest import FAKE_IDENTITY
from .test_ingestion_fixtures import CASE_HEADER, case_rows, feed, write_csv  # noqa: F401

PURPOSE = "Atendimento"
TEXT = "Maria Fictícia de Souza"


@pytest.fixture
def key(settings):
    """One fresh key, the only one configured."""
    key = crypto.generate_key()
    settings.PNETP_FIELD_ENCRYPTION_KEYS = [key]
    return key


def raw(token: str) -> bytes:
    body = token[len("s1:") :]
    return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))


def text_of(data: bytes) -> str:
    return "s1:" + base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def hkdf(key: str, info: bytes, length: int) -> bytes:
    material = base64.urlsafe_b64decode(key)
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=info).derive(material)


# -- the format -------------------------------------------------------------------------------------------


def test_format_1_is_prefix_key_id_nonce_and_aes_256_gcm_as_documented(key):
    token = crypto.encrypt(TEXT)
    assert token.startswith("s1:") and "=" not in token
    data = raw(token)
    key_id, nonce, sealed = data[:4], data[4:16], data[16:]
    assert len(sealed) == len(TEXT.encode()) + 16  # ciphertext + 128-bit tag, no padding
    # Decrypted here with nothing from crypto but the documented labels: the format is what the docs say.
    assert key_id == hkdf(key, b"pnetp.sisetp identity key id v1", 4)
    aes_key = hkdf(key, b"pnetp.sisetp identity AES-256-GCM key v1", 32)
    aad = b"pnetp.sisetp.identity\x00" + b"s1:" + key_id
    assert AESGCM(aes_key).decrypt(nonce, sealed, aad).decode() == TEXT
    assert crypto.token_key_id(token) == crypto.key_id(key) == key_id.hex()


def test_the_prefix_never_starts_a_fernet_token_and_format_1_is_shorter(key):
    fernet_token = Fernet(key).encrypt(b"52998224725").decode()
    assert fernet_token.startswith("gAAAAA") and ":" not in fernet_token
    token = crypto.encrypt("52998224725")
    assert len(token) < len(fernet_token)  # 61 against 100 characters for a CPF
    assert all(token.startswith(crypto.PREFIX) for token in crypto.encrypt_many(["a", "b"]))


def test_two_encryptions_of_the_same_value_differ(key):
    tokens = [crypto.encrypt(TEXT) for _ in range(20)] + crypto.encrypt_many([TEXT] * 20)
    assert len(set(tokens)) == 40
    assert len({raw(token)[4:16] for token in tokens}) == 40  # a random nonce each
    assert {crypto.decrypt(token) for token in tokens} == {TEXT}


def test_empty_and_non_ascii_values_round_trip(key):
    values = ["", "a", "ç" * 40, "😀 José", "2001-04-09"]
    assert list(map(crypto.decryptor(), crypto.encrypt_many(values))) == values


# -- integrity ----------------------------------------------------------------------------------------------


def test_every_flipped_byte_is_refused(key):
    token = crypto.encrypt(TEXT)
    data = raw(token)
    for position in range(len(data)):
        for bit in (0x01, 0x80):
            tampered = bytearray(data)
            tampered[position] ^= bit
            with pytest.raises(crypto.DecryptionError) as refused:
                crypto.decrypt(text_of(bytes(tampered)))
            message = str(refused.value)
            if position < 4:  # the key id: no such key
                assert "chave que não está configurada" in message
            else:  # nonce, ciphertext or tag: the GCM tag does not verify
                assert "verificação de integridade" in message


def test_every_changed_character_is_refused_even_the_spare_bits_of_base64(key):
    token = crypto.encrypt(TEXT)
    for position in range(len(token)):
        for replacement in "AQgw-_+/= ":
            if token[position] == replacement:
                continue
            changed = token[:position] + replacement + token[position + 1 :]
            with pytest.raises(crypto.DecryptionError):
                crypto.decrypt(changed)
            assert crypto.try_decrypt(changed) is None


@pytest.mark.parametrize("token", ["s1:", "s1:AAAA", "s1:" + "A" * 40, "s1:é" + "A" * 50, "s1:" + "A" * 45])
def test_malformed_tokens_are_refused(key, token):
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token)


def test_a_truncated_or_extended_token_is_refused(key):
    token = crypto.encrypt(TEXT)
    for changed in (token[:-1], token[:-4], token + "A", token + "AAAA"):
        with pytest.raises(crypto.DecryptionError):
            crypto.decrypt(changed)


def test_plain_text_is_not_taken_for_a_token(key):
    for text in ["Joana", "s1:Joana Fictícia", "gAAAAAJoana", "s1:" + "A" * 60, ""]:
        assert crypto.try_decrypt(text) is None


# -- keys --------------------------------------------------------------------------------------------------


def test_a_wrong_key_fails(settings, key):
    token = crypto.encrypt(TEXT)
    old_token = Fernet(key).encrypt(TEXT.encode()).decode()
    settings.PNETP_FIELD_ENCRYPTION_KEYS = [crypto.generate_key()]
    with pytest.raises(crypto.DecryptionError, match="chave que não está configurada"):
        crypto.decrypt(token)
    with pytest.raises(crypto.DecryptionError, match="não decifra"):
        crypto.decrypt(old_token)


def test_a_token_under_an_older_key_reads_and_rotation_rewrites_it_with_the_newest(settings, key):
    token = crypto.encrypt(TEXT)
    new = crypto.generate_key()
    settings.PNETP_FIELD_ENCRYPTION_KEYS = [new, key]
    assert crypto.decrypt(token) == TEXT  # found by its key id, not by trying keys
    assert crypto.token_key_id(crypto.encrypt(TEXT)) == crypto.key_id(new)  # the first key encrypts
    rotated = crypto.rotate(token)
    assert rotated.startswith("s1:") and crypto.token_key_id(rotated) == crypto.key_id(new) != crypto.key_id(key)
    settings.PNETP_FIELD_ENCRYPTION_KEYS = [new]
    assert crypto.decrypt(rotated) == TEXT
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token)


def test_old_fernet_tokens_still_read_with_any_configured_key_and_rotate_to_format_1(settings, key):
    older = crypto.generate_key()
    first, second = Fernet(key).encrypt(TEXT.encode()).decode(), Fernet(older).encrypt(b"52998224725").decode()
    settings.PNETP_FIELD_ENCRYPTION_KEYS = [key, older]
    assert crypto.decrypt(first) == TEXT and crypto.decrypt(second) == "52998224725"
    assert crypto.token_key_id(first) is None
    rotated = crypto.rotate(second)
    assert rotated.startswith("s1:") and crypto.token_key_id(rotated) == crypto.key_id(key)
    settings.PNETP_FIELD_ENCRYPTION_KEYS = [key]
    assert crypto.decrypt(rotated) == "52998224725"


def test_a_tampered_fernet_token_is_refused(key):
    data = bytearray(base64.urlsafe_b64decode(Fernet(key).encrypt(TEXT.encode())))
    data[30] ^= 1
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(base64.urlsafe_b64encode(bytes(data)).decode())


def test_the_key_variable_keeps_its_format(settings):
    settings.PNETP_FIELD_ENCRYPTION_KEYS = ["not-a-key"]
    with pytest.raises(ImproperlyConfigured, match="inválida"):
        crypto.encrypt(TEXT)
    settings.PNETP_FIELD_ENCRYPTION_KEYS = []
    with pytest.raises(ImproperlyConfigured):
        crypto.decryptor()
    key = crypto.generate_key()
    assert Fernet(key.encode())  # still a Fernet key, so deployments keep their variable
    settings.PNETP_FIELD_ENCRYPTION_KEYS = [key, key]  # the same key twice is harmless
    assert crypto.decrypt(crypto.encrypt(TEXT)) == TEXT


def test_encrypt_batch_needs_no_settings_and_matches_encrypt(settings, key):
    tokens = crypto.encrypt_batch(key, ["a", TEXT])
    settings.PNETP_FIELD_ENCRYPTION_KEYS = [crypto.generate_key(), key]
    assert list(map(crypto.decryptor(), tokens)) == ["a", TEXT]
    assert MultiFernet([Fernet(key)])  # the same key material serves both formats


# -- in the database ------------------------------------------------------------------------------------------


def _cells(model=PersonIdentity) -> list[str]:
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(name) for name in IDENTITY_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {table}")
        return [cell for row in cursor.fetchall() for cell in row if cell is not None]


def _store_fernet_tokens(person, key: str) -> None:
    """The identity of ``person`` as the Fernet era wrote it, in the row and in its history."""
    values = {name: FAKE_IDENTITY[name] for name in IDENTITY_FIELDS}
    values["cpf"] = "52998224725"
    values["birth_date"] = values["birth_date"].isoformat()
    tokens = {name: Fernet(key).encrypt(value.encode()).decode() for name, value in values.items()}
    for model in (PersonIdentity, PersonIdentity.history.model):
        table = connection.ops.quote_name(model._meta.db_table)
        assignments = ", ".join(f"{connection.ops.quote_name(name)} = %s" for name in tokens)
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET {assignments} WHERE person_id = %s", [*tokens.values(), person.pk])


def test_identities_stored_as_fernet_tokens_still_read_and_the_command_rotates_them(world, settings):
    old_key = settings.PNETP_FIELD_ENCRYPTION_KEYS[0]
    _store_fernet_tokens(world.victim, old_key)
    cells = _cells() + _cells(PersonIdentity.history.model)
    assert len(cells) == 2 * len(IDENTITY_FIELDS) and all(cell.startswith("gAAAAA") for cell in cells)
    identity = read_identity(world.users.worker, world.victim, PURPOSE)
    assert identity.full_name == FAKE_IDENTITY["full_name"] and identity.birth_date == FAKE_IDENTITY["birth_date"]

    new_key = crypto.generate_key()
    settings.PNETP_FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    out = io.StringIO()
    call_command("rotate_identity_keys", stdout=out)
    assert f"{2 * len(IDENTITY_FIELDS)} valores recifrados" in out.getvalue()
    assert crypto.key_id(new_key) in out.getvalue()
    cells = _cells() + _cells(PersonIdentity.history.model)
    assert all(cell.startswith("s1:") and crypto.token_key_id(cell) == crypto.key_id(new_key) for cell in cells)
    settings.PNETP_FIELD_ENCRYPTION_KEYS = [new_key]  # the old key is dropped
    assert read_identity(world.users.worker, world.victim, PURPOSE).cpf == "52998224725"
    assert PersonIdentity.history.earliest().mother_name.reveal() == FAKE_IDENTITY["mother_name"]


def test_a_tampered_stored_value_is_refused_not_returned(world):
    [token] = PersonIdentity.objects.values_list("full_name", flat=True)
    data = bytearray(raw(token.token))
    data[-1] ^= 1  # the last byte of the tag
    table = connection.ops.quote_name(PersonIdentity._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET full_name = %s", [text_of(bytes(data))])
    with pytest.raises(crypto.DecryptionError, match="verificação de integridade"):
        read_identity(world.users.worker, world.victim, PURPOSE)


def test_linkage_reads_both_formats_and_refuses_a_tampered_value(world, settings):
    records = database.load_columns()
    assert records.identities_read == 1
    expected = {name: values[0] for name, values in records.columns.items()}
    assert expected["cpf"] == "52998224725"
    _store_fernet_tokens(world.victim, settings.PNETP_FIELD_ENCRYPTION_KEYS[0])
    again = database.load_columns()
    assert {name: values[0] for name, values in again.columns.items()} == expected
    table = connection.ops.quote_name(PersonIdentity._meta.db_table)
    data = bytearray(raw(crypto.encrypt("Joana Fictícia da Silva")))
    data[20] ^= 1
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET full_name = %s", [text_of(bytes(data))])
    with pytest.raises(crypto.DecryptionError, match="verificação de integridade"):
        database.load_columns()


def test_an_import_file_holding_a_format_1_token_keeps_it_sealed(feed, tmp_path):
    token = crypto.encrypt("Maria Fictícia de Souza")
    cases = write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(1))
    identities = write_csv(
        tmp_path / "identidades.csv",
        ["fonte", "id_registro", "id_pessoa", "nome", "cpf"],
        [["creas-ficticio", "R0001", "1", token, "529.982.247-25"]],
    )
    result = run_import(feed.source, "standard", cases, identity_path=identities)
    assert result.ok, result.report.lines()
    identity = PersonIdentity.objects.get()
    assert identity.full_name.token == token  # not encrypted a second time
    assert identity.full_name.reveal() == "Maria Fictícia de Souza"
    assert identity.cpf.token.startswith("s1:") and identity.cpf.reveal() == "52998224725"

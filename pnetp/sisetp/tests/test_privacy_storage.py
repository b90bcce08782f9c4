"""Identities are ciphertext at rest, in history and logs too, and the ORM never hands out plaintext."""

import io
import json

import pytest
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from pnetp.sisetp import crypto
from pnetp.sisetp.fields import Sealed
from pnetp.sisetp.models import IDENTITY_FIELDS, IdentityAccessLog, PersonIdentity
from pnetp.sisetp.services.identity import read_identity, rotate_identity_keys, store_identity

from .conftest import FAKE_IDENTITY, PLAINTEXTS

PURPOSE = "Atendimento"


def table_dump(table: str) -> str:
    """Every cell of ``table``, as the database holds it, in one string."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        return "\n".join(" | ".join("" if cell is None else str(cell) for cell in row) for row in cursor.fetchall())


def assert_no_plaintext(text: str):
    folded = text.casefold()
    leaked = [value for value in PLAINTEXTS if value.casefold() in folded]
    assert not leaked, f"plaintext in storage: {leaked}"


def raw_identity_cells(table: str = "sisetp_personidentity") -> list:
    columns = ", ".join(connection.ops.quote_name(name) for name in IDENTITY_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {connection.ops.quote_name(table)}")
        return [cell for row in cursor.fetchall() for cell in row]


def test_raw_identity_columns_hold_format_1_tokens(world):
    row = raw_identity_cells()
    # Format 1 (crypto's docstring): "s1:" + base64url(key id, nonce, AES-256-GCM ciphertext and tag).
    assert all(isinstance(cell, str) and cell.startswith("s1:") for cell in row)
    assert {crypto.token_key_id(cell) for cell in row} == {crypto.key_id(crypto.configured_keys()[0])}
    assert crypto.decrypt(row[0]) == FAKE_IDENTITY["full_name"]
    assert crypto.decrypt(row[IDENTITY_FIELDS.index("cpf")]) == "52998224725"
    assert_no_plaintext(table_dump("sisetp_personidentity"))
    assert_no_plaintext(table_dump(PersonIdentity.history.model._meta.db_table))


def test_history_and_audit_tables_hold_no_plaintext(world):
    store_identity(world.victim, {"full_name": "Joana Fictícia Souza"}, check_permission=False)
    read_identity(world.users.worker, world.victim, PURPOSE)
    identity_history = PersonIdentity.history.model._meta.db_table
    assert PersonIdentity.history.count() == 2
    for table in [identity_history, "sisetp_identityaccesslog", "sisetp_historicalcaseperson", "django_admin_log"]:
        assert_no_plaintext(table_dump(table))
    # The history keeps tokens: the earlier value is still recoverable by a key holder, and only by one.
    first = PersonIdentity.history.earliest()
    assert isinstance(first.full_name, Sealed) and first.full_name.reveal() == FAKE_IDENTITY["full_name"]


def test_every_table_of_the_database_is_free_of_plaintext(world):
    read_identity(world.users.worker, world.victim, PURPOSE)
    for table in connection.introspection.table_names():
        assert_no_plaintext(table_dump(table))


def test_the_orm_hands_out_sealed_values(world):
    identity = PersonIdentity.objects.get(person=world.victim)
    for name in IDENTITY_FIELDS:
        value = getattr(identity, name)
        assert isinstance(value, Sealed)
        assert str(value) == repr(value) == "<cifrado>"
    assert "Joana" not in str(identity) and str(world.victim.pseudonym) in str(identity)
    values = PersonIdentity.objects.values("full_name").get()
    assert isinstance(values["full_name"], Sealed)


def test_encrypted_fields_cannot_be_searched(world):
    with pytest.raises(FieldError):
        PersonIdentity.objects.filter(cpf="52998224725").exists()
    with pytest.raises(FieldError):
        PersonIdentity.objects.filter(full_name__icontains="Joana").exists()
    assert PersonIdentity.objects.filter(social_name__isnull=False).count() == 1


def test_dumpdata_writes_tokens_and_loaddata_keeps_them(world, tmp_path):
    out = io.StringIO()
    call_command("dumpdata", "sisetp.personidentity", stdout=out)
    assert_no_plaintext(out.getvalue())
    dumped = json.loads(out.getvalue())
    token = dumped[0]["fields"]["full_name"]
    assert crypto.decrypt(token) == FAKE_IDENTITY["full_name"]
    PersonIdentity.objects.all().delete()
    path = tmp_path / "identities.json"
    path.write_text(out.getvalue())
    call_command("loaddata", str(path), verbosity=0)
    assert read_identity(world.users.worker, world.victim, PURPOSE).full_name == FAKE_IDENTITY["full_name"]


def test_key_rotation_reencrypts_current_and_history(world, settings):
    old_key = settings.PNETP_FIELD_ENCRYPTION_KEYS[0]
    new_key = crypto.generate_key()
    settings.PNETP_FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    assert rotate_identity_keys() == 2 * len(IDENTITY_FIELDS)  # the row and its one history entry
    history_table = PersonIdentity.history.model._meta.db_table
    for cell in raw_identity_cells() + raw_identity_cells(history_table):
        assert cell.startswith("s1:") and crypto.token_key_id(cell) == crypto.key_id(new_key)
    settings.PNETP_FIELD_ENCRYPTION_KEYS = [new_key]  # the old key is dropped
    assert read_identity(world.users.worker, world.victim, PURPOSE).email == FAKE_IDENTITY["email"]
    assert PersonIdentity.history.earliest().cpf.reveal() == "52998224725"


def test_a_wrong_key_fails_loudly_instead_of_returning_ciphertext(world, settings):
    settings.PNETP_FIELD_ENCRYPTION_KEYS = [crypto.generate_key()]
    with pytest.raises(crypto.DecryptionError):
        read_identity(world.users.worker, world.victim, PURPOSE)


def test_no_key_no_identity(world, settings):
    settings.PNETP_FIELD_ENCRYPTION_KEYS = []
    with pytest.raises(ImproperlyConfigured):
        store_identity(world.victim, {"phone": "1"}, check_permission=False)


def test_missing_key_is_reported_by_system_checks(settings):
    from pnetp.sisetp.checks import encryption_key_check, encryption_key_deploy_check

    assert encryption_key_check(None) == []
    settings.PNETP_FIELD_ENCRYPTION_KEYS = []
    assert [c.id for c in encryption_key_check(None)] == ["sisetp.W001"]
    assert [c.id for c in encryption_key_deploy_check(None)] == ["sisetp.E001"]
    settings.PNETP_FIELD_ENCRYPTION_KEYS = ["not-a-key"]
    assert [c.id for c in encryption_key_check(None)] == ["sisetp.E002"]


def test_logs_never_hold_identity_values(world):
    read_identity(world.users.worker, world.victim, PURPOSE)
    log = IdentityAccessLog.objects.latest("pk")
    assert_no_plaintext(" ".join(str(getattr(log, f.attname)) for f in IdentityAccessLog._meta.concrete_fields))


def test_rotate_command_generates_a_usable_key():
    out = io.StringIO()
    call_command("rotate_identity_keys", "--generate-key", stdout=out)
    key = out.getvalue().strip()
    from cryptography.fernet import Fernet

    assert Fernet(key.encode())  # a valid Fernet key

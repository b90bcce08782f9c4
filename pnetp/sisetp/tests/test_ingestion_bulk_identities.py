"""The identity file written in bulk: encryption as store_identity, with the import audit policy.

One access-log entry per batch, no "+" history row per created identity, "~" rows for changes
(see ``ingestion.identities``).
"""

from django.db import connection

from pnetp.sisetp.ingestion.batches import run_import
from pnetp.sisetp.models import CasePerson, IdentityAccessLog, PersonIdentity

from .test_ingestion_fixtures import CASE_HEADER, case_rows, feed, write_csv  # noqa: F401

HEADER = ["fonte", "id_registro", "id_pessoa", "nome", "cpf", "data_nascimento"]
ROWS = [
    ["creas-ficticio", "R0001", "1", "Maria Fictícia de Souza", "529.982.247-25", "09/04/2001"],
    ["creas-ficticio", "R0002", "1", "Ana Fictícia Lima", "", ""],
]


def _import(feed, tmp_path, rows, name, user=None):
    cases = write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(2))
    identities = write_csv(tmp_path / name, HEADER, rows)
    result = run_import(feed.source, "standard", cases, identity_path=identities, user=user)
    assert result.ok, result.report.lines()
    return result


def test_bulk_write_logs_the_batch_once_and_keeps_no_creation_history(feed, tmp_path):
    user = feed.users.coordination
    result = _import(feed, tmp_path, ROWS, "id1.csv", user=user)
    assert result.counts["identities_written"] == 2
    # Audit policy: an import's identity writes are one access-log entry for the batch, with the count.
    log = IdentityAccessLog.objects.get()
    batch = result.batch.pk
    assert (log.action, log.granted, log.user, log.purpose) == ("write", True, user, f"Importação, lote {batch}")
    assert log.reason == f"Gravação por processo de importação: 2 identidades, lote {batch}."
    assert log.person is None and log.person_pseudonym is None
    assert (log.batch, log.count) == (result.batch, 2)
    # ...and created identities get no "+" history row: the batch records the creation.
    assert not PersonIdentity.history.exists()
    identity = PersonIdentity.objects.get(person__case__source_record_id="R0001")
    assert identity.cpf.reveal() == "52998224725" and identity.person.batch_id == batch
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT full_name, cpf, birth_date FROM {PersonIdentity._meta.db_table}")
        raw = " ".join(str(cell) for row in cursor.fetchall() for cell in row)
    assert "Fictícia" not in raw and "52998224725" not in raw and "2001" not in raw


def test_bulk_write_changes_only_given_keys_with_update_history(feed, tmp_path):
    user = feed.users.coordination
    _import(feed, tmp_path, ROWS, "id1.csv")
    changed = [["creas-ficticio", "R0001", "1", "Maria Fictícia Nova", "", ""], ROWS[1]]
    result = _import(feed, tmp_path, changed, "id2.csv", user=user)
    assert result.counts["identities_written"] == 1 and result.counts["identities_unchanged"] == 1
    person = CasePerson.objects.get(case__source_record_id="R0001", source_person_id="1")
    identity = PersonIdentity.objects.get(person=person)
    assert identity.full_name.reveal() == "Maria Fictícia Nova" and identity.cpf.reveal() == "52998224725"
    # The values before the change are kept first (no creation row existed), then the change.
    history = list(PersonIdentity.history.filter(person=person).order_by("history_id"))
    assert [(h.history_type, h.history_user) for h in history] == [("+", None), ("~", user)]
    assert history[0].full_name.reveal() == "Maria Fictícia de Souza"
    assert history[0].history_change_reason.startswith("Valores anteriores")
    assert history[1].full_name.reveal() == "Maria Fictícia Nova"
    assert history[1].birth_date.reveal().isoformat() == "2001-04-09"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT full_name, cpf, birth_date FROM {PersonIdentity.history.model._meta.db_table}")
        raw = " ".join(str(cell) for row in cursor.fetchall() for cell in row)
    assert "Fictícia" not in raw and "52998224725" not in raw and "2001" not in raw
    assert IdentityAccessLog.objects.count() == 2  # one entry per batch that wrote identities
    assert IdentityAccessLog.objects.order_by("pk").last().reason.startswith("Gravação por processo de importação: 1 ")
    # A third change: the identity has history now, so only its "~" row is added.
    third = [["creas-ficticio", "R0001", "1", "Maria Fictícia Terceira", "", ""], ROWS[1]]
    _import(feed, tmp_path, third, "id3.csv", user=user)
    assert [h.history_type for h in PersonIdentity.history.filter(person=person).order_by("history_id")] == [
        "+",
        "~",
        "~",
    ]

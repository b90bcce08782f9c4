"""The identity file written in bulk: same log, history and encryption as store_identity row by row."""

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


def test_bulk_write_logs_each_identity_and_keeps_token_history(feed, tmp_path):
    user = feed.users.coordination
    result = _import(feed, tmp_path, ROWS, "id1.csv", user=user)
    assert result.counts["identities_written"] == 2
    logs = list(IdentityAccessLog.objects.order_by("pk"))
    assert [(log.action, log.granted, log.user, log.purpose) for log in logs] == [
        ("write", True, user, f"Importação, lote {result.batch.pk}")
    ] * 2
    assert {log.person_pseudonym for log in logs} == {log.person.pseudonym for log in logs}
    history = list(PersonIdentity.history.order_by("history_id"))
    assert [(h.history_type, h.history_user) for h in history] == [("+", user), ("+", user)]
    assert history[0].cpf.reveal() == "52998224725" and history[1].cpf is None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT full_name, cpf, birth_date FROM {PersonIdentity.history.model._meta.db_table}")
        raw = " ".join(str(cell) for row in cursor.fetchall() for cell in row)
    assert "Fictícia" not in raw and "52998224725" not in raw and "2001" not in raw


def test_bulk_write_changes_only_given_keys_with_update_history(feed, tmp_path):
    _import(feed, tmp_path, ROWS, "id1.csv")
    changed = [["creas-ficticio", "R0001", "1", "Maria Fictícia Nova", "", ""], ROWS[1]]
    result = _import(feed, tmp_path, changed, "id2.csv")
    assert result.counts["identities_written"] == 1 and result.counts["identities_unchanged"] == 1
    person = CasePerson.objects.get(case__source_record_id="R0001", source_person_id="1")
    identity = PersonIdentity.objects.get(person=person)
    assert identity.full_name.reveal() == "Maria Fictícia Nova" and identity.cpf.reveal() == "52998224725"
    latest = PersonIdentity.history.filter(person=person).order_by("history_id").last()
    assert latest.history_type == "~" and latest.full_name.reveal() == "Maria Fictícia Nova"
    assert latest.birth_date.reveal().isoformat() == "2001-04-09"
    assert IdentityAccessLog.objects.count() == 3

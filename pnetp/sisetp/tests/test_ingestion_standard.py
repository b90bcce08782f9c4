"""The standard layout: a clean import, idempotency, corrections with history, rollback, identities."""

import pytest
from django.db import connection
from django.urls import reverse

from pnetp.sisetp.fields import Sealed
from pnetp.sisetp.ingestion.batches import RollbackRefused, rollback, run_import
from pnetp.sisetp.ingestion.provenance import creation_batch
from pnetp.sisetp.models import Case, CasePerson, Event, ImportBatch, PersonIdentity

from .test_ingestion_fixtures import CASE_HEADER, case_rows, feed, write_csv  # noqa: F401

IDENTITY_HEADER = ["fonte", "id_registro", "id_pessoa", "nome", "cpf", "data_nascimento"]


def test_imports_cases_persons_events_and_links(feed, tmp_path):
    path = write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(3))
    result = run_import(feed.source, "standard", path, user=feed.users.coordination)
    assert result.ok, result.report.lines()
    assert result.counts["cases_created"] == 3 and result.counts["persons_created"] == 6
    case = Case.objects.get(source=feed.source, source_record_id="R0002")
    assert case.batch == result.batch and case.identification_date.isoformat() == "2024-03-15"
    victim = case.persons.get(source_person_id="1")
    assert victim.batch == result.batch and victim.age_band == "21_23" and victim.race_colour == "parda"
    assert sorted(victim.citizenships.values_list("alpha2", flat=True)) == ["BR", "VE"]
    assert sorted(victim.exploitation_forms.values_list("code", flat=True)) == ["exploracao_sexual", "trabalho_escravo"]
    recruitment = case.events.get(kind="aliciamento")
    assert (recruitment.municipality_id, recruitment.federative_unit_id, recruitment.country_id) == (1400456, 14, "BR")
    assert (recruitment.date.isoformat(), recruitment.date_precision) == ("2023-11-01", "mes")
    assert case.events.get(kind="exploracao").municipality_id == 5300108
    batch = result.batch
    assert (
        batch.status == ImportBatch.Status.DONE
        and len(batch.file_sha256) == 64
        and batch.user == feed.users.coordination
    )
    # Audit policy: no "+" history row per created case or person; the batch records the creation.
    assert case.history.count() == 0 and victim.history.count() == 0
    assert creation_batch(case) == batch and creation_batch(victim) == batch


def test_reimport_changes_nothing_and_correction_updates_in_place_with_history(feed, tmp_path):
    path = write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(2))
    first = run_import(feed.source, "standard", path)
    pseudonyms = set(CasePerson.objects.values_list("pseudonym", flat=True))
    again = run_import(feed.source, "standard", path)
    assert again.ok
    assert again.counts["cases_unchanged"] == 2 and again.counts["cases_created"] == again.counts["cases_updated"] == 0
    assert Case.objects.get(source_record_id="R0001").batch == first.batch
    assert Case.history.count() == 0  # created by an import and unchanged since: the batch tells it all

    rows = case_rows(2)
    rows[0][8] = "23"  # corrected age
    rows[3][7] = "feminino"  # and the suspect of R0002
    corrected = run_import(feed.source, "standard", write_csv(tmp_path / "v2.csv", CASE_HEADER, rows))
    assert corrected.counts["cases_updated"] == 2 and corrected.counts["cases_unchanged"] == 0
    assert set(CasePerson.objects.values_list("pseudonym", flat=True)) == pseudonyms
    victim = CasePerson.objects.get(case__source_record_id="R0001", source_person_id="1")
    assert victim.age_at_identification == 23 and victim.batch == corrected.batch
    # Updates keep one "~" row each; the state before is in the updating batch's ``replaced``.
    assert [(h.history_type, h.age_at_identification, h.batch_id) for h in victim.history.all()] == [
        ("~", 23, corrected.batch.pk)
    ]
    assert corrected.batch.replaced["R0001"]["record"]["persons"]["1"][3] == 22
    assert creation_batch(victim) == first.batch and creation_batch(victim.case) == first.batch
    assert sorted(victim.exploitation_forms.values_list("code", flat=True)) == ["exploracao_sexual", "trabalho_escravo"]

    # Rolling back the correction restores the first version; then the first batch can go too.
    with pytest.raises(RollbackRefused):
        rollback(first.batch)
    assert rollback(corrected.batch) == {"cases_deleted": 0, "cases_restored": 2}
    victim.refresh_from_db()
    assert victim.age_at_identification == 22 and victim.batch == first.batch
    assert creation_batch(victim) == first.batch and creation_batch(victim.case) == first.batch
    assert Case.objects.get(source_record_id="R0002").persons.get(source_person_id="2").sex == "masculino"
    assert run_import(feed.source, "standard", path, dry_run=True).counts["cases_unchanged"] == 2
    assert rollback(first.batch)["cases_deleted"] == 2
    assert not Case.objects.exists() and not CasePerson.objects.exists() and not Event.objects.exists()


def test_identity_file_is_stored_encrypted(feed, tmp_path):
    cases = write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(1))
    identities = write_csv(
        tmp_path / "identidades.csv",
        IDENTITY_HEADER,
        [["creas-ficticio", "R0001", "1", "Maria Fictícia de Souza", "529.982.247-25", "09/04/2001"]],
    )
    result = run_import(feed.source, "standard", cases, identity_path=identities)
    assert result.ok, result.report.lines()
    assert result.counts["identities_written"] == 1
    identity = PersonIdentity.objects.get()
    assert isinstance(identity.full_name, Sealed) and identity.full_name.reveal() == "Maria Fictícia de Souza"
    assert identity.birth_date.reveal().isoformat() == "2001-04-09"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT full_name, cpf FROM {PersonIdentity._meta.db_table}")
        raw = " ".join(cursor.fetchone())
    assert "Fictícia" not in raw and "52998224725" not in raw
    again = run_import(feed.source, "standard", cases, identity_path=identities)
    assert again.counts["identities_written"] == 0 and again.counts["identities_unchanged"] == 1


def test_history_page_names_the_batch_that_created_the_record(feed, tmp_path, client):
    first = run_import(feed.source, "standard", write_csv(tmp_path / "v1.csv", CASE_HEADER, case_rows(2)))
    case = Case.objects.get(source_record_id="R0001")
    case.save()  # an edit by hand keeps the case's batch: still created by the first batch
    rows = case_rows(2)
    rows[0][8] = "23"
    rows.append(["creas-ficticio", "R0001", "3", "2024-03-01", "", "", "suspeito", "feminino", *[""] * 9])
    corrected = run_import(feed.source, "standard", write_csv(tmp_path / "v2.csv", CASE_HEADER, rows))
    assert corrected.counts["cases_updated"] == 1 and corrected.counts["persons_created"] == 1
    case.refresh_from_db()
    assert case.batch == corrected.batch and creation_batch(case) == first.batch
    assert creation_batch(case.persons.get(source_person_id="1")) == first.batch
    assert creation_batch(case.persons.get(source_person_id="3")) == corrected.batch  # added by the update
    by_hand = Case.objects.create(source=feed.source, source_record_id="M1", reporting_date="2024-01-01")
    assert creation_batch(by_hand) is None  # its "+" row (a save) names no batch

    user = feed.users.coordination
    user.is_staff = user.is_superuser = True
    user.save()
    client.force_login(user)
    html = client.get(reverse("admin:sisetp_case_history", args=[case.pk])).content.decode()
    assert f"Criado pelo lote de importação {first.batch.pk} em" in html and first.batch.file_sha256 in html
    person = case.persons.get(source_person_id="1")
    html = client.get(reverse("admin:sisetp_caseperson_history", args=[person.pk])).content.decode()
    assert f"Criado pelo lote de importação {first.batch.pk} em" in html


def test_first_edit_by_hand_keeps_the_imported_state_in_history(feed, tmp_path):
    from pnetp.sisetp.services.identity import store_identity

    cases = write_csv(tmp_path / "casos.csv", CASE_HEADER, case_rows(1))
    identities = write_csv(
        tmp_path / "identidades.csv",
        IDENTITY_HEADER,
        [["creas-ficticio", "R0001", "1", "Maria Fictícia de Souza", "529.982.247-25", "09/04/2001"]],
    )
    batch = run_import(feed.source, "standard", cases, identity_path=identities).batch
    case = Case.objects.get(source_record_id="R0001")
    imported_date = case.reporting_date
    case.reporting_date = "2020-01-02"
    case.save()
    case.save()  # a second edit adds a "~" only: the imported state is recorded once
    assert [
        (h.history_type, h.reporting_date.isoformat(), h.batch_id) for h in case.history.order_by("history_id")
    ] == [
        ("+", imported_date.isoformat(), batch.pk),
        ("~", "2020-01-02", batch.pk),
        ("~", "2020-01-02", batch.pk),
    ]
    assert case.history.order_by("history_id").first().history_date == batch.started_at

    person = case.persons.get(source_person_id="1")
    store_identity(person, {"full_name": "Maria Fictícia Corrigida"}, check_permission=False)
    names = [h.full_name.reveal() for h in PersonIdentity.history.filter(person_id=person.pk).order_by("history_id")]
    assert names == ["Maria Fictícia de Souza", "Maria Fictícia Corrigida"]

"""Unique persons over the imported records: features equal to the file mode, stable ids in
``CasePerson.person_key`` across re-runs and new imports, review decisions binding every run, the
identity reads logged, the command in database mode and the export. All records are fictitious.
"""

import csv
from collections import Counter, defaultdict

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pnetp.accounts.models import Role
from pnetp.linkage import database
from pnetp.linkage.features import load_records
from pnetp.linkage.metrics import pairwise_metrics
from pnetp.linkage.review import REVIEW_BAND
from pnetp.linkage.service import decide_pair, dedupe_database, next_pending
from pnetp.linkage.models import LinkageRun, ReviewPair
from pnetp.sisetp.models import CasePerson, IdentityAccessLog, PersonIdentity

from .conftest import make_user
from pnetp.sisetp.tests.linkage_fixtures import generate_and_register, import_source


@pytest.fixture
def data(tmp_path, territory):
    return generate_and_register(tmp_path, 300, 3, seed=21)


def _rows(columns):
    names = list(columns)
    return {row[0]: dict(zip(names, row, strict=True)) for row in zip(*columns.values(), strict=True)}


def test_database_features_equal_file_features_and_reads_are_logged(data):
    for index in range(3):
        import_source(data, index)
    records = database.load_columns()
    from_db, from_files = _rows(records.columns), _rows(load_records(data.out))
    assert from_db.keys() == from_files.keys() and len(from_db) == CasePerson.objects.count()
    assert from_db == from_files  # same features whichever way the records come in
    for feature in (
        "cpf",
        "mun_alic",
        "ano_aprox",
        "papel",
        "raca",
        "escolaridade",
        "nacionalidades",
        "data_ident",
        "formas",
        "controle",
        "aliciamento",
        "relacao",
    ):
        assert any(row[feature] for row in from_db.values()), feature
    assert any(";" in (row["formas"] or "") for row in from_db.values())  # sets of several codes agree too
    read = IdentityAccessLog.objects.get(action="read")  # one entry for the run, not one per identity
    assert read.count == records.identities_read == PersonIdentity.objects.count()
    assert read.granted and "Ligação de registros" in read.purpose and read.person is None


def _keys() -> dict[str, str]:
    rows = CasePerson.objects.values_list(
        "case__source__slug", "case__source_record_id", "source_person_id", "person_key"
    )
    return {f"{s}|{r}|{p}": key for s, r, p, key in rows}


def test_stable_ids_new_imports_and_binding_decisions(data, tmp_path):
    import_source(data, 0)
    import_source(data, 1)
    first = dedupe_database()
    keys = _keys()
    assert first.status == LinkageRun.Status.DONE and first.records == len(keys) and None not in keys.values()
    assert first.persons == len(set(keys.values())) < len(keys)
    assert pairwise_metrics(keys, {r: data.truth[r] for r in keys})["f1"] >= 0.9

    import_source(data, 2)  # a new source: the records already linked keep their ids
    second = dedupe_database()
    after = _keys()
    kept = sum(after[r] == k for r, k in keys.items())
    assert kept / len(keys) >= 0.98 and second.ids_kept == kept
    assert second.records == len(after) > len(keys) and None not in after.values()

    # The analysts split a person the model linked and join two it kept apart.
    by_person = defaultdict(list)
    for record, key in sorted(after.items()):
        by_person[key].append(record)
    linked = next(records for records in by_person.values() if len(records) >= 2)
    singles = [records[0] for records in by_person.values() if len(records) == 1][:2]
    split = ReviewPair.objects.create(left_record=min(linked[:2]), right_record=max(linked[:2]), probability=0.5)
    join = ReviewPair.objects.create(left_record=min(singles), right_record=max(singles), probability=0.5)
    analyst = make_user("analista.revisa", Role.ANALYST)
    decide_pair(analyst, split, same=False, note="datas de nascimento diferentes")
    decide_pair(analyst, join, same=True)
    for _ in range(2):  # a full re-run, twice: the decisions still hold
        run = dedupe_database()
        now = _keys()
        assert now[linked[0]] != now[linked[1]]
        assert now[singles[0]] == now[singles[1]]
        assert run.decisions_applied == 2
    split.refresh_from_db()
    join.refresh_from_db()
    assert (split.status, join.status) == ("diferente", "mesma") and split.note == "datas de nascimento diferentes"
    assert split.history.count() == 2  # created, then decided

    # The queue: pending pairs only, never a decided one again, each with its comparison.
    pending = ReviewPair.objects.filter(status="pendente")
    assert pending.count() == run.pairs_to_review
    assert not pending.filter(left_record=split.left_record, right_record=split.right_record).exists()
    for pair in pending[:20]:
        assert pair.left_id and pair.right_id and pair.run_id == run.pk
        assert REVIEW_BAND[0] <= pair.probability < REVIEW_BAND[1]
        assert set(pair.comparison) == {"nome", "mae", "cpf", "nascimento", "sexo", "municipio"}
    if pending.exists():
        assert next_pending() == pending.order_by("-probability", "pk").first()


def test_command_database_mode_and_export(data, tmp_path):
    import_source(data, 0)
    import_source(data, 1)
    out = tmp_path / "pessoas.csv"
    call_command("sisetp", "dedupe", "--saida", str(out))
    run = LinkageRun.objects.get()
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == run.records == CasePerson.objects.count()
    assert {row["registro"]: row["id_pessoa_unica"] for row in rows} == _keys()
    assert len(Counter(row["id_pessoa_unica"] for row in rows)) == run.persons
    again = tmp_path / "de-novo.csv"
    call_command("sisetp", "dedupe", "--exportar", "--saida", str(again))
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    assert LinkageRun.objects.count() == 1  # exporting does not link


def test_command_refuses_file_options_without_files(db):
    with pytest.raises(CommandError, match="--estado só vale com arquivos"):
        call_command("sisetp", "dedupe", "--estado", "/tmp/x")
    with pytest.raises(CommandError, match="--saida"):
        call_command("sisetp", "dedupe", "--exportar")


def test_failed_run_is_recorded(data, monkeypatch):
    import_source(data, 0)

    def broken(*args, **kwargs):
        raise RuntimeError("modelo indisponível")

    monkeypatch.setattr("pnetp.linkage.service.link_columns", broken)
    with pytest.raises(RuntimeError):
        dedupe_database()
    run = LinkageRun.objects.get()
    assert run.status == "falhou" and "modelo indisponível" in run.error and run.finished_at
    assert not CasePerson.objects.filter(person_key__isnull=False).exists()


def test_a_run_that_changes_persons_refreshes_the_public_pages_at_commit(data, django_capture_on_commit_callbacks):
    """The public page cache is invalidated once the new person ids commit (the statistics then recompute),
    and not by a run that changed nothing."""
    from pnetp.core import page_cache

    import_source(data, 0)
    with django_capture_on_commit_callbacks() as callbacks:
        first = dedupe_database()
    assert first.keys_changed > 0 and page_cache.bump_data_version in callbacks
    with django_capture_on_commit_callbacks() as callbacks:
        again = dedupe_database()
    assert again.keys_changed == 0 and page_cache.bump_data_version not in callbacks

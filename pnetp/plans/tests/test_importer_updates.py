"""Re-importing: idempotency, revisions in place by code, history, absent items, dry run, status."""

import pytest

from pnetp.plans.importing import ImportOptions, import_plan_document
from pnetp.plans.models import Activity, Axis, Plan, PriorityAction

OLD_112 = "Buscar a ampliação de recursos operacionais e humanos para o enfrentamento ao tráfico de pessoas."
NEW_112 = "Buscar a ampliação de recursos operacionais, humanos e orçamentários para o enfrentamento ao tráfico."
NEW_1112 = "Apoiar a criação de ouvidorias especializadas em tráfico de pessoas."


def counts(result):
    return [(len(level.created), len(level.updated), len(level.unchanged)) for level in result.levels()]


@pytest.fixture
def first(db, document_bytes):
    return import_plan_document(document_bytes, name="iv.txt")


@pytest.fixture
def revised(document_lines, write_file):
    """1.1.2 reworded and 1.1.12 added after 1.1.11 (line 22)."""
    lines = list(document_lines)
    assert OLD_112 in lines[12]
    lines[12] = lines[12].replace(OLD_112, NEW_112)
    lines.insert(22, f"\t1.1.12\t{NEW_1112}")
    return write_file("iv-revisado.txt", lines)


def primary_keys():
    return {model.__name__: dict(model.objects.values_list("code", "pk")) for model in (Axis, PriorityAction, Activity)}


def test_first_import_creates_everything(first):
    assert first.plan_outcome == "created"
    assert counts(first) == [(5, 0, 0), (26, 0, 0), (108, 0, 0)]
    assert first.summary_lines() == [
        "Plano iv-pnetp (IV PNETP), de iv.txt: criado",
        "Eixos: 5 criados, 0 atualizados, 0 inalterados",
        "Ações prioritárias: 26 criadas, 0 atualizadas, 0 inalteradas",
        "Atividades: 108 criadas, 0 atualizadas, 0 inalteradas",
    ]
    assert Activity.history.filter(history_type="+").count() == 108
    assert Activity.history.first().history_change_reason == "Importação de iv.txt"


def test_same_document_again_changes_nothing(first, document_bytes, db_counts):
    before, keys, plan = db_counts(), primary_keys(), Plan.objects.get()
    again = import_plan_document(document_bytes, name="iv.txt")
    assert again.plan_outcome == "unchanged"
    assert not again.changed
    assert counts(again) == [(0, 0, 5), (0, 0, 26), (0, 0, 108)]
    assert again.summary_lines()[1:] == [
        "Eixos: 0 criados, 0 atualizados, 5 inalterados",
        "Ações prioritárias: 0 criadas, 0 atualizadas, 26 inalteradas",
        "Atividades: 0 criadas, 0 atualizadas, 108 inalteradas",
    ]
    assert db_counts() == before
    assert primary_keys() == keys
    assert Plan.objects.get().updated_at == plan.updated_at


def test_revision_updates_in_place_and_keeps_history(first, revised, db_counts):
    keys = primary_keys()
    before = db_counts()
    result = import_plan_document(revised)
    assert result.activities.created == ["1.1.12"]
    assert result.activities.updated == ["1.1.2"]
    assert counts(result) == [(0, 0, 5), (0, 0, 26), (1, 1, 107)]
    assert result.plan_outcome == "unchanged"  # the plan's own fields did not change
    after = primary_keys()
    assert {code: after["Activity"][code] for code in keys["Activity"]} == keys["Activity"]
    assert after["Axis"] == keys["Axis"] and after["PriorityAction"] == keys["PriorityAction"]
    assert Activity.objects.count() == 109
    changed = Activity.objects.get(code="1.1.2")
    assert changed.description == NEW_112
    assert changed.search_text.startswith("1.1.2 buscar a ampliacao de recursos operacionais, humanos")
    assert [h.description for h in changed.history.order_by("history_date")] == [OLD_112, NEW_112]
    added = Activity.objects.get(code="1.1.12")
    assert (added.description, added.action.code) == (NEW_1112, "1.1")
    assert list(PriorityAction.objects.get(code="1.1").activities.values_list("code", flat=True))[-2:] == [
        "1.1.11",
        "1.1.12",
    ]
    assert db_counts()["Activity.history"] == before["Activity.history"] + 2
    assert Plan.objects.get().source_name == "iv-revisado.txt"


def test_revision_twice_is_idempotent(first, revised):
    import_plan_document(revised)
    assert counts(import_plan_document(revised)) == [(0, 0, 5), (0, 0, 26), (0, 0, 109)]


def test_items_absent_from_the_document_are_reported_and_kept(first, document_lines, write_file, db_counts):
    before = db_counts()
    lines = list(document_lines)
    # 5.3.5 is the last line, 3.4.5 line 92: removing the last activity of an action keeps the sequence valid.
    assert lines[-1].startswith("\t<p>5.3.5</p>") and lines[91].startswith("\t3.4.5\t")
    del lines[-1]
    del lines[91]
    result = import_plan_document(write_file("iv-menor.txt", lines))
    assert result.activities.missing == ["3.4.5", "5.3.5"]
    assert result.axes.missing == [] and result.actions.missing == []
    assert counts(result) == [(0, 0, 5), (0, 0, 26), (0, 0, 106)]
    assert result.summary_lines()[-1] == "Atividades ausentes no documento (mantidas no banco): 3.4.5, 5.3.5"
    assert db_counts() == before
    assert Activity.objects.filter(code__in=["3.4.5", "5.3.5"]).count() == 2


def test_dry_run_on_an_empty_database_writes_nothing(db, document_bytes, db_counts):
    result = import_plan_document(document_bytes, name="iv.txt", options=ImportOptions(dry_run=True))
    assert result.dry_run and result.plan_outcome == "created"
    assert counts(result) == [(5, 0, 0), (26, 0, 0), (108, 0, 0)]
    assert result.summary_lines()[0] == "Simulação (--dry-run): nada foi gravado; abaixo, o que a importação faria."
    assert set(db_counts().values()) == {0}


def test_dry_run_reports_a_revision_without_applying_it(first, revised, db_counts):
    before = db_counts()
    result = import_plan_document(revised, options=ImportOptions(dry_run=True))
    assert (result.activities.created, result.activities.updated) == (["1.1.12"], ["1.1.2"])
    assert db_counts() == before
    assert Activity.objects.get(code="1.1.2").description == OLD_112


def test_publish_then_keep_status(first, document_bytes):
    assert Plan.objects.get().status == Plan.Status.DRAFT
    published = import_plan_document(document_bytes, name="iv.txt", options=ImportOptions(publish=True))
    assert published.plan_outcome == "updated"
    assert Plan.objects.get().status == Plan.Status.PUBLISHED
    again = import_plan_document(document_bytes, name="iv.txt")
    assert again.plan_outcome == "unchanged"
    assert Plan.objects.get().status == Plan.Status.PUBLISHED


def test_new_plan_with_publish_is_published(db, document_bytes):
    import_plan_document(document_bytes, name="iv.txt", options=ImportOptions(publish=True))
    assert Plan.objects.get().status == Plan.Status.PUBLISHED


def test_reimport_keeps_fields_edited_elsewhere(first, document_bytes):
    Plan.objects.update(title="IV PNETP — edição revisada", short_title="PNETP")
    result = import_plan_document(document_bytes, name="iv.txt")
    assert result.plan_outcome == "unchanged"
    assert Plan.objects.values_list("title", "short_title").get() == ("IV PNETP — edição revisada", "PNETP")


def test_title_option_updates_an_existing_plan(first, document_bytes):
    result = import_plan_document(document_bytes, name="iv.txt", options=ImportOptions(title="Novo título"))
    assert result.plan_outcome == "updated"
    plan = Plan.objects.get()
    assert plan.title == "Novo título"
    assert plan.history.count() == 2


def test_progress_bar_only_when_asked(db, document_bytes, capsys):
    import_plan_document(document_bytes, name="iv.txt", options=ImportOptions(dry_run=True))
    assert capsys.readouterr().err == ""
    import_plan_document(document_bytes, name="iv.txt", options=ImportOptions(dry_run=True, progress=True))
    assert "108/108" in capsys.readouterr().err

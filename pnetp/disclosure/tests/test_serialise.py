"""Protected tables survive storage: JSON and back gives the same table, and stored releases are kept."""

import json

import pytest

from pnetp.disclosure import CountTable, HierarchicalTable, assert_safe, protect, protect_linked, protect_series
from pnetp.disclosure.serialise import table_from_json, table_to_json

K = 11


def round_trip(table):
    return table_from_json(json.loads(json.dumps(table_to_json(table))))


def test_linked_tables_round_trip_with_suppressions_and_hidden_parts():
    by_uf = CountTable(
        ["SP", "RJ", "AC"],
        [[3, 20, 45], [30, 40, 50], [0, 12, 2]],
        ["M", "F", "NI"],
        row_var="uf",
        col_var="sexo",
        universe="v",
        name="Vítimas por UF e sexo",
    )
    places = HierarchicalTable(
        {
            "SP": {"3550308": [3, 20, 45]},
            "RJ": {"3304557": [20, 20, 10], "3303302": [10, 20, 40]},
            "AC": {"1200401": [0, 12, 2]},
        },
        cols=["M", "F", "NI"],
        parent_var="uf",
        child_var="municipio",
        col_var="sexo",
        universe="v",
    )
    months = protect_series({"2025-01": 4, "2025-02": 30, "2025-03": 9}, publish_parts=False, k=K, universe="m")
    tables = [*protect_linked([by_uf, places], K), months]
    assert any(t.suppressed for t in tables) and months.hidden
    copies = [round_trip(t) for t in tables]
    assert copies == tables
    assert [c.display_grid() for c in copies] == [t.display_grid() for t in tables]
    assert [c.to_rows() for c in copies] == [t.to_rows() for t in tables]
    assert_safe(*copies)


def test_epsilon_and_empty_table_round_trip():
    table = protect(CountTable(["a"], [0], universe="e"), K)
    assert round_trip(table) == table
    noisy = protect(CountTable(["a", "b"], [20, 30]), K, epsilon=1.0)
    assert round_trip(noisy).epsilon == 1.0


def test_unknown_format_is_refused():
    data = table_to_json(protect(CountTable(["a"], [12]), K))
    data["formato"] = 99
    with pytest.raises(ValueError, match="formato"):
        table_from_json(data)


def test_store_keeps_the_latest_and_locks_one_recompute(db):
    from datetime import timedelta

    from django.utils import timezone

    from pnetp.disclosure import store
    from pnetp.disclosure.models import ReleaseLock

    for n in range(store.KEEP + 2):
        store.save("x", f"fp{n}", K, {"n": n}, 1.5)
    assert store.latest("x").skeleton == {"n": store.KEEP + 1}
    assert store.latest("y") is None
    assert store.acquire("x") and not store.acquire("x") and store.is_locked("x")
    store.release_lock("x")
    assert store.acquire("x")
    ReleaseLock.objects.filter(name="x").update(started_at=timezone.now() - store.LOCK_TIMEOUT - timedelta(1))
    assert not store.is_locked("x") and store.acquire("x")  # a lock left by a dead process expires


def test_store_keeps_versions_table_by_table_and_shares_unchanged_tables(db):
    from pnetp.disclosure import store
    from pnetp.disclosure.models import ReleasePart, ReleaseVersion

    small = table_to_json(protect(CountTable(["a", "b"], [12, 30]), K))
    other = table_to_json(protect(CountTable(["a", "b"], [13, 40]), K))
    first = store.save("x", "fp1", K, {"anos": ["2024"], "t": small, "por_ano": {"2024": {"u": other}}}, 1.0)
    assert first.skeleton == {
        "anos": ["2024"],
        "t": {"$parte": "t"},
        "por_ano": {"2024": {"u": {"$parte": "por_ano/2024/u"}}},
    }
    assert ReleasePart.objects.count() == 2
    second = store.save("x", "fp2", K, {"anos": ["2024"], "t": small, "por_ano": {"2024": {"u": small}}}, 1.0)
    assert ReleasePart.objects.count() == 2  # the unchanged table is shared, not stored again
    assert store.latest("x") == second
    before = dict(store.reads)
    parts = store.read(second, ["por_ano/2024/u"], table_from_json)
    assert (
        list(parts) == ["por_ano/2024/u"]
        and parts["por_ano/2024/u"].values == protect(CountTable(["a", "b"], [12, 30]), K).values
    )
    assert store.reads["parts"] - before["parts"] <= 1  # only the part asked for, once
    assert (
        store.read(first, ["por_ano/2024/u"], table_from_json)["por_ano/2024/u"].values
        != parts["por_ano/2024/u"].values
    )
    for n in range(store.KEEP):
        store.save("x", f"fp{n + 3}", K, {"n": n}, 1.0)
    assert not ReleaseVersion.objects.filter(pk__in=[first.pk, second.pk]).exists()
    assert not ReleasePart.objects.exists()  # parts no kept version uses are deleted

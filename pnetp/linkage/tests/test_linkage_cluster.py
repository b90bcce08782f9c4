"""Clustering of scored pairs: analysts' decisions, and CPF / birth-date checks against chaining (no database)."""

import pytest

from pnetp.linkage.review import Decision, cluster, dates_compatible, one_slip


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("1990-05-12", "1990-05-12", True),
        ("1990-05-12", "1990-12-05", True),  # day and month swapped
        ("1989-12-31", "1990-12-31", True),  # year off by one, two digits apart
        ("1990-05-12", "1990-05-13", True),
        ("1990-05-12", "1990-05-21", True),  # two neighbouring digits swapped
        ("1990-05-12", "1985-03-02", False),
        ("1990-05-12", "1992-05-14", False),
    ],
)
def test_dates_compatible(a, b, expected):
    assert dates_compatible(a, b) is expected


def test_one_slip():
    assert one_slip("12345678909", "12345678900") and one_slip("12345678909", "12345679809")
    assert not one_slip("12345678909", "12345678000") and not one_slip("123", "1234")


def test_chain_through_a_weak_edge_is_refused_when_cpfs_differ():
    records = ["a", "b", "c"]
    edges = [("a", "b", 0.99), ("b", "c", 0.85)]  # b has no CPF: it would join two persons
    ids = {"a": ("11111111111", None), "b": (None, None), "c": ("22222222222", None)}
    plain = cluster(records, edges)
    assert plain["a"] == plain["b"] == plain["c"]
    checked = cluster(records, edges, identifiers=ids)
    assert checked["a"] == checked["b"] != checked["c"]


def test_chain_refused_when_birth_dates_differ_but_one_slip_is_accepted():
    records = ["a", "b", "c", "d"]
    edges = [("a", "b", 0.99), ("b", "c", 0.9), ("a", "d", 0.8)]
    ids = {"a": (None, "1990-05-12"), "b": (None, None), "c": (None, "1971-01-30"), "d": (None, "1990-12-05")}
    out = cluster(records, edges, identifiers=ids)
    assert out["a"] == out["b"] == out["d"] != out["c"]


def test_a_lone_pair_is_the_models_call():
    # two records, different dates: the score already weighed them, the check is for groups only
    out = cluster(["a", "b"], [("a", "b", 0.95)], identifiers={"a": (None, "1990-05-12"), "b": (None, "1970-01-01")})
    assert out["a"] == out["b"]


def test_confirmed_pair_overrides_the_checks_and_rejected_pair_stays_apart():
    records = ["a", "b", "c"]
    ids = {"a": ("11111111111", None), "b": (None, None), "c": ("22222222222", None)}
    out = cluster(records, [("a", "b", 0.99)], [Decision("a", "c", True)], identifiers=ids)
    assert out["a"] == out["c"]  # an analyst's word beats the CPF check
    assert out["b"] == out["a"]
    out = cluster(records, [("a", "b", 0.99), ("b", "c", 0.99)], [Decision("a", "c", False)])
    assert out["a"] != out["c"]


def test_tied_edges_give_the_same_clusters_in_any_order():
    # b (no CPF) ties between a and c, whose CPFs differ: the first edge taken decides where b goes,
    # so the order DuckDB returns the pairs in must not matter
    records = ["a", "b", "c"]
    ids = {"a": ("11111111111", None), "b": (None, None), "c": ("22222222222", None)}
    edges = [("a", "b", 0.9), ("b", "c", 0.9), ("a", "c", 0.8)]
    first = cluster(records, edges, identifiers=ids)
    assert first["a"] != first["c"]
    for order in (edges[::-1], [edges[1], edges[0], edges[2]], [(right, left, p) for left, right, p in edges]):
        again = cluster(records, order, identifiers=ids)
        assert (again["a"] == again["b"]) == (first["a"] == first["b"])
        assert (again["c"] == again["b"]) == (first["c"] == first["b"])

"""Multi-valued tables (``OverlapTable``): rows that overlap, tied to other tables by sums over hidden parts.

The attacks must work on naive output (or they prove nothing) and fail on ours.
"""

from pnetp.disclosure import CountTable, OverlapTable, assert_safe, protect, protect_linked, secondary
from pnetp.disclosure.tables import make_key

from .attack import assert_unrecoverable, milp_intervals, peel
from .test_attacks import primary_only
from .truth import truth

K = 11
# persons by combination of citizenships: BR 30, VE 14, PY 3, BR+VE 2, none 12 (61 persons)
PARTS = {"BR": 30, "VE": 14, "PY": 3, "BR+VE": 2, "-": 12}


def citizenship(links=(), parts=PARTS):
    codes = {"Brasil": "BR", "Venezuela": "VE", "Paraguai": "PY"}
    rows = {label: [p for p in parts if code in p.split("+")] for label, code in codes.items()}
    rows["Não informada"] = ["-"]
    sums = [({"nac": label}, units) for label, units in rows.items()] + [({}, list(parts)), *links]
    return OverlapTable(
        parts,
        sums,
        [(label, {"nac": label}) for label in rows] + [("Total", {})],
        [("Vítimas", {})],
        part_var="combinacao",
    )


def flows():
    """The same persons by ONE citizenship (Brazilian wins), as another table publishes them."""
    return CountTable(["Brasil", "Venezuela", "Paraguai", "Não informada"], [32, 14, 3, 12], row_var="cidadania")


LINKS = [
    ({"cidadania": "Brasil"}, ["BR", "BR+VE"]),
    ({"cidadania": "Venezuela"}, ["VE"]),
    ({"cidadania": "Paraguai"}, ["PY"]),
    ({"cidadania": "Não informada"}, ["-"]),
]


def test_rows_overlap_and_parts_stay_hidden():
    table = protect(citizenship())
    values = {labels[0]: table.values[key] for labels, key in table.layout.records}
    assert values["Brasil"] == 32 and values["Venezuela"] == 16 and values["Total"] == 61  # 32 + 16 + … > 61
    assert values["Paraguai"] is None
    assert all(table.values[make_key("", [("combinacao", p)])] is None for p in PARTS)


def test_naive_output_gives_the_small_row_away():
    # no dual nationals: an attacker who knows which combinations occur gets Paraguai = 59 − 30 − 14 − 12
    single = {"BR": 30, "VE": 14, "PY": 3, "-": 12}
    naive = primary_only(citizenship(parts=single))
    paraguai = make_key("", [("nac", "Paraguai")])
    assert peel(*naive)[paraguai] == 3
    assert_unrecoverable(protect(citizenship(parts=single)), k=K)


def test_protected_table_resists_the_attack():
    table = citizenship()
    assert_unrecoverable(protect(table), k=K, truth=truth(table))


def relations(table):
    """What the attacker knows without anything being published: how the parts make up every number."""
    from pnetp.disclosure.protect import ProtectedTable

    structure = table.structure()
    keys = structure.keys
    return ProtectedTable(
        table.layout(),
        K,
        dict.fromkeys(keys),
        frozenset(keys[i] for i in structure.hidden),
        tuple((keys[t], tuple(keys[p] for p in parts)) for t, parts in structure.equations),
    )


def test_linked_to_a_table_counting_the_same_persons_another_way():
    linked = citizenship(LINKS)
    separately = [protect(citizenship()), protect(flows())]
    assert_safe(*separately)  # each looks safe on its own sums…
    hidden = separately[0].suppressed | separately[1].suppressed
    leaks = {
        key: (low, high)
        for key, (low, high) in milp_intervals(*separately, relations(linked)).items()
        if key in hidden and (high < K or low == high)
    }
    assert leaks  # …but the links between them give a hidden count away
    together = protect_linked([flows(), linked])
    assert_unrecoverable(*together, relations(linked), k=K, truth=truth(flows(), linked))
    assert not [v for t in together for v in t.values.values() if v is not None and 1 <= v < K]


def test_batched_repairs_still_protect(monkeypatch):
    """Large systems repair several items per round (``secondary.BATCH_FROM``); force it on a small one."""
    monkeypatch.setattr(secondary, "BATCH_FROM", 0)
    monkeypatch.setattr(secondary, "BATCH_DIVISOR", 1)
    grid = CountTable(
        ["SP", "RJ", "MG", "BA", "PE"],
        [[3, 20, 45, 2], [30, 1, 50, 4], [15, 25, 60, 7], [12, 0, 33, 1], [2, 9, 14, 30]],
        ["M", "F", "NI", "IG"],
        row_var="uf",
        col_var="sexo",
        universe="casos",
    )
    linked = citizenship(LINKS)
    together = protect_linked([grid, flows(), linked])
    assert_unrecoverable(*together, k=K, truth=truth(grid, flows(), linked))
    assert peel(*together) == {} or all(not 1 <= v < K for v in peel(*together).values())

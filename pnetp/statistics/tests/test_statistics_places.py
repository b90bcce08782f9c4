"""Municipalities protected UF by UF against the published UF row: attacks on the whole release must fail.

Tables are built in code (no database): a statistics-page UF × year table and the UF → municipality × year
table over the same counts, with the same keys, as ``release.public_release`` builds them.
"""

import random
from dataclasses import replace

import pytest

from pnetp.disclosure import CountTable, DisclosureError, HierarchicalTable, assert_safe, protect_linked
from pnetp.disclosure.blocks import protect_block, sub_structure
from pnetp.disclosure.tables import make_key
from pnetp.disclosure.tests.attack import assert_unrecoverable, peel
from pnetp.disclosure.tests.truth import truth
from pnetp.statistics import place_protection
from pnetp.statistics.place_protection import BY_YEAR, NONE, TOTAL

K = 11
U = "u"
YEARS = ["2024", "2025"]


def tables(groups: dict[str, dict[str, list[int]]]):
    """The UF × year table and the UF → municipality × year table of the same (fictitious) counts."""
    ufs = list(groups)
    cells = [[sum(row[j] for row in groups[uf].values()) for j in range(len(YEARS))] for uf in ufs]
    by_uf = CountTable(ufs, cells, YEARS, row_var="uf", col_var="ano", universe=U)
    place = HierarchicalTable(groups, cols=YEARS, parent_var="uf", child_var="municipio", col_var="ano", universe=U)
    return by_uf, place


def release(groups):
    by_uf, place = tables(groups)
    (margin,) = protect_linked([by_uf], K)
    published, levels = place_protection.protect_places(place, margin.values, K)
    return margin, published, levels, truth(by_uf, place)


def key(**labels):
    return make_key(U, labels.items())


GROUPS = {
    # the whole UF row is published: municipalities by year
    "DF": {"5300108": [30, 25], "DF – não informado": [3, 4], "5300109": [2, 9]},
    "SP": {"3550308": [40, 40], "3509502": [12, 13], "3548500": [4, 5], "3543402": [0, 6]},
    # a year of the UF is suppressed, its total is not: municipalities as all-years totals only
    "RR": {"1400100": [20, 3], "1400050": [15, 2]},
    "MG": {"3106200": [14, 12], "3170206": [11, 1]},
    # the UF total is suppressed (AC's is small; BA's hides AC's): no municipality number at all
    "AC": {"1200401": [2, 1], "1200013": [1, 0]},
    "BA": {"2927408": [30, 3]},
}


def test_each_uf_at_the_finest_level_its_published_row_allows():
    margin, published, levels, _truth = release(GROUPS)
    assert levels == {"DF": BY_YEAR, "SP": BY_YEAR, "RR": TOTAL, "MG": TOTAL, "AC": NONE, "BA": NONE}
    values = published.values
    assert values[key(municipio="3550308", ano="2024")] == 40
    assert key(municipio="1400100", ano="2024") not in values  # coarser level: left out, not "X"
    assert values[key(municipio="1400100")] == 23
    assert not any(dict(k[1]).get("municipio", "")[:2] in ("12", "29") for k in values)
    assert values[key(uf="RR", ano="2025")] is None  # the UF row as the statistics page published it
    for k, value in margin.values.items():
        assert values.get(k, value) == value
    grid = published.display_grid()
    assert ["  1400100", "–", "–", "23"] in grid and not any(row[0].strip() == "2927408" for row in grid)


def test_attacks_on_the_whole_release_recover_no_municipality():
    margin, published, _levels, real = release(GROUPS)
    hidden_municipal = [k for k in published.suppressed if "municipio" in dict(k[1])]
    assert hidden_municipal, "the example must hide some municipality cells"
    assert_safe(margin, published)
    assert_unrecoverable(margin, published, k=K, truth=real)


def test_naive_block_against_a_hidden_margin_gives_the_margin_away():
    """Why a UF whose total is suppressed gets no municipality number: they would add up to it."""
    margin, published, _levels, _real = release(GROUPS)
    ba, ac = key(uf="BA"), key(uf="AC")
    assert margin.values[ba] is None and margin.values[ac] is None  # BA's 33 hides AC's 4
    by_uf, place = tables(GROUPS)
    structure = place.structure()
    block = [k for k in structure.keys if dict(k[1]).get("uf") == "BA" or dict(k[1]).get("municipio") == "2927408"]
    with pytest.raises(DisclosureError, match="margem"):
        protect_block(
            sub_structure(structure, block), {k: margin.values[k] for k in block if "municipio" not in dict(k[1])}, K
        )
    # publishing BA's only municipality anyway (33, not a small count) gives AC's total away
    municipality = key(municipio="2927408")
    naive = replace(
        published,
        values={**published.values, municipality: 33},
        equations=published.equations + ((ba, (municipality,)),),
    )
    assert peel(margin, naive)[ac] == 4
    assert peel(margin, published) == {}


@pytest.mark.parametrize("seed", range(4))
def test_random_places_are_safe(seed):
    rng = random.Random(seed)
    groups = {}
    for uf in ["AA", "BB", "CC", "DD", "EE"]:
        groups[uf] = {
            f"{uf}{m}": [rng.choice([0, 0, 1, 2, 3, 5, 8, 12, 20, 35]) for _y in YEARS]
            for m in range(rng.randint(1, 5))
        }
    margin, published, _levels, real = release(groups)
    assert_safe(margin, published)
    assert_unrecoverable(margin, published, k=K, truth=real)

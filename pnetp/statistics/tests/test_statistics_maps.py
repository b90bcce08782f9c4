"""The map page and the municipality figures: unique persons, linked protection, ranks, no small count shown.

All persons are fictitious; only pseudonymous fields are set.
"""

import re

import pytest
from django.urls import reverse

from pnetp.disclosure import intervals
from pnetp.sisetp.models import Event
from pnetp.statistics import maps, municipality_map, published

from .test_statistics import Builder, make_source

K = 11


def victim(builder, uf, municipality=None, **kw):
    person = builder.victim(uf=uf, **kw)
    if municipality is not None:
        Event.objects.filter(case=person.case).update(municipality=municipality)
    return person


@pytest.fixture
def builder(db):
    return Builder(make_source())


@pytest.fixture
def scenario(builder, places, settings):
    """Brasília and Pacaraima above k in 2024, a small count in Pacaraima in 2025 (so RR 2025 too)."""
    settings.PNETP_DISCLOSURE_K = K
    for n, uf, municipality, year in [
        (30, places.df, places.brasilia, 2024),
        (25, places.df, places.brasilia, 2025),
        (20, places.rr, places.pacaraima, 2024),
        (3, places.rr, places.pacaraima, 2025),
        (15, places.rr, None, 2024),
        (14, None, None, 2024),
        (12, None, None, 2025),
    ]:
        for _ in range(n):
            victim(builder, uf, municipality, year=year)
    return places


def data_counts(html):
    return [v.strip() for v in re.findall(r"data-count>([^<]*)<", html)]


def test_counts_are_unique_persons(builder, places, settings):
    settings.PNETP_DISCLOSURE_K = 1
    victim(builder, places.df, places.brasilia, key="PES-a", year=2024)
    victim(builder, places.rr, places.pacaraima, key="PES-a", year=2025)  # same person: earliest record wins
    victim(builder, places.df, places.brasilia, year=2024)
    victim(builder, places.rr, year=2024)
    victim(builder, places.df, places.brasilia, status="nao_trafico")
    assert maps.count_places() == {("DF", 5300108, 2024): 2, ("RR", None, 2024): 1}
    result = published.places()
    assert (result.uf_count("DF", "2024"), result.uf_count("RR", "2024"), result.uf_count("RR")) == (2, 1, 1)
    assert result.municipality_counts("2024") == {5300108: 2}


def test_uf_totals_match_the_statistics_page(scenario):
    result = published.places()
    page = published.statistics().tables["ano_uf"]
    for key, value in page.values.items():
        if value is not None and key in result.table.values:
            assert result.table.values[key] == value


def test_suppressed_cells_cannot_be_derived(scenario):
    result = published.places()
    suppressed = result.table.suppressed
    assert suppressed, "the scenario has small counts"
    bounds = intervals(result.table, *published.statistics().tables.values())
    for key in suppressed:
        low, high = bounds[key]
        assert high >= K and low < high, key


def test_ranks():
    counts = {1: 30, 2: 20, 3: 20, 4: None, 5: 0, 6: 12}
    assert [maps.rank(c, counts) for c in (1, 2, 3, 4, 5, 6, 7)] == [1, 2, 2, None, None, 4, None]


def test_map_page_shows_no_small_count(scenario, client):
    html = client.get(reverse("statistics:statistics-map") + "?ano=2024").content.decode()
    counts = data_counts(html)
    assert counts and all(v == "X" or int(v) == 0 or int(v) >= K for v in counts)
    assert 'role="img"' in html and "X: valor suprimido" in html and "Municípios com mais vítimas em 2024" in html
    assert "Brasília/DF" in html


def test_map_page_other_year_and_unknown_year(scenario, client):
    # An unknown year falls back to the default period, as no year does.
    default = client.get(reverse("statistics:statistics-map")).context["year"]
    assert client.get(reverse("statistics:statistics-map") + "?ano=1900").context["year"] == default
    html = client.get(reverse("statistics:statistics-map") + "?ano=2025").content.decode()
    assert all(v in ("X", "1 a 10") or int(v) == 0 or int(v) >= K for v in data_counts(html))


def test_map_page_defaults_to_the_period_with_the_most_published_numbers(scenario, client):
    result = published.places()
    shown = {
        period: sum(
            1 for (_u, pairs), v in result.table.values.items() if v is not None and dict(pairs).get("ano") == period
        )
        for period in (None, "2024", "2025")
    }
    # RR 2025 (3) is suppressed, so RR's municipalities are published only over all years: all years
    # publish the most numbers.
    assert shown[None] > max(shown["2024"], shown["2025"])
    response = client.get(reverse("statistics:statistics-map"))
    assert response.context["year"] is None
    html = response.content.decode()
    assert "Vítimas por UF, todos os anos" in html and '<option value="todos" selected>Todos os anos</option>' in html
    assert "Brasília/DF" in html and "Pacaraima/RR" in html
    assert client.get(reverse("statistics:statistics-map") + "?ano=todos").context["year"] is None
    assert client.get(reverse("statistics:statistics-map") + "?ano=2024").context["year"] == "2024"
    assert maps.fullest_period(result) is None


def test_the_default_period_prefers_a_year_on_a_tie():
    from pnetp.disclosure import ProtectedTable
    from pnetp.disclosure.tables import Layout, make_key
    from pnetp.statistics.domain import PlaceRelease

    values = {
        make_key("u", [("uf", "DF"), ("ano", "2024")]): 20,
        make_key("u", [("uf", "DF"), ("ano", "2025")]): None,
        make_key("u", [("uf", "DF")]): 20,
    }
    table = ProtectedTable(Layout("t", (), (), (), ()), K, values, frozenset(), ())
    assert maps.fullest_period(PlaceRelease(table, ["2024", "2025"], K)) == "2024"
    assert maps.fullest_period(PlaceRelease(table, [], K)) is None


def test_municipality_page_count_and_ranks(scenario, client):
    summary = municipality_map.municipality_summary(scenario.brasilia)
    assert summary["value"] == 55 and summary["rank_uf"] == 1 and summary["rank_brazil"] == 1
    summary = municipality_map.municipality_summary(scenario.pacaraima)
    assert (summary["value"], summary["rank_uf"], summary["rank_brazil"]) == (23, 1, 2)
    html = client.get(scenario.brasilia.get_absolute_url()).content.decode()
    assert "<dd data-count>55</dd>" in html and "1º" in html


def test_municipality_page_suppressed(builder, places, settings, client):
    settings.PNETP_DISCLOSURE_K = K
    for _ in range(3):
        victim(builder, places.rr, places.pacaraima)
    for _ in range(20):
        victim(builder, places.df, places.brasilia)
    summary = municipality_map.municipality_summary(places.pacaraima)
    assert summary["value"] is None and summary["rank_uf"] is None and summary["rank_brazil"] is None
    html = client.get(places.pacaraima.get_absolute_url()).content.decode()
    assert "dado suprimido" in html
    assert all(v.startswith("X") for v in data_counts(html))


def test_empty_database_renders(db, client):
    assert client.get(reverse("statistics:statistics-map")).status_code == 200


def test_a_suppressed_count_published_as_a_range_is_shown_as_one():
    from pnetp.disclosure import ProtectedTable
    from pnetp.disclosure.tables import Layout, make_key
    from pnetp.statistics.domain import UNIVERSE, PlaceRelease

    ranged = make_key(UNIVERSE, [("uf", "RR"), ("ano", "2025")])
    values = {ranged: None, make_key(UNIVERSE, [("municipio", "1400456"), ("ano", "2025")]): None}
    table = ProtectedTable(Layout("t", (), (), (), ()), K, values, frozenset(), (), ranges=frozenset({ranged}))
    result = PlaceRelease(table, ["2025"], K)
    assert result.uf_shown("RR", "2025") == "1 a 10"
    assert result.municipality_shown(1400456, "2025") == "X"

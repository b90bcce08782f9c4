"""The municipality choropleth of a UF: published classes only, links with accessible names, table alternative.

All persons are fictitious; only pseudonymous fields are set.
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from pnetp.territory.geometry import simplify_boundary
from pnetp.territory.models import Municipality, Population

from .test_statistics import Builder, make_source
from .test_statistics_maps import victim

K = 11
BOA_VISTA, PACARAIMA, CARACARAI = 1400100, 1400456, 1400209


def square(lon, lat):
    return simplify_boundary(
        {
            "type": "Polygon",
            "coordinates": [[[lon, lat], [lon + 1, lat], [lon + 1, lat - 1], [lon, lat - 1], [lon, lat]]],
        }
    )


@pytest.fixture
def scenario(db, places, settings):
    """RR: Boa Vista 15, Pacaraima 3 (small), unknown municipality 12; Caracaraí none. DF: Brasília 12."""
    settings.PNETP_DISCLOSURE_K = K
    rr = places.rr
    for code, name in [(BOA_VISTA, "Boa Vista"), (CARACARAI, "Caracaraí")]:
        Municipality.objects.get_or_create(
            ibge_code=code, defaults={"name": name, "uf": rr, "latitude": Decimal("2"), "longitude": Decimal("-61")}
        )
    for n, code in enumerate([BOA_VISTA, PACARAIMA, CARACARAI]):
        Municipality.objects.filter(pk=code).update(boundary=square(-62 + n, 3))
    builder = Builder(make_source())
    boa_vista, pacaraima = Municipality.objects.get(pk=BOA_VISTA), places.pacaraima
    for n, uf, municipality in [
        (15, rr, boa_vista),
        (3, rr, pacaraima),
        (12, rr, None),
        (12, places.df, places.brasilia),
    ]:
        for _ in range(n):
            victim(builder, uf, municipality, year=2024)
    return places


def page(client, uf="rr", **params):
    response = client.get(reverse("statistics:statistics-municipality-map", args=[uf]), params)
    assert response.status_code == 200
    return response.content.decode()


def test_classes_links_and_table(client, scenario):
    html = page(client)
    # each municipality is a link to its page with its name and published number as accessible name
    assert re.search(
        r'<a href="/territorio/municipio/1400209/" aria-label="Caracaraí: 0 vítimas"><path '
        r'class="mun c-0"',
        html,
    )
    assert re.search(
        r'<a href="/territorio/municipio/1400456/" aria-label="Pacaraima: X, dado suprimido">'
        r'<path class="mun c-x"',
        html,
    )
    assert 'id="sisetp-pat-x"' in html  # suppressed is a hatch pattern, not a colour alone
    counts = [v.strip() for v in re.findall(r"data-count>([^<]*)<", html)]
    assert "3" not in counts, "a small count is never shown"
    assert counts[-1] == "30"  # the UF total
    assert counts.count("X") >= 2, "the small count and one more, else the total gives it away"


def test_year_filter_and_unknown_year(client, scenario):
    assert "todos os anos" in page(client)
    assert "2024 (dados do mapa)" in page(client, ano="2024")
    assert "todos os anos" in page(client, ano="1999")


def test_rates_appear_with_population(client, scenario):
    Population.objects.create(municipality_id=CARACARAI, year=2022, population=20000, source="teste")
    html = page(client)
    assert "Vítimas por 100 mil habitantes" in html
    assert re.search(
        r"Caracaraí</a></th><td data-count>0</td><td>[^<]*</td><td>20\.000 \(2022\)</td>"
        r"<td data-rate>0,0</td>",
        html,
    )


def test_uf_selection_and_redirects(client, scenario):
    index = reverse("statistics:statistics-municipality-maps")
    assert client.get(index, {"uf": "RR"})["Location"] == reverse("statistics:statistics-municipality-map", args=["rr"])
    assert "UF não encontrada" in client.get(index, {"uf": "zz"}).content.decode()
    assert client.get("/sisetp/estatisticas/mapa/municipios/RR/").status_code == 301
    assert client.get("/sisetp/estatisticas/mapa/municipios/zz/").status_code == 404
    map_page = client.get(reverse("statistics:statistics-map")).content.decode()
    assert reverse("statistics:statistics-municipality-maps") in map_page


def test_municipality_page_shows_the_index(client, scenario):
    html = client.get(f"/territorio/municipio/{BOA_VISTA}/").content.decode()
    assert "Índice de vulnerabilidade ao tráfico de pessoas" in html
    assert "Componentes do índice neste município" in html
    assert re.search(r"data-release-updated>Dados atualizados em \d\d/\d\d/\d{4} \d\d:\d\d\.", html)  # its date
    suppressed = client.get(f"/territorio/municipio/{PACARAIMA}/").content.decode()
    assert re.search(r'data-component="vitimas">X<', suppressed)
    assert re.search(r'data-component="taxa">X<', suppressed)  # the rate of a suppressed count
    assert re.search(r'data-component="mapear">—<', suppressed)  # no Mapear survey loaded: missing, not hidden


def test_vulnerability_pages(client, scenario):
    ranking = client.get(reverse("statistics:vulnerability"), {"uf": "rr"}).content.decode()
    assert "Municípios mais vulneráveis — Roraima" in ranking
    method = client.get(reverse("statistics:vulnerability-method")).content.decode()
    assert 'data-weight="mapear">1' in method and "Editar pesos" not in method


def test_index_layer_colours_by_tier(client, scenario):
    html = page(client, camada="indice", ano="2024")
    assert "índice de vulnerabilidade dos municípios, por faixa" in html
    assert "Todos os anos" in html and '<option value="2024" selected>' not in html  # the index is all years
    # Boa Vista has the only published positive count: index 100 (weights renormalised, no other data)
    assert re.search(
        r'aria-label="Boa Vista: índice de vulnerabilidade 100,0, Muito alta \(75 ou mais\)">'
        r'<path class="mun c-4"',
        html,
    )
    # Pacaraima's X counts as 1: positive counts in Brazil 1, 12 (Brasília) and 15, position 1/3
    assert re.search(
        r'aria-label="Pacaraima: índice de vulnerabilidade 33,3, Média \(25 a 49,9\)">'
        r'<path class="mun c-2"',
        html,
    )
    assert re.search(
        r'aria-label="Caracaraí: índice de vulnerabilidade 0,0, Sem indícios \(0\)"><path class="mun c-0"', html
    )


def test_a_uf_whose_municipalities_are_not_published_shows_no_zero():
    from types import SimpleNamespace

    from pnetp.statistics.rates import published_counts

    counts = {"2024": {BOA_VISTA: 15}, None: {BOA_VISTA: 15}}
    release = SimpleNamespace(
        municipality_counts=lambda year=None: counts.get(year, {}), levels={"RR": "total", "DF": "nenhum"}
    )
    pairs = [(BOA_VISTA, "RR"), (CARACARAI, "RR"), (5300108, "DF"), (1100015, "RO")]
    # RR: all-years totals only; DF: nothing (even a 0 would say something); RO: no record, a published 0
    assert published_counts(release, pairs) == {BOA_VISTA: 15, CARACARAI: 0, 5300108: None, 1100015: 0}
    assert published_counts(release, pairs, "2024") == {BOA_VISTA: None, CARACARAI: None, 5300108: None, 1100015: 0}

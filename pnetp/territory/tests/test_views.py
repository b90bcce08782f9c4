import re

import pytest
from django.urls import reverse

from pnetp.territory.geometry import simplify_boundary
from pnetp.territory.models import Municipality

pytestmark = pytest.mark.django_db


def test_uf_list_counts_and_accessible_markup(client, territory):
    page = client.get("/territorio/").content.decode()
    assert "27 unidades da federação e 5.571 municípios" in page
    assert page.count("<h1>") == 1
    assert '<caption class="sr-only" id="tabela-ufs">Unidades da federação</caption>' in page
    assert len(re.findall(r'<th scope="row"><a href="/territorio/\w\w/">', page)) == 27
    assert re.search(r'<a href="/territorio/mg/">Minas Gerais</a></th>\s*<td>MG</td>\s*<td>Sudeste</td>', page)
    assert re.search(r">Cuiabá</a></td>\s*<td class=\"text-right\">142</td>", page)
    assert '<form method="get" role="search" aria-label="Buscar município"' in page
    assert '<label for="id_q">Município' in page
    assert '<span aria-current="page">Território</span>' in page


def test_lookup_redirects_to_the_municipality(client, territory):
    response = client.get("/territorio/", {"q": "sao paulo - sp"})
    assert response.status_code == 302 and response.url == "/territorio/municipio/3550308/"


def test_lookup_explains_ambiguity_with_links(client, territory):
    page = client.get("/territorio/", {"q": "Bom Jesus"}).content.decode()
    assert 'role="alert"' in page
    assert "“Bom Jesus” existe em 5 UFs (PB, PI, RN, RS, SC): informe a UF." in page
    assert page.count('href="/territorio/municipio/') >= 5 + 27  # the five, and the capitals in the table
    assert '<a href="/territorio/municipio/2201903/">Bom Jesus/PI</a>' in page


def test_lookup_suggests_on_typos(client, territory):
    page = client.get("/territorio/", {"q": "Sao Paolo"}).content.decode()
    assert "Você quis dizer: São Paulo/SP" in page
    assert '<a href="/territorio/municipio/3550308/">São Paulo/SP</a>' in page


def test_uf_page_lists_its_municipalities(client, territory):
    page = client.get("/territorio/rn/").content.decode()
    assert "<h1>Rio Grande do Norte <small>(RN)</small></h1>" in page
    assert page.count('<li><a href="/territorio/municipio/24') == 167
    assert '<a href="/territorio/municipio/2408102/">Natal</a> <span class="br-tag small">capital</span>' in page
    assert '<a href="/territorio/">Território</a>' in page


def test_uf_page_canonical_address(client, territory):
    response = client.get("/territorio/SP/")
    assert response.status_code == 301 and response.url == "/territorio/sp/"
    assert client.get("/territorio/xx/").status_code == 404


def test_municipality_page_without_outline(client, territory):
    page = client.get(reverse("territory:municipality", args=[5101837])).content.decode()
    assert "<h1>Boa Esperança do Norte <small>(MT)</small></h1>" in page
    assert "latitude -13,50667, longitude -55,14861" in page
    assert "Contorno do município indisponível" in page
    assert "desmembrado de Sorriso" in page  # the note
    assert '<a href="/territorio/mt/">Mato Grosso</a> (Centro-Oeste)' in page


def test_municipality_page_draws_outline_and_seat(client, territory):
    square = {"type": "Polygon", "coordinates": [[[-47, -23], [-46, -23], [-46, -24], [-47, -24], [-47, -23]]]}
    Municipality.objects.filter(pk=3550308).update(boundary=simplify_boundary(square))
    page = client.get("/territorio/municipio/3550308/").content.decode()
    svg = r'<svg class="territory-map" viewBox="0 0 [\d.]+ 320" role="img" aria-labelledby="territory-map-title"'
    assert re.search(svg, page)
    assert '<title id="territory-map-title">Contorno de São Paulo, com a sede marcada</title>' in page
    assert re.search(r'<circle class="seat" cx="[\d.]+" cy="[\d.]+" r="5">', page)
    assert "Capital de São Paulo" in page


def test_unknown_municipality_is_404(client, territory):
    assert client.get("/territorio/municipio/1234567/").status_code == 404

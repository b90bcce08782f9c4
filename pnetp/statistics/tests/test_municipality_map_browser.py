"""The municipality map, the municipality page and the index pages in Chromium: axe-core, keyboard links."""

import pytest

from pnetp.sisetp.models import Event
from pnetp.territory.geometry import simplify_boundary
from pnetp.territory.models import FederativeUnit, Municipality

from .test_statistics import Builder, make_source

pytestmark = pytest.mark.browser
RR_CODES = [
    1400050,
    1400027,
    1400100,
    1400159,
    1400175,
    1400209,
    1400233,
    1400282,
    1400308,
    1400407,
    1400456,
    1400472,
    1400506,
    1400605,
    1400704,
]


@pytest.fixture
def site(live_server, transactional_db, territory, settings):
    settings.PNETP_DISCLOSURE_K = 11
    for n, code in enumerate(RR_CODES):  # a row of squares stands in for the polygons
        lon, lat = -64 + (n % 5), 4 - (n // 5)
        ring = [[lon, lat], [lon + 1, lat], [lon + 1, lat - 1], [lon, lat - 1], [lon, lat]]
        Municipality.objects.filter(pk=code).update(
            boundary=simplify_boundary({"type": "Polygon", "coordinates": [ring]})
        )
    rr = FederativeUnit.objects.get(abbreviation="RR")
    builder = Builder(make_source())
    for n, code in [(14, 1400100), (2, 1400456), (12, None)]:
        for _ in range(n):
            person = builder.victim(uf=rr)
            if code:
                Event.objects.filter(case=person.case).update(municipality_id=code)
    return live_server.url


def test_municipality_map_is_accessible_and_links_work(site, page, assert_accessible):
    page.goto(f"{site}/sisetp/estatisticas/mapa/municipios/rr/")
    links = page.locator("svg.sisetp-map a")
    assert links.count() == len(RR_CODES)
    assert page.locator("svg.sisetp-map a[aria-label='Pacaraima: X, dado suprimido'] path.c-x").count() == 1
    assert_accessible(page)
    page.locator("svg.sisetp-map a[aria-label^='Boa Vista']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/territorio/municipio/1400100/")
    assert page.locator("h2", has_text="Índice de vulnerabilidade ao tráfico de pessoas").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        "/sisetp/estatisticas/mapa/municipios/",
        "/sisetp/estatisticas/vulnerabilidade/",
        "/sisetp/estatisticas/mapa/municipios/rr/?camada=indice",
        "/sisetp/estatisticas/formas-de-exploracao/",
        "/sisetp/estatisticas/vulnerabilidade/metodologia/",
        "/territorio/municipio/1400456/",
    ],
)
def test_index_pages_are_accessible(site, page, assert_accessible, path):
    page.goto(site + path)
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_weights_page_is_accessible_for_the_coordination(site, browser, client, assert_accessible, settings):
    from pnetp.accounts.models import Role

    from pnetp.sisetp.tests.conftest import make_user

    client.force_login(make_user("coord.pesos", Role.COORDINATION))
    cookie = {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": site,
    }
    context = browser.new_context(locale="pt-BR")
    try:
        context.add_cookies([cookie])
        tab = context.new_page()
        tab.goto(f"{site}/sisetp/estatisticas/vulnerabilidade/pesos/")
        assert_accessible(tab)
        tab.fill("#id_victims", "0")
        tab.fill("#id_victim_rate", "0")
        tab.fill("#id_mapear_points", "0")
        tab.fill("#id_recruitment", "0")
        tab.fill("#id_reason", "teste de erro")
        tab.get_by_role("button", name="Salvar nova versão").click()
        assert tab.get_by_text("Ao menos um peso deve ser maior que zero.").first.is_visible()
        assert_accessible(tab)  # the page with its errors
    finally:
        context.close()

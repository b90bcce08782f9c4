"""axe-core (WCAG 2.1 A/AA) on the network's public pages at 1280 px and 390 px; Onde denunciar loads no map."""

from types import SimpleNamespace

import pytest
from django.conf import settings

from pnetp.core.tests.browser.test_accessibility import open_page
from pnetp.network.models import Channel
from pnetp.territory.loader import LoadReport, _load_state_outlines

from ..committees_data import build_conatrap
from ..conftest import build_directory

pytestmark = pytest.mark.browser

PUBLIC_PAGES = ["/rede/", "/rede/?uf=DF&tipo=shelter", "/rede/atualizacao/", "/rede/comites/", "/rede/comites/conatrap/",
                "/rede/cobertura/", "/rede/onde-denunciar/", "/rede/comites/conatrap/reunioes/", "/rede/capacitacoes/",
                "/rede/especialistas/", "/rede/materiais/", "/rede/acordos/", "/rede/eventos/"]  # fmt: skip


@pytest.fixture
def site(live_server, transactional_db, territory) -> SimpleNamespace:
    _load_state_outlines(settings.NODE_MODULES, False, LoadReport())
    directory = build_directory()
    build_conatrap()
    Channel.objects.create(name="Disque 100", kind="phone", contact="100", link="tel:100", hours="24 horas",
                           libras=True, scope="national", institution=directory.mjsp)  # fmt: skip
    Channel.objects.create(name="Linha fictícia em Portugal", kind="phone", contact="+351 000 000 000",
                           scope="international", responsible="Serviço fictício")  # fmt: skip
    units = [f"/rede/unidades/{u.pk}/" for u in (directory.netp, directory.shelter)]
    return SimpleNamespace(url=live_server.url, unit_pages=units)


def _check(page, url, assert_accessible):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    open_page(page, url)
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    assert not errors, errors


def test_public_pages_have_no_axe_violations_at_1280(site, page, assert_accessible):
    for path in PUBLIC_PAGES + site.unit_pages:
        _check(page, site.url + path, assert_accessible)
    open_page(page, site.url + "/rede/")
    assert page.locator("svg.network-map path.uf").count() == 27
    assert page.locator("svg.network-map circle").count() == 3
    assert page.get_by_role("img", name="Mapa do Brasil com as unidades encontradas").count() == 1


@pytest.mark.parametrize("path", ["/rede/onde-denunciar/", "/rede/", "/rede/comites/conatrap/"])
def test_phone_width_has_no_axe_violations(site, browser, assert_accessible, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="pt-BR", is_mobile=True)
    try:
        page = context.new_page()
        _check(page, site.url + path, assert_accessible)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()


def test_report_channels_is_light_and_linked_from_home(site, page):
    open_page(page, site.url + "/")
    page.get_by_role("link", name="Veja onde denunciar").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/rede/onde-denunciar/")
    assert page.locator("svg").filter(has=page.locator("path.uf")).count() == 0
    scripts = page.evaluate("[...document.scripts].map(s => s.src)")
    open_page(page, site.url + "/acessibilidade/")
    assert scripts == page.evaluate("[...document.scripts].map(s => s.src)")  # only the base template's scripts
    assert page.locator("#main-navigation a[href=\"/rede/onde-denunciar/\"]").count() == 1  # main menu


def test_keyboard_reaches_the_first_channel(site, page):
    open_page(page, site.url + "/rede/onde-denunciar/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == "tel:100":
            return
    pytest.fail("the Disque 100 link is not reachable by keyboard")

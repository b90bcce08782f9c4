"""axe-core (WCAG 2.1 A/AA) on the dashboard and the portal, and keyboard access to chart data tables."""

import pytest

pytestmark = pytest.mark.browser

PORTAL_PAGES = {
    "overview": "/transparencia/",
    "plan": "/transparencia/plano/iv-pnetp/",
    "open data": "/transparencia/dados/",
    "dictionary": "/transparencia/dados/dicionario/",
}


def open_page(page, url: str):
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    response = page.goto(url)
    assert response.status == 200
    page.wait_for_load_state("load")
    assert not failed, failed
    assert page.locator("h1").count() == 1


def test_dashboard_has_no_axe_violations(monitored_site, coordination_page, assert_accessible):
    open_page(coordination_page, monitored_site.url + "/painel/")
    assert coordination_page.locator("svg[role=img]").count() == 3 + 5
    # Every table survived the DS table script (it drops tables missing their wrapper).
    assert coordination_page.locator(".br-table table").count() == coordination_page.locator(".br-table").count()
    assert_accessible(coordination_page)


def test_dashboard_high_contrast_has_no_axe_violations(monitored_site, coordination_page, assert_accessible):
    coordination_page.goto(monitored_site.url + "/")
    coordination_page.evaluate("localStorage.setItem('pnetp:high-contrast', '1')")
    open_page(coordination_page, monitored_site.url + "/painel/")
    assert coordination_page.evaluate("document.documentElement.classList.contains('high-contrast')")
    assert_accessible(coordination_page)


@pytest.mark.parametrize("name", PORTAL_PAGES)
def test_portal_page_has_no_axe_violations(monitored_site, page, assert_accessible, name):
    open_page(page, monitored_site.url + PORTAL_PAGES[name])
    assert page.locator(".br-table table").count() == page.locator(".br-table").count()
    assert_accessible(page)


def test_portal_institution_page_has_no_axe_violations(monitored_site, page, assert_accessible):
    open_page(page, f"{monitored_site.url}/transparencia/instituicao/{monitored_site.institutions[0].pk}/")
    assert_accessible(page)


@pytest.mark.parametrize("url", ["/painel/", "/transparencia/"])
def test_phone_width_has_no_axe_violations(monitored_site, browser, assert_accessible, url):
    from django.test import Client

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="pt-BR", is_mobile=True)
    client = Client()
    client.force_login(monitored_site.coord)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": monitored_site.url}])
    try:
        page = context.new_page()
        open_page(page, monitored_site.url + url)
        # Charts and tables scroll inside their own boxes; the page itself never does sideways.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert_accessible(page)
    finally:
        context.close()


def _tab_to_first_data_table_toggle(page, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.pnetp-chart-data > summary')"):
            return
    raise AssertionError("no 'Ver tabela de dados' reached with Tab")


@pytest.mark.parametrize("url", ["/painel/", "/transparencia/"])
def test_chart_data_tables_open_with_the_keyboard(monitored_site, coordination_page, url):
    page = coordination_page
    open_page(page, monitored_site.url + url)
    _tab_to_first_data_table_toggle(page)
    assert page.evaluate("document.activeElement.textContent") == "Ver tabela de dados"
    details = page.locator(".pnetp-chart-data").first
    table = details.locator("table")
    assert not table.is_visible()
    page.keyboard.press("Enter")
    assert details.evaluate("d => d.open")
    assert table.is_visible()
    assert table.locator("tbody tr").count() >= 5
    # The next Tab stop is the table's scroll box, so a wide table can be scrolled with arrow keys.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.pnetp-chart-data .responsive')")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert not details.evaluate("d => d.open")

"""axe-core (WCAG 2.1 A/AA) on the territory pages, in default and high-contrast colours and on a phone."""

import pytest

from pnetp.core.tests.browser.test_accessibility import open_page
from pnetp.territory.geometry import simplify_boundary
from pnetp.territory.models import Municipality

pytestmark = pytest.mark.browser

PAGES = {
    "UF list": "/territorio/",
    "ambiguous lookup": "/territorio/?q=Bom+Jesus",
    "lookup with suggestion": "/territorio/?q=Sao+Paolo",
    "UF": "/territorio/sp/",
    "municipality with outline": "/territorio/municipio/3550308/",
    "municipality without outline": "/territorio/municipio/5101837/",
}
SQUARE = {"type": "Polygon", "coordinates": [[[-47, -23], [-46, -23], [-46, -24], [-47, -24], [-47, -23]]]}


@pytest.fixture
def site(live_server, transactional_db, territory) -> str:
    Municipality.objects.filter(pk=3550308).update(boundary=simplify_boundary(SQUARE))
    return live_server.url


@pytest.mark.parametrize("name", PAGES)
def test_territory_pages_have_no_axe_violations(site, page, assert_accessible, name):  # noqa: F811
    open_page(page, site + PAGES[name])
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_high_contrast_and_phone(site, browser, assert_accessible):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="pt-BR", is_mobile=True)
    try:
        phone = context.new_page()
        phone.goto(site + "/")
        phone.evaluate("localStorage.setItem('pnetp:high-contrast', '1')")
        for url in (PAGES["UF"], PAGES["municipality with outline"]):
            open_page(phone, site + url)
            assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            assert_accessible(phone)
    finally:
        context.close()

"""axe-core (WCAG 2.1 A/AA) on every public page, in default and high-contrast colours, desktop and phone."""

import pytest

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "plan list": "/plano/",
    "plan overview": "/plano/iv-pnetp/",
    "axis": "/plano/iv-pnetp/1/",
    "action": "/plano/iv-pnetp/1.1/",
    "activity": "/plano/iv-pnetp/1.1.3/",
    "search results": "/busca/?q=capacitacao",
    "search without results": "/busca/?q=inexistente",
    "empty search": "/busca/",
    "accessibility": "/acessibilidade/",
    "api docs": "/api/docs/",
    "404": "/plano/iv-pnetp/9.9.9/",
}


def open_page(page, url: str, status: int = 200):
    """Navigates and checks the page and every static file it loads arrived."""
    failed = []
    page.on(
        "response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 and "/static/" in r.url else None
    )
    response = page.goto(url)
    assert response.status == status
    page.wait_for_load_state("load")
    assert not failed, failed


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_axe_violations(site, page, assert_accessible, name):
    open_page(page, site + PAGES[name], 404 if name == "404" else 200)
    assert page.locator("h1").count() == 1
    assert page.locator(".br-breadcrumb").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize("name", ["home", "plan overview", "activity", "search results", "accessibility", "api docs"])
def test_high_contrast_has_no_axe_violations(site, page, assert_accessible, name):
    page.goto(site + "/")
    page.evaluate("localStorage.setItem('pnetp:high-contrast', '1')")
    open_page(page, site + PAGES[name])
    assert page.evaluate("document.documentElement.classList.contains('high-contrast')")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    assert_accessible(page)


@pytest.mark.parametrize("name", ["plan overview", "activity", "search results"])
def test_phone_width_has_no_axe_violations(site, browser, assert_accessible, name):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="pt-BR", is_mobile=True)
    try:
        page = context.new_page()
        open_page(page, site + PAGES[name])
        # Nothing may overflow sideways on a phone.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert_accessible(page)
    finally:
        context.close()


def test_design_system_css_and_fonts_load(site, page):
    open_page(page, site + "/plano/iv-pnetp/")
    # Values that only hold when core.min.css, pnetp.css and the Raleway files are applied.
    assert "Raleway" in page.evaluate("getComputedStyle(document.body).fontFamily")
    assert page.evaluate("getComputedStyle(document.querySelector('.br-header')).boxShadow") != "none"
    assert page.evaluate("getComputedStyle(document.querySelector('.pnetp-stats')).display") == "grid"
    assert page.evaluate("document.fonts.check('16px Raleway')")
    assert page.evaluate("getComputedStyle(document.querySelector('.fas'), '::before').fontFamily").startswith(
        '"Font Awesome'
    )

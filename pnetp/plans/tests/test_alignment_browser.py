"""axe-core (WCAG 2.1 A/AA) on the alignment pages and on a national activity page with aligned activities.

The browser and the axe check are the session-wide fixtures of ``pnetp.core.testing.browser``.
"""

import pytest
from django.conf import settings
from django.test import Client

from .test_alignment import approve_report, build_world

pytestmark = pytest.mark.browser

PAGES = {
    "coverage": "/alinhamento/",
    "national activity with alignments": "/plano/iv-pnetp/1.1.1/",
    "state plan": "/alinhamento/pe-sp/",
    "municipal plan": "/alinhamento/pm-sao-paulo/",
}
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "pt-BR"}
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "pt-BR", "is_mobile": True}


@pytest.fixture
def alignment_site(live_server, transactional_db):
    world = build_world()
    approve_report(world.sp, "1.1.1", "em-andamento", percent=40)
    return live_server.url, world


def visit(browser, check, url, context_options=DESKTOP, cookies=(), submit=None) -> dict:
    """Opens ``url`` (optionally clicking the ``submit`` button), runs axe-core on it (``check``: the shared
    ``assert_accessible``) and reports what the tests check."""
    context = browser.new_context(**context_options)
    try:
        context.add_cookies(list(cookies))
        page = context.new_page()
        page.set_default_timeout(10_000)
        status = page.goto(url).status
        page.wait_for_load_state("load")
        if submit:
            page.get_by_role("button", name=submit).click()
            page.wait_for_load_state("load")
        check(page)
        return {
            "status": status,
            "h1": page.locator("h1").count(),
            "rows": page.get_by_role("row").all_inner_texts(),
            "alerts": page.get_by_role("alert").count(),
            "fits": page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"),
        }
    finally:
        context.close()


def assert_page(result: dict) -> None:
    assert result["status"] == 200 and result["h1"] == 1


@pytest.mark.parametrize("name", PAGES)
def test_alignment_pages_have_no_axe_violations(alignment_site, browser, assert_accessible, name):
    base, _world = alignment_site
    result = visit(browser, assert_accessible, base + PAGES[name])
    assert_page(result)
    if name == "national activity with alignments":
        assert any("Plano SP" in row and "Em andamento" in row and "40%" in row for row in result["rows"])
    if name == "coverage":
        assert len([row for row in result["rows"] if row.startswith(("SP – ", "RJ – ", "AC – "))]) == 3


def test_coverage_page_at_phone_width(alignment_site, browser, assert_accessible):
    base, _world = alignment_site
    result = visit(browser, assert_accessible, base + "/alinhamento/", PHONE)
    assert_page(result)
    assert result["fits"]  # the wide table scrolls inside its own region, not the page


def test_editor_has_no_axe_violations_with_or_without_an_error(alignment_site, browser, assert_accessible):
    base, world = alignment_site
    client = Client()
    client.force_login(world.coord)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base}
    url = base + "/alinhamento/pe-sp/1.1.1/editar/"
    assert_page(visit(browser, assert_accessible, url, DESKTOP, [cookie]))
    # Nothing chosen: the form comes back with its error messages.
    result = visit(browser, assert_accessible, url, DESKTOP, [cookie], "Alinhar")
    assert result["alerts"] >= 1
    assert_page(result)

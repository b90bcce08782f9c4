"""/api/docs/ in Chromium: axe-core finds nothing (the WCAG rules of the shared fixture, and then every default
rule, best practices included), on a desktop and on a 390 px phone, anonymous and signed in; the page never
scrolls sideways and its sections and tables are reached by keyboard."""

import pytest
from django.conf import settings
from django.test import Client

from pnetp.core.testing.browser import AXE_URL, format_violations

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "pt-BR"}
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "pt-BR", "is_mobile": True}


@pytest.fixture
def session_cookie(live_server, transactional_db, django_user_model):
    user = django_user_model.objects.create_user("leitora", password="x-senha-longa-1")
    client = Client()
    client.force_login(user)
    return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": live_server.url}  # fmt: skip


def open_docs(browser, live_server, options, cookies=()):
    context = browser.new_context(**options)
    context.add_cookies(list(cookies))
    page = context.new_page()
    page.set_default_timeout(20_000)
    assert page.goto(live_server.url + "/api/docs/").status == 200
    return context, page


def assert_no_axe_violation_at_all(page):
    """Every rule axe runs by default (best practices too: region, heading-order, landmark-one-main …)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE_URL)
    violations = page.evaluate("() => axe.run(document)")["violations"]
    assert not violations, format_violations(violations)


@pytest.mark.parametrize("options", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed in"])
def test_docs_page_is_accessible(browser, live_server, assert_accessible, session_cookie, options, signed_in):
    context, page = open_docs(browser, live_server, options, [session_cookie] if signed_in else [])
    try:
        assert page.locator("h1").inner_text() == "API de dados"
        assert page.locator("html").get_attribute("lang") == "pt-BR"
        assert_accessible(page)
        assert_no_axe_violation_at_all(page)
        # long paths and curl lines wrap, wide tables scroll in their own region: the page itself never does
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert page.locator("article.pnetp-api-op").count() >= 20
    finally:
        context.close()


def test_docs_page_by_keyboard(browser, live_server, transactional_db):
    context, page = open_docs(browser, live_server, PHONE)
    try:
        # Tab from the top to the table of contents' "Relatórios" link, follow it with Enter
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent.trim()") == "Relatórios":
                break
        else:
            pytest.fail("the link to the reports' section is not reachable with Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#tag-relatorios"
        # the next Tab stops inside that section; a table region, scrollable on a phone, takes the focus too
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('section')?.getAttribute('aria-labelledby')") == (
            "tag-relatorios"
        )
        focused_regions = set()
        for _ in range(40):
            page.keyboard.press("Tab")
            focused_regions.add(page.evaluate("document.activeElement.getAttribute('role')"))
        assert "region" in focused_regions
        # and the schema downloads are links like any other
        download = page.get_by_role("link", name="Baixar o esquema em JSON")
        download.focus()
        assert download.get_attribute("href") == "/api/schema/?format=json"
    finally:
        context.close()

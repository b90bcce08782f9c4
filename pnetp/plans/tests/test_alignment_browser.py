"""axe-core (WCAG 2.1 A/AA) on the alignment pages and on a national activity page with aligned activities.

Chromium runs in a thread of its own: when the whole suite runs, the session browser of
pnetp/core/tests/browser already holds this thread's Playwright loop, and Playwright's sync API
allows one per thread. Settings (Chromium, flags, axe, WCAG tags) come from that conftest.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.test import Client

from pnetp.core.testing.browser import AXE_PATH, CHROMIUM, CHROMIUM_ARGS, WCAG_TAGS, format_violations

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


class BrowserThread:
    """A Playwright Chromium living in one worker thread; ``run(fn, ...)`` calls ``fn(browser, ...)`` there."""

    def __init__(self):
        self.executor = ThreadPoolExecutor(max_workers=1)
        self.run(lambda _browser: None)

    def _start(self):
        from playwright.sync_api import sync_playwright

        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

    def run(self, fn, *args):
        def call():
            if not hasattr(self, "browser"):
                self._start()
            return fn(self.browser, *args)

        return self.executor.submit(call).result()

    def close(self):
        self.run(lambda browser: (browser.close(), self.playwright.stop()))
        self.executor.shutdown()


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's Chromium at /usr/bin/chromium (apt-get install chromium)")
    runner = BrowserThread()
    yield runner
    runner.close()


@pytest.fixture
def alignment_site(live_server, transactional_db):
    world = build_world()
    approve_report(world.sp, "1.1.1", "em-andamento", percent=40)
    return live_server.url, world


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE_PATH))
    return page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)["violations"]


def visit(browser, url, context_options=DESKTOP, cookies=(), submit=None) -> dict:
    """Opens ``url`` (optionally clicking the ``submit`` button) and reports what the tests check."""
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
        return {
            "status": status,
            "h1": page.locator("h1").count(),
            "rows": page.get_by_role("row").all_inner_texts(),
            "alerts": page.get_by_role("alert").count(),
            "fits": page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"),
            "violations": axe_violations(page),
        }
    finally:
        context.close()


def assert_accessible(result: dict) -> None:
    assert result["status"] == 200 and result["h1"] == 1
    assert not result["violations"], format_violations(result["violations"])


@pytest.mark.parametrize("name", PAGES)
def test_alignment_pages_have_no_axe_violations(alignment_site, chromium, name):
    base, _world = alignment_site
    result = chromium.run(visit, base + PAGES[name])
    assert_accessible(result)
    if name == "national activity with alignments":
        assert any("Plano SP" in row and "Em andamento" in row and "40%" in row for row in result["rows"])
    if name == "coverage":
        assert len([row for row in result["rows"] if row.startswith(("SP – ", "RJ – ", "AC – "))]) == 3


def test_coverage_page_at_phone_width(alignment_site, chromium):
    base, _world = alignment_site
    result = chromium.run(visit, base + "/alinhamento/", PHONE)
    assert_accessible(result)
    assert result["fits"]  # the wide table scrolls inside its own region, not the page


def test_editor_has_no_axe_violations_with_or_without_an_error(alignment_site, chromium):
    base, world = alignment_site
    client = Client()
    client.force_login(world.coord)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base}
    url = base + "/alinhamento/pe-sp/1.1.1/editar/"
    assert_accessible(chromium.run(visit, url, DESKTOP, [cookie]))
    # Nothing chosen: the form comes back with its error messages.
    result = chromium.run(visit, url, DESKTOP, [cookie], "Alinhar")
    assert result["alerts"] >= 1
    assert_accessible(result)

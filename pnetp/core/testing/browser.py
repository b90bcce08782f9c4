"""Playwright fixtures for every app's browser tests: Debian's Chromium against pytest-django's live_server.

Registered once in the root conftest.py (``pytest_plugins``): a second definition of the session-wide
``browser`` fixture would start Playwright twice in one thread, which its sync API refuses.

pytest-django serves static files in live_server through Django's StaticFilesHandler (the finders),
so the gov.br DS, fonts and icons load from node_modules exactly as with WhiteNoise in production.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings


# Playwright's sync API keeps an asyncio loop running in this thread; Django would otherwise
# refuse ORM calls made by the tests (and fixtures) while it runs.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_PATH = settings.NODE_MODULES / "axe-core" / "axe.min.js"
AXE_URL = settings.STATIC_URL + "axe-core/axe.min.js"
# WCAG 2.0/2.1 A and AA, and axe's best practices (unique landmarks, one main, one h1, heading order…).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's Chromium at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pt-BR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['failureSummary']}".replace("\n", " "))
    return "\n".join(lines)


@pytest.fixture
def assert_accessible():
    """assert_accessible(page): runs axe-core (WCAG 2.0/2.1 A and AA, best practices) and fails listing each violation."""

    def check(page):
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            # From the site's own static files: the Content-Security-Policy refuses inline scripts.
            page.add_script_tag(url=AXE_URL)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            WCAG_TAGS,
        )
        violations = result["violations"]
        assert not violations, f"axe violations on {page.url}:\n{format_violations(violations)}"

    return check

"""The Content-Security-Policy blocks nothing the pages need: no violation reported by Chromium."""

import pytest

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/plano/iv-pnetp/",
    "/plano/iv-pnetp/1.1.3/",
    "/busca/?q=capacitacao",
    "/alinhamento/",
    "/conta/entrar/",
    "/transparencia/",
]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
    e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
"""


def test_pages_load_without_csp_violations(site, page):
    page.set_default_timeout(60_000)  # a shared, loaded machine
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    for path in PAGES:
        response = page.goto(site + path)
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
        page.keyboard.press("Tab")  # the menu and header scripts run on interaction too
        assert page.evaluate("window.__cspViolations") == [], path
    assert not [text for text in console if "Content Security Policy" in text], console

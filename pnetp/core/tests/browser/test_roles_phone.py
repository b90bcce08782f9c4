"""Every role of the demo, on a 390 px phone: its menu pages and home page fit the screen and log no console error.

One test for all roles: the demo (every app's loader) is built once in the live server's database.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from pnetp.accounts.demo import ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "pt-BR", "is_mobile": True}
DOWNLOADS = (".csv", ".json", ".zip", ".pdf", ".xlsx", ".ods")
# Pages reached from inside others (not the menu) that the issue named or that list many figures.
EXTRA = {
    "anonymous": [
        "/sisetp/estatisticas/mapa/",
        "/sisetp/estatisticas/vulnerabilidade/",
        "/sisetp/estatisticas/fluxos/",
    ],
    "ponto.focal": ["/monitoramento/minhas-atividades/"],
    "coordenacao": ["/monitoramento/analise/", "/sisetp/fontes/nova/", "/sisetp/estatisticas/mapa/"],
}


def _problems(page, base: str, url: str) -> list[str]:
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(base + url)
    page.wait_for_load_state("load")
    width = page.evaluate("document.scrollingElement.scrollWidth")
    found = []
    if response.status != 200:
        found.append(f"{url}: HTTP {response.status}")
    if width > 390:
        found.append(f"{url}: {width} px de largura")
    found += [f"{url}: console: {error}" for error in errors]
    return found


def _visit_all(browser, base: str, username: str | None) -> list[str]:
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        if username:
            page.goto(base + "/conta/entrar/")
            page.fill("#id_username", username)
            page.fill("#id_password", DEMO_PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_url("**/conta/painel/")
        else:
            page.goto(base + "/")
        links = page.eval_on_selector_all(".menu-body a.menu-item", "links => links.map(a => a.getAttribute('href'))")
        urls = list(dict.fromkeys([page.url.removeprefix(base), *links, *EXTRA.get(username or "anonymous", [])]))
        problems = []
        for url in urls:
            if url.endswith(DOWNLOADS) or url.startswith("/admin/"):
                continue
            fresh = context.new_page()  # a page per URL: listeners and console never leak between URLs
            problems += _problems(fresh, base, url)
            fresh.close()
        return problems
    finally:
        context.close()


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
def test_every_role_fits_a_phone_without_console_errors(live_server, transactional_db, browser):
    call_command("demo", "--force", stdout=StringIO())
    problems = []
    for username in [None, *(account[0] for account in ACCOUNTS)]:
        problems += [f"{username or 'visitante'} {p}" for p in _visit_all(browser, live_server.url, username)]
    assert problems == []

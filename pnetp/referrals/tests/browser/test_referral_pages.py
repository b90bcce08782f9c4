"""axe-core on the public flow pages (desktop and 390 px) and on the professional's pages, keyboard sign-in,
no console errors. Data: the referral demo on a live server."""

from io import StringIO

import pytest

from pnetp.accounts.demo import DEMO_PASSWORD
from pnetp.referrals import demo
from pnetp.referrals.models import Atendimento, Referral

pytestmark = pytest.mark.browser

FLOWS = ["trafico-de-pessoas", "trabalho-escravo", "brasileiros-no-exterior"]


@pytest.fixture
def site(live_server, transactional_db, territory, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo.load(StringIO())
    return live_server.url


def visit(page, url, errors):
    response = page.goto(url)
    assert response.status == 200, url
    page.wait_for_load_state("load")
    assert page.locator("h1").count() == 1
    assert not errors, errors


def collect_errors(page) -> list:
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


@pytest.mark.parametrize("width", [1280, 390])
def test_public_flow_pages(site, browser, assert_accessible, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="pt-BR")
    try:
        page = context.new_page()
        errors = collect_errors(page)
        visit(page, f"{site}/atendimento/fluxos/", errors)
        assert_accessible(page)
        for slug in FLOWS:
            visit(page, f"{site}/atendimento/fluxos/{slug}/", errors)
            svg = page.locator("svg.pnetp-flow-svg")
            assert svg.get_attribute("role") == "img" and svg.locator("desc").count() == 1
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            assert_accessible(page)
        visit(page, f"{site}/atendimento/fluxos/trafico-de-pessoas/?uf=SP", errors)
        assert "CREAS Sé (demonstração)" in page.content()
        assert "CREAS Centro — Rio" not in page.content()
    finally:
        context.close()


def sign_in(page, site, username):
    page.goto(f"{site}/conta/entrar/?next=/atendimento/")
    page.locator("#id_username").focus()
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/atendimento/")


@pytest.mark.parametrize("width", [1280, 390])
def test_professional_pages(site, browser, assert_accessible, width):
    atendimento = Atendimento.objects.filter(opened_by__username="rede.netp").order_by("pk").first()
    referral = Referral.objects.filter(atendimento=atendimento).order_by("pk").first()
    flowed = Atendimento.objects.filter(opened_by__username="rede.netp", flow__isnull=False).order_by("pk").first()
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="pt-BR")
    try:
        page = context.new_page()
        errors = collect_errors(page)
        sign_in(page, site, "rede.netp")
        assert "Atendimento e encaminhamentos" in page.locator("#main-navigation").text_content()
        for path in ("/atendimento/", "/atendimento/novo/", f"/atendimento/{atendimento.pk}/",
                     f"/atendimento/{atendimento.pk}/consentimentos/", f"/atendimento/{atendimento.pk}/encaminhar/",
                     f"/atendimento/encaminhamentos/{referral.pk}/", f"/atendimento/{atendimento.pk}/acessos/",
                     f"/atendimento/{atendimento.pk}/oitivas/nova/", f"/atendimento/{atendimento.pk}/servicos/novo/",
                     f"/atendimento/{flowed.pk}/etapa/"):  # fmt: skip
            visit(page, site + path, errors)
            assert page.url == site + path  # not redirected away
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
            assert_accessible(page)
    finally:
        context.close()


def test_coordination_dashboard(site, page, assert_accessible):
    from pnetp.accounts.models import Role, User

    User.objects.create_user("coord.browser", password=DEMO_PASSWORD, role=Role.COORDINATION)
    errors = collect_errors(page)
    page.goto(f"{site}/conta/entrar/?next=/atendimento/coordenacao/")
    page.fill("#id_username", "coord.browser")
    page.fill("#id_password", DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/atendimento/coordenacao/")
    visit(page, f"{site}/atendimento/coordenacao/", errors)
    assert_accessible(page)


@pytest.mark.parametrize("width", [1280, 390])
def test_api_token_page(site, browser, assert_accessible, width):
    """The coordination's API-key page, before and after a key is issued: axe at zero, nothing off-screen."""
    from pnetp.accounts.models import Role, User

    User.objects.create_user(f"coord.chaves{width}", password=DEMO_PASSWORD, role=Role.COORDINATION)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="pt-BR")
    try:
        page = context.new_page()
        errors = collect_errors(page)
        path = "/atendimento/coordenacao/chaves-de-api/"
        page.goto(f"{site}/conta/entrar/?next={path}")
        page.fill("#id_username", f"coord.chaves{width}")
        page.fill("#id_password", DEMO_PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(site + path)
        visit(page, site + path, errors)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert_accessible(page)
        page.select_option("#id_unit", index=1)
        page.get_by_role("button", name="Gerar nova chave").click()
        page.wait_for_selector("#unit-key")
        assert len(page.locator("#unit-key").text_content().strip()) >= 20
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert_accessible(page)
        assert not errors, errors
    finally:
        context.close()

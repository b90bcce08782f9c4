"""Issue 12, done when: a person signs in with (a fake) gov.br in Chromium; at level bronze they cannot reveal
an identity, at level prata, with a grant, they can; both attempts are in the access log. The new account
and grant pages pass axe-core. The provider runs on 127.0.0.1 (pnetp.accounts.fake_govbr); people are fictitious."""

from datetime import date

import pytest

from pnetp.accounts.fake_govbr import FakeGovBr
from pnetp.accounts.models import Role
from pnetp.sisetp.models import IdentityAccessGrant, IdentityAccessLog

from .conftest import make_user
from pnetp.linkage.tests.test_linkage_review_web import pairs, person  # noqa: F401 - fixtures and helper

BRONZE_CPF, PRATA_CPF = "52998224725", "11144477735"  # valid check digits, fictitious


@pytest.fixture
def govbr(settings):
    with FakeGovBr() as provider:
        for name, value in provider.settings().items():
            setattr(settings, name, value)
        yield provider


def reviewer_with_grant(world, username, cpf):
    user = make_user(username, Role.COORDINATION, world.mdhc, cpf=cpf)
    IdentityAccessGrant.objects.create(
        user=user,
        source=world.disque100,
        purpose="Revisão de pessoas únicas",
        valid_until=date(2999, 1, 1),
        requested_by=world.users.coordination,
        granted_by=world.users.coordination2,
        status="approved",
    )
    return user


def sign_in_with_govbr(page, site):
    page.goto(f"{site}/conta/entrar/")
    with page.expect_navigation(url="**/conta/painel/"):
        page.get_by_role("link", name="Entrar com gov.br").click()


def reveal(page, site, pair):
    page.goto(f"{site}/sisetp/pessoas/revisao/{pair.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Mostrar identidades").click()
    return page.locator("main").inner_text()


@pytest.mark.browser
def test_bronze_cannot_reveal_prata_with_a_grant_can_and_both_are_logged(
    live_server,
    transactional_db,
    world,
    pairs,
    govbr,
    page,
    assert_accessible,  # noqa: F811
):
    site = live_server.url
    bronze = reviewer_with_grant(world, "bronze", BRONZE_CPF)
    prata = reviewer_with_grant(world, "prata", PRATA_CPF)

    page.goto(f"{site}/conta/entrar/")
    assert_accessible(page)  # with the gov.br button
    govbr.sign_in_as(BRONZE_CPF, "bronze")
    sign_in_with_govbr(page, site)
    assert "gov.br nível bronze" in page.locator("main").inner_text()
    text = reveal(page, site, pairs[0])
    assert "Joana Fictícia da Silva" not in text and "prata ou" in text
    assert_accessible(page)
    refused = IdentityAccessLog.objects.filter(user=bronze, action="read")
    assert refused.exists() and not refused.filter(granted=True).exists()
    assert "prata ou ouro" in refused.first().reason

    with page.expect_navigation():
        page.locator("header").get_by_role("button", name="Sair").click()
    govbr.sign_in_as(PRATA_CPF, "silver")
    sign_in_with_govbr(page, site)
    assert "gov.br nível prata" in page.locator("main").inner_text()
    text = reveal(page, site, pairs[0])
    assert "Joana Fictícia da Silva" in text
    assert IdentityAccessLog.objects.filter(user=prata, action="read", granted=True).count() == 2


@pytest.mark.browser
def test_new_account_and_grant_pages_are_accessible(live_server, transactional_db, world, page, assert_accessible):
    from django.conf import settings
    from django.test import Client

    from pnetp.accounts.testing import login_verified

    client = login_verified(Client(), world.users.coordination)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    for path in [
        "/conta/painel/",
        "/conta/segundo-fator/",
        "/conta/perfil/",
        "/conta/senha/",
        "/conta/usuarios/",
        "/conta/usuarios/convidar/",
        f"/conta/usuarios/{world.users.worker.pk}/",
        "/sisetp/autorizacoes/",
        "/sisetp/autorizacoes/pedir/",
        f"/sisetp/autorizacoes/{world.grant.pk}/",
        "/sisetp/acessos/",
    ]:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 800})
    for path in ["/sisetp/acessos/", "/conta/usuarios/"]:
        page.goto(live_server.url + path)
        assert_accessible(page)
    page.context.clear_cookies()
    for path in ["/conta/senha/esqueci/", "/conta/segundo-fator/verificar/"]:
        page.goto(live_server.url + path)
        assert_accessible(page)

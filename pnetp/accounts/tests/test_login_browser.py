"""Signing in by keyboard, and the lockout page after repeated failures, in Chromium with axe-core."""

import pytest
from django.conf import settings

from pnetp.accounts.models import Role

from .factories import PASSWORD, make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def site(live_server, transactional_db) -> str:
    make_user(Role.ANALYST, "ana")
    return live_server.url


def submit_by_keyboard(page, username: str, password: str):
    page.locator("#id_username").focus()
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_sign_in_by_keyboard_reaches_the_dashboard(site, page, assert_accessible):
    page.goto(site + "/conta/entrar/")
    assert_accessible(page)
    submit_by_keyboard(page, "ana", PASSWORD)
    assert page.url.endswith("/conta/painel/")


def test_lockout_page_is_portuguese_and_accessible(site, page, assert_accessible):
    for _ in range(settings.AXES_FAILURE_LIMIT_PER_USER):
        page.goto(site + "/conta/entrar/")
        submit_by_keyboard(page, "ana", "senha-errada")
    page.goto(site + "/conta/entrar/")
    submit_by_keyboard(page, "ana", PASSWORD)  # right password, still locked
    assert page.locator("h1").inner_text() == "Acesso bloqueado temporariamente"
    assert "15 minutos" in page.locator("main").inner_text()
    assert not page.url.endswith("/conta/painel/")
    assert_accessible(page)

"""The review queue and a pair page in Chromium: accessible (axe, WCAG 2.1 AA) and usable by keyboard only."""

import pytest
from django.conf import settings
from django.test import Client

from pnetp.linkage.models import ReviewPair

from .test_linkage_review_web import pairs, person  # noqa: F401 - fixtures and helper


@pytest.mark.browser
def test_review_pages_are_accessible_and_work_by_keyboard(
    live_server, transactional_db, world, pairs, page, assert_accessible
):  # noqa: F811
    client = Client()
    client.force_login(world.users.analyst)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto(f"{live_server.url}/sisetp/pessoas/revisao/")
    assert page.locator("h1").inner_text() == "Revisão de pessoas únicas"
    assert_accessible(page)

    first = pairs[0]
    page.goto(f"{live_server.url}/sisetp/pessoas/revisao/{first.pk}/")
    assert page.locator("main table").count() == 2
    assert_accessible(page)
    # Keyboard only: from the note field, Tab reaches "Mesma pessoa"; Enter submits the decision.
    page.get_by_label("Observação (opcional)").focus()
    page.keyboard.type("mesmo CPF")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Mesma pessoa"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/sisetp/pessoas/revisao/{pairs[1].pk}/")
    first.refresh_from_db()
    assert first.status == ReviewPair.Status.SAME and first.note == "mesmo CPF"
    assert page.get_by_text("decisão “Mesma pessoa” registrada").is_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/sisetp/pessoas/ligacoes/")
    assert page.locator("main table").count() == 1
    assert_accessible(page)

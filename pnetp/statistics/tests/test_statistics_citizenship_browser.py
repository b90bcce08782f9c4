"""The citizenship page in Chromium: accessible (axe, WCAG 2.1 AA), suppressed cells shown as X, reached from
the statistics page; a screenshot is kept for review when PNETP_SCREENSHOTS names a folder."""

import os
from pathlib import Path

import pytest

from .test_statistics import make_source
from .test_statistics_flows import FlowBuilder


@pytest.mark.browser
def test_citizenship_page_is_accessible(live_server, transactional_db, places, page, assert_accessible, settings):
    settings.PNETP_DISCLOSURE_K = 11
    fb = FlowBuilder(make_source("fonte-nacionalidades-nav"))
    for _ in range(14):
        fb.flow(nationality=[places.brazil], exploited=places.df, recruited=places.df)
    for _ in range(12):
        fb.flow(nationality=[places.venezuela], exploited=places.rr, recruited=places.venezuela)
    for _ in range(3):
        fb.flow(nationality=[places.brazil, places.venezuela], exploited=places.rr)
    fb.flow(nationality=[], exploited=places.df)
    page.goto(f"{live_server.url}/sisetp/estatisticas/")
    page.get_by_role("link", name="Vítimas por nacionalidade").click()
    page.wait_for_url("**/estatisticas/nacionalidades/")
    assert page.locator("main h1").inner_text() == "Vítimas por nacionalidade"
    assert page.locator("main table caption").count() == 1
    assert page.get_by_text("X: valor suprimido").first.is_visible()
    assert page.locator("main td[data-count]", has_text="X").count() >= 1
    if folder := os.environ.get("PNETP_SCREENSHOTS"):
        page.screenshot(path=str(Path(folder) / "nacionalidades.png"), full_page=True)
    assert_accessible(page)

"""The statistics page in Chromium: accessible (axe, WCAG 2.1 AA) with suppressed cells shown."""

import pytest

from .test_statistics import Builder, make_source


@pytest.mark.browser
def test_statistics_page_is_accessible(live_server, transactional_db, places, page, assert_accessible, settings):
    settings.PNETP_DISCLOSURE_K = 11
    builder = Builder(make_source())
    for _ in range(12):
        builder.victim(uf=places.df)
    for _ in range(2):
        builder.victim(uf=places.rr, sex="masculino", age=12)
    page.goto(f"{live_server.url}/sisetp/estatisticas/")
    assert page.locator("main table").count() == 4  # the DS script keeps tables wrapped in br-table/responsive
    assert page.get_by_text("X: valor suprimido").first.is_visible()
    assert_accessible(page)

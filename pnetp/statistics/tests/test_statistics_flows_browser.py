"""The flows page in Chromium: accessible (axe, WCAG 2.1 AA), tables with captions, chart with text labels."""

import pytest

from .test_statistics import make_source
from .test_statistics_flows import FlowBuilder


@pytest.mark.browser
def test_flows_page_is_accessible(live_server, transactional_db, places, page, assert_accessible, settings):
    settings.PNETP_DISCLOSURE_K = 11
    fb = FlowBuilder(make_source("fonte-fluxos-nav"))
    for _ in range(12):
        fb.flow(nationality=[places.brazil], exploited=places.df, recruited=places.df)
        fb.flow(
            nationality=[places.venezuela],
            exploited=places.rr,
            recruited=places.venezuela,
        )
    for _ in range(2):
        fb.flow(nationality=[places.brazil], exploited=places.venezuela)
    page.goto(f"{live_server.url}/sisetp/estatisticas/fluxos/?ano=2024")
    # The two persons exploited in Venezuela (below k) take, with their secondary suppressions, the year's
    # number exploited in Brazil — table (b)'s total: (b) is then not published (protected with the recruitment
    # table over all years, it would tie the years' blocks together) and the notes say why.
    assert page.locator("main table caption").count() == 2
    assert page.get_by_text("não é publicada neste ano").is_visible()
    assert page.locator("main figure svg").count() == 1
    assert page.get_by_text("X: valor suprimido").first.is_visible()
    assert_accessible(page)

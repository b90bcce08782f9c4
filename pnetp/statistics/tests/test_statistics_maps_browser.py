"""The map page in Chromium: accessible (axe, WCAG 2.1 AA), with the state outlines loaded."""

import pytest

from pnetp.territory.loader import LoadReport, _load_state_outlines

from .test_statistics import Builder, make_source


@pytest.mark.browser
def test_map_page_is_accessible(live_server, transactional_db, territory, page, assert_accessible, settings):
    from pnetp.territory.models import FederativeUnit

    settings.PNETP_DISCLOSURE_K = 11
    _load_state_outlines(settings.NODE_MODULES, False, LoadReport())  # the territory fixture skips outlines
    builder = Builder(make_source())
    df, rr = FederativeUnit.objects.get(abbreviation="DF"), FederativeUnit.objects.get(abbreviation="RR")
    for _ in range(12):
        builder.victim(uf=df)
    for _ in range(2):
        builder.victim(uf=rr)
    page.goto(f"{live_server.url}/sisetp/estatisticas/mapa/")
    assert page.locator("svg[role=img] path.uf").count() == 27
    assert page.locator("svg[role=img] text").filter(has_text="X").count() >= 1
    assert page.get_by_text("X: valor suprimido").first.is_visible()
    assert_accessible(page)

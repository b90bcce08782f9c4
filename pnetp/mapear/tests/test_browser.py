"""axe-core (WCAG 2.1 A/AA) on the Mapear pages, with the state outlines and the fictitious sample loaded."""

import pytest
from django.conf import settings

from pnetp.core.tests.browser.test_accessibility import open_page
from pnetp.mapear.demo import SAMPLE_CSV
from pnetp.mapear.importer import import_mapear_csv
from pnetp.mapear.models import HighwayPoint
from pnetp.territory.loader import LoadReport, _load_state_outlines

pytestmark = pytest.mark.browser


@pytest.fixture
def site(live_server, transactional_db, territory) -> str:
    _load_state_outlines(settings.NODE_MODULES, False, LoadReport())  # the territory fixture skips outlines
    assert import_mapear_csv(SAMPLE_CSV, year=2023).ok
    return live_server.url


def test_mapear_pages_have_no_axe_violations(site, page, assert_accessible):
    point = HighwayPoint.objects.filter(risk_grade="critico").first()
    for url in (
        "/mapear/",
        "/mapear/pontos/",
        "/mapear/pontos/?grades=critico&attributes=consumo_alcool",
        point.get_absolute_url(),
    ):
        open_page(page, site + url)
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    open_page(page, site + "/mapear/")
    assert page.locator("svg.mapear-map path.uf").count() == 27
    assert page.locator("svg.mapear-map use").count() == HighwayPoint.objects.count()
    assert page.get_by_role("img", name="Mapa do Brasil com os pontos do Projeto Mapear 2023").count() == 1

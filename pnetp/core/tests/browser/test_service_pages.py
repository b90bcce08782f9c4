"""axe-core and the phone width on the pages of the finished service: Meu painel, notifications, data sources
and their column mappings, the 403 page; desktop and 390 px."""

import pytest
from django.conf import settings as django_settings
from django.test import Client

from pnetp.accounts.models import Role
from pnetp.accounts.tests.factories import make_institution, make_user
from pnetp.notifications.models import Kind
from pnetp.notifications.services.notify import notify
from pnetp.sisetp.models import DataSource, SourceMapping

pytestmark = pytest.mark.browser

PAGES = {
    Role.COORDINATION: ["/conta/painel/", "/notificacoes/", "/notificacoes/preferencias/", "/sisetp/fontes/",
                        "/sisetp/fontes/nova/"],
    Role.FOCAL_POINT: ["/conta/painel/", "/sisetp/fontes/"],  # the second is a 403 page
}  # fmt: skip


def _signed_in(browser, live_server, user, width: int):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="pt-BR", is_mobile=width < 600)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
    return context


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("role", list(PAGES))
def test_service_pages_are_accessible_and_fit(live_server, transactional_db, browser, assert_accessible, role, width):
    institution = make_institution()
    source = DataSource.objects.create(institution=institution, slug="fonte", name="Fonte MJSP", coverage="nacional")
    SourceMapping.objects.create(source=source, columns={"num_caso": "id_registro", "sexo_da_vitima": "sexo"})
    mappings = f"/sisetp/fontes/{source.pk}/colunas/"
    urls = PAGES[role] + ([f"{mappings}?header=num_caso%3Bsexo_da_vitima%3Bcoluna_extra_com_nome_bem_comprido",
                           f"{mappings}editar/?coluna=num_caso", f"{mappings}remover/?coluna=num_caso"]
                          if role == Role.COORDINATION else [])  # fmt: skip
    user = make_user(role, institution=institution if role == Role.FOCAL_POINT else None)
    notify(user, kind=Kind.REPORT_RETURNED, title="Relatório devolvido: 1.1.3 – Campanhas", url="/")
    context = _signed_in(browser, live_server, user, width)
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        for url in urls:
            response = page.goto(live_server.url + url)
            assert response.status == (403 if role == Role.FOCAL_POINT and "fontes" in url else 200), url
            assert page.evaluate("document.scrollingElement.scrollWidth") <= width, url
            assert page.locator("h1").count() == 1
            assert_accessible(page)
        assert errors == []
    finally:
        context.close()

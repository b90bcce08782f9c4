"""The base layout every page shares: skip links, header, menu, breadcrumbs, messages, errors."""

import re

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings


@pytest.fixture
def page(client, db):
    return client.get("/acessibilidade/").content.decode()


def test_skip_links_have_emag_accesskeys_and_existing_targets(page):
    links = re.findall(r'<a class="br-item" href="#([\w-]+)" accesskey="(\d)"', page)
    assert links == [("main-content", "1"), ("navigation", "2"), ("searchbox", "3"), ("footer", "4")]
    for target, _ in links:
        assert page.count(f'id="{target}"') == 1, target
    # The skip link to the content is the first link of the page.
    first_link = re.search(r"<a [^>]*>", page[page.index("<body") :]).group()
    assert 'href="#main-content"' in first_link


def test_saved_contrast_is_applied_before_any_stylesheet(page):
    # A blocking script ahead of the CSS avoids a flash of the default colours.
    assert page.index("core/js/contrast-init.js") < page.index('rel="stylesheet"')
    assert "defer" not in re.search(r"<script[^>]*contrast-init[^>]*>", page).group()


def test_layout_has_language_assets_and_landmarks(page):
    assert '<html lang="pt-BR">' in page
    for asset in (
        "govbr-ds/core.min.css",
        "govbr-ds/core-init.min.js",
        "fontawesome/css/all.min.css",
        "raleway/400.css",
    ):
        assert f"/static/{asset}" in page
    assert '<main id="main-content"' in page
    assert '<footer class="br-footer' in page
    assert 'class="br-breadcrumb"' in page


def test_header_has_site_name_search_and_contrast_toggle(page):
    assert "PNETP" in page
    assert "Plano Nacional de Enfrentamento ao Tráfico de Pessoas" in page
    assert re.search(
        r'<form class="br-input has-icon" action="/busca/" method="get" role="search" aria-label="Busca rápida">', page
    )  # named: the home and search pages have a search landmark of their own
    assert re.search(r'<button[^>]*data-contrast-toggle aria-pressed="false" aria-label="Alto contraste">', page)
    assert "Alto contraste" in page


def test_menu_links_and_current_item(page):
    for url in ("/", "/plano/", "/instituicoes/", "/acessibilidade/", "/busca/"):
        assert f'href="{url}"' in page
    assert 'class="menu-item active" href="/acessibilidade/" aria-current="page"' in page


def test_accessibility_page_content(page):
    for text in ("Teclas de atalho", "Alto contraste", "Navegação pelo teclado", "e-MAG", "WCAG", "Contato", "mailto:"):
        assert text in page
    assert '<span aria-current="page">Acessibilidade</span>' in page


@pytest.mark.parametrize(
    "level, css", [("success", "success"), ("error", "danger"), ("warning", "warning"), ("info", "info")]
)
def test_messages_render_as_br_message(level, css):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    getattr(messages, level)(request, "Plano <importado>")
    html = render_to_string("core/base.html", request=request)
    assert f'<div class="br-message {css}">' in html
    assert "Plano &lt;importado&gt;" in html


def test_404_uses_the_layout(client, db):
    response = client.get("/nao-existe/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Página não encontrada" in body and 'class="br-header' in body and 'href="#main-content"' in body


def test_500_template_renders_without_request_context():
    html = render_to_string("500.html")
    assert "Erro no servidor" in html and 'class="br-footer' in html


@override_settings(ROOT_URLCONF="pnetp.core.tests.error_urls")
def test_500_handler_uses_the_template(client, db):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Erro no servidor" in response.content.decode()

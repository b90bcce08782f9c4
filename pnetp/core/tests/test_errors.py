"""Error pages 403/404/429/500 and the CSRF refusal in the gov.br layout, in Portuguese, with a way back; 403 logs no traceback."""

import logging
import sys

import pytest
from django.template.loader import render_to_string
from django.test import Client

from pnetp.accounts.models import Role, User
from pnetp.core.errors import DropPermissionDeniedTraceback

pytestmark = pytest.mark.urls("pnetp.core.tests.error_urls")

LAYOUT = ('class="br-header', 'class="br-footer', 'href="#main-content"')


def _in_layout(body: str) -> bool:
    return all(marker in body for marker in LAYOUT)


def test_403_is_a_gov_br_page_with_a_way_back(client, db):
    response = client.get("/recusa/")
    body = response.content.decode()
    assert response.status_code == 403
    assert _in_layout(body)
    assert "Acesso não permitido" in body and "403 Forbidden" not in body
    assert 'href="/conta/entrar/?next=/recusa/"' in body


def test_403_shows_the_reason_and_the_dashboard_link_to_a_signed_in_user(client, db):
    user = User.objects.create_user("pf", password="x", role=Role.FOCAL_POINT)
    client.force_login(user)
    response = client.get("/recusa-com-motivo/")
    body = response.content.decode()
    assert response.status_code == 403
    assert "Somente a coordenação nacional pode fazer isto." in body
    assert 'href="/conta/painel/"' in body


def test_a_real_refusal_renders_the_styled_page(client, db):
    # /sisetp/importar/ refuses a focal point (PermissionDenied in the view): no bare English page.
    user = User.objects.create_user("pf2", password="x", role=Role.FOCAL_POINT)
    client.force_login(user)
    response = client.get("/sisetp/importar/")
    assert response.status_code == 403
    assert _in_layout(response.content.decode())


def test_404_uses_the_layout_with_links_back(client, db):
    response = client.get("/nao-existe/")
    body = response.content.decode()
    assert response.status_code == 404
    assert _in_layout(body) and "Página não encontrada" in body and 'href="/"' in body


def test_429_template_is_in_the_layout(rf):
    request = rf.get("/")
    html = render_to_string("429.html", request=request)
    assert _in_layout(html) and "Muitas solicitações" in html


def test_500_handler_renders_the_layout_without_context_processors(client, db):
    client.raise_request_exception = False
    response = client.get("/boom/")
    body = response.content.decode()
    assert response.status_code == 500
    assert _in_layout(body) and "Erro no servidor" in body and 'href="/"' in body


def test_403_is_logged_without_a_traceback(client, db, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/recusa/")
    records = [r for r in caplog.records if r.name == "django.request"]
    assert records and all(r.exc_info is None for r in records)
    assert "Forbidden" in records[0].getMessage()


def test_the_filter_keeps_other_tracebacks():
    try:
        raise RuntimeError("x")
    except RuntimeError:
        exc_info = sys.exc_info()
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "erro", (), exc_info)
    assert DropPermissionDeniedTraceback().filter(record) and record.exc_info is exc_info


def test_csrf_failure_is_a_gov_br_page_in_portuguese(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/conta/entrar/", {"username": "alguem", "password": "x"})
    body = response.content.decode()
    assert response.status_code == 403
    assert _in_layout(body)
    assert "Não foi possível confirmar o envio do formulário" in body
    assert 'href="/conta/entrar/"' in body and 'href="/"' in body  # back to the form, or home
    assert "CSRF" not in body and "Forbidden" not in body  # no Django English page, no technical reason


def test_csrf_failure_offers_the_dashboard_when_signed_in(db):
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.create_user("pf3", password="x", role=Role.FOCAL_POINT))
    response = client.post("/conta/sair/")
    assert response.status_code == 403
    assert 'href="/conta/painel/"' in response.content.decode()

"""The page cache's front (pnetp.core.page_front): a stored public page answered before Django, exactly as Django
sends it — anonymous visitors only, invalidated by every change of the data."""

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory, override_settings

from pnetp.accounts.models import Role
from pnetp.accounts.tests.factories import make_user
from pnetp.core import page_cache, page_front
from pnetp.core.tests.builders import build_plan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]
PER_REQUEST = {"x-request-id", "date"}  # made per request (gunicorn adds Date to every answer)
PRODUCTION_HEADERS = {  # as with DEBUG off behind the TLS proxy (settings.HTTPS)
    "SECURE_SSL_REDIRECT": True,
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
}


@pytest.fixture
def page_cache_on():
    cache.clear()
    with override_settings(PNETP_PAGE_CACHE_SECONDS=60, **PRODUCTION_HEADERS):
        yield
    cache.clear()


@pytest.fixture(autouse=True)
def connection_kept():
    """As Django's test client does: a WSGI request here would close the test transaction's connection
    (``close_old_connections`` closes one inside an atomic block; PostgreSQL then fails, SQLite ignores it)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


class Django:
    """Django's WSGI handler, counting the requests that reached it."""

    def __init__(self):
        self.handler = WSGIHandler()  # the middlewares read the (overridden) settings now
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


def call(application, path="/plano/iv-pnetp/", secure=True, **headers):
    """(status, headers as a list of (lower-case name, value), body) of one WSGI request."""
    environ = RequestFactory().get(path, secure=secure, HTTP_HOST="testserver", **headers).environ
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"], answer["headers"] = status, [(name.lower(), value) for name, value in response_headers]

    body = b"".join(application(environ, start_response))
    return answer["status"], answer["headers"], body


def comparable(headers):
    return sorted((name, value) for name, value in headers if name not in PER_REQUEST)


@pytest.mark.parametrize("url", ["/", "/plano/iv-pnetp/", "/plano/iv-pnetp/1.1.3/", "/transparencia/"])
def test_the_front_answers_with_every_header_django_sends_for_a_cached_page(url):
    build_plan()
    django = Django()
    front = page_front.PageFront(django)
    rendered = call(front, url)  # rendered by Django, stored by the page cache and for the front
    status, headers, body = call(front, url)
    assert django.calls == 1  # the second answer came from the front

    django_status, django_headers, django_body = call(django.handler, url)  # Django's own cache hit
    assert ("x-page-cache", "hit") in django_headers
    assert (status, comparable(headers), body) == (django_status, comparable(django_headers), django_body)
    without_hit = [header for header in comparable(headers) if header != ("x-page-cache", "hit")]
    assert (status, without_hit, body) == (rendered[0], comparable(rendered[1]), rendered[2])  # as when rendered
    names = {name for name, _value in headers}
    assert {
        "content-security-policy",
        "strict-transport-security",
        "permissions-policy",
        "x-frame-options",
        "x-content-type-options",
        "referrer-policy",
        "cross-origin-opener-policy",
        "content-type",
        "x-request-id",
    } <= names
    assert not any(name == "set-cookie" for name in names)


def test_the_request_id_is_made_per_request_or_taken_from_the_proxy():
    build_plan()
    front = page_front.PageFront(Django())
    call(front)
    ids = [dict(call(front)[1])["x-request-id"] for _ in range(2)]
    assert ids[0] != ids[1] and all(len(value) == 32 for value in ids)
    assert dict(call(front, HTTP_X_REQUEST_ID="proxy-id-1234")[1])["x-request-id"] == "proxy-id-1234"
    assert dict(call(front, HTTP_X_REQUEST_ID="bad id\r\nX: y")[1])["x-request-id"] != "bad id\r\nX: y"


def test_the_api_is_stored_per_accept_header():
    build_plan()
    django = Django()
    front = page_front.PageFront(django)
    for _ in range(2):
        json_answer = call(front, "/api/v1/plans/", HTTP_ACCEPT="application/json")
    assert django.calls == 1 and ("x-page-cache", "hit") in json_answer[1]
    assert dict(json_answer[1])["content-type"].startswith("application/json")
    for calls in (2, 3):  # the browsable API: never the JSON, and never shared (it carries a CSRF token)
        html_answer = call(front, "/api/v1/plans/", HTTP_ACCEPT="text/html")
        assert django.calls == calls and dict(html_answer[1])["content-type"].startswith("text/html")
        assert ("x-page-cache", "hit") not in html_answer[1] and "set-cookie" in dict(html_answer[1])


@pytest.mark.django_db(transaction=True)  # each change commits, as in a request or a job
def test_a_change_of_the_data_invalidates_the_front_too():
    plan = build_plan()
    django = Django()
    front = page_front.PageFront(django)
    call(front)
    call(front)
    assert django.calls == 1
    plan.title = "Plano renomeado para o teste da frente do cache"
    plan.save()
    _status, headers, body = call(front)
    assert django.calls == 2 and ("x-page-cache", "hit") not in headers
    assert "Plano renomeado para o teste da frente do cache" in body.decode()
    assert call(front)[2] == body and django.calls == 2  # stored again under the new version


def test_plain_http_is_not_answered_with_the_https_page():
    """The scheme is part of the key: over plain HTTP Django redirects (and never sends HSTS)."""
    build_plan()
    front = page_front.PageFront(Django())
    call(front)
    call(front)
    status, headers, _body = call(front, secure=False)
    assert status.startswith("301") and ("strict-transport-security" not in dict(headers))


def test_signed_in_users_and_credentials_always_go_through_django():
    build_plan()
    ana = make_user(Role.COORDINATION, username="ana.coordenacao")
    signed_in = Client()
    signed_in.force_login(ana)
    session = signed_in.cookies["sessionid"].value
    django = Django()
    front = page_front.PageFront(django)
    call(front)
    call(front)
    assert django.calls == 1

    _status, headers, body = call(front, HTTP_COOKIE=f"sessionid={session}")
    assert django.calls == 2 and ("x-page-cache", "hit") not in headers
    assert "ana.coordenacao" in body.decode()  # the personal page, neither served nor stored by the front
    for credentials in ({"HTTP_COOKIE": "messages=x"}, {"HTTP_AUTHORIZATION": "Token abc"}):
        call(front, **credentials)
    assert django.calls == 4
    _status, headers, body = call(front, HTTP_COOKIE="csrftoken=abc")  # an anonymous visitor's cookie
    assert django.calls == 4 and ("x-page-cache", "hit") in headers and "ana.coordenacao" not in body.decode()


def test_personal_pages_and_refused_hosts_are_never_stored():
    django = Django()
    front = page_front.PageFront(django)
    for _ in range(2):
        call(front, "/conta/entrar/")  # not public (and sets the CSRF cookie)
        call(front, "/conta/")
    assert django.calls == 4
    assert not [key for key in cache._cache if ":pnetp:front:" in key]  # locmem's own dict of keys

    environ = RequestFactory().get("/", HTTP_HOST="evil.example", secure=True).environ
    assert page_front.front_key(environ) is None  # Django answers 400 for a host outside ALLOWED_HOSTS


def test_a_page_that_hands_out_a_csrf_token_is_not_shared():
    """The CSRF cookie is set by a middleware outside the page cache's: the token's use marks the page private."""

    def view(request):
        get_token(request)
        return HttpResponse("formulário")

    request = RequestFactory().get("/plano/iv-pnetp/")
    request.COOKIES = {}
    response = page_cache.PublicPageCacheMiddleware(view)(request)
    assert not hasattr(response, "page_cache_version")
    assert page_cache.cached_page(page_cache.page_key(request))[1] is None


def test_the_front_can_be_turned_off():
    build_plan()
    django = Django()
    front = page_front.PageFront(django)
    with override_settings(PNETP_PAGE_FRONT=False):
        for _ in range(3):
            call(front)
    assert django.calls == 3

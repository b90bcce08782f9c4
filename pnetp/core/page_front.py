"""The public page cache's front: a page in the cache answered before Django's request handling.

A public page served from the cache (``pnetp.core.page_cache``) costs ~1.5 ms of CPU in the web server, nearly all
of it Django around one cache read: the request object, seventeen middlewares, the response object unpickled.
``PageFront`` wraps the WSGI application and answers the same requests — anonymous GETs of public pages — with the
response Django sent for the page, every header included (the CSP, HSTS, Permissions-Policy and other security
headers are set by the outer middlewares, so what is stored is what left Django, not what the inner cache saw):

- ``FrontStoreMiddleware``, the first middleware, stores a response only when the page cache middleware marked it
  shareable under a data version (a page it stored or served: anonymous, 200, no cookie, not private) and no
  outer middleware added a cookie or replaced it: status, headers (all but the request id, made per request as
  ``RequestIdMiddleware`` does) and body, stored with that version;
- the key is made of every request input such a response can depend on: the path and query string, ``Accept``,
  the host, and the scheme as Django sees it (``wsgi.url_scheme`` and the proxy's ``X-Forwarded-Proto``: HSTS is
  sent only over HTTPS, plain HTTP is redirected). The front computes it from the raw request and hands it to
  Django (``environ[KEY]``), so both sides always agree;
- an entry is served only while its version is the current data version (both read in one cache round trip):
  any change of data invalidates it exactly as it invalidates the page cache;
- everything else goes to Django as before: not GET, not a public path, a session or messages cookie, an
  ``Authorization`` header, a host outside ``ALLOWED_HOSTS``, the page cache off, a miss, the cache failing.
"""

from __future__ import annotations

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http.cookie import parse_cookie
from django.http.request import split_domain_port, validate_host

from .middleware import VALID_REQUEST_ID
from .page_cache import MAX_PATH, PUBLIC_PATHS, VERSION_KEY

KEY = "pnetp.page_front.key"  # the environ entry: this request's front key, set by the front when it may be served
SKIPPED_HEADERS = {"x-request-id", "x-page-cache"}
logger = logging.getLogger(__name__)


def front_key(environ) -> str | None:
    """The front key of an anonymous GET of a public page on an allowed host; None for anything else."""
    if (
        environ.get("REQUEST_METHOD") != "GET"
        or settings.PNETP_PAGE_CACHE_SECONDS <= 0
        or not settings.PNETP_PAGE_FRONT
    ):
        return None
    path = environ.get("PATH_INFO", "")
    query = environ.get("QUERY_STRING", "")
    if PUBLIC_PATHS.match(path) is None or len(path) + len(query) >= MAX_PATH or "HTTP_AUTHORIZATION" in environ:
        return None
    if settings.DISALLOWED_USER_AGENTS:
        return None  # CommonMiddleware answers by User-Agent: let Django decide
    if "HTTP_COOKIE" in environ:
        cookies = parse_cookie(environ["HTTP_COOKIE"])
        if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
            return None
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
        host = environ["HTTP_X_FORWARDED_HOST"]
    else:
        host = environ.get("HTTP_HOST", "")
    allowed = settings.ALLOWED_HOSTS or ([".localhost", "127.0.0.1", "[::1]"] if settings.DEBUG else [])
    domain, _port = split_domain_port(host)
    if not domain or not validate_host(domain, allowed):
        return None  # no Host header, or one Django refuses (400)
    proxy_header = settings.SECURE_PROXY_SSL_HEADER[0] if settings.SECURE_PROXY_SSL_HEADER else ""
    parts = (
        environ.get("wsgi.url_scheme", ""),
        environ.get(proxy_header, ""),
        host,
        path,
        query,
        environ.get("HTTP_ACCEPT", "")[:200],
    )
    return "pnetp:front:" + hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


class PageFront:
    """WSGI application: a stored public page answered at once, anything else handed to Django."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        key = front_key(environ)
        if key is None:
            return self.application(environ, start_response)
        try:
            found = cache.get_many([VERSION_KEY, key])
        except Exception:  # noqa: BLE001 - the cache is down: Django answers (and reports it) as without the front
            logger.warning("page_front: cache indisponível; a página segue para o Django")
            found = {}
        entry = found.get(key)
        if not (isinstance(entry, tuple) and len(entry) == 4 and entry[0] == found.get(VERSION_KEY)):
            environ[KEY] = key
            return self.application(environ, start_response)
        _version, status, headers, body = entry
        given = environ.get("HTTP_X_REQUEST_ID", "")
        request_id = given if VALID_REQUEST_ID.match(given) else uuid.uuid4().hex
        start_response(status, [*headers, ("X-Page-Cache", "hit"), ("X-Request-ID", request_id)])
        return [body]


class FrontStoreMiddleware:
    """First middleware: stores for the front a response the page cache marked shareable, as Django sends it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = request.META.get(KEY)
        version = getattr(response, "page_cache_version", None)
        if key and version and response.status_code == 200 and not response.streaming and not response.cookies:
            headers = [(name, value) for name, value in response.items() if name.lower() not in SKIPPED_HEADERS]
            entry = (version, f"{response.status_code} {response.reason_phrase}", headers, response.content)
            cache.set(key, entry, settings.PNETP_PAGE_CACHE_SECONDS)
        return response

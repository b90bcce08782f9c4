"""Public pages cached for anonymous visitors, keyed by a data version that every change bumps.

What is public changes only with data (plan pages, the transparency portal and open data, the stored SISETP
statistics release, API reads), so a page is rendered once per data version and served from the cache
(Redis in production, a file cache on the embedded default) to every anonymous visitor until the data changes.

- Only anonymous GET requests: no session cookie, no messages cookie, no ``Authorization`` header. A signed-in
  user always carries the session cookie, so never gets (nor fills) a shared page.
- Only responses that are safe to share: 200, not streamed, setting no cookie (a page with a CSRF token sets
  one), not marked private/no-store.
- The version is bumped when the transaction commits (once per transaction: a request that read the old data
  before the commit cannot keep its page), on every save/delete of a model outside the noisy ones below, and
  when a statistics release is stored (``disclosure.ReleaseVersion``). It is bumped right away too when the
  change happens while this thread holds a page key (``_thread.read``: a cacheable request in progress,
  whose page could show its own uncommitted rows); a job worker or a command holds none, so a long import
  bumps it once, at its commit, not at its start nor per chunk. Bulk imports of SISETP records do not bump
  it: the public numbers change only with a stored release; the end of an import (``ImportBatch``) bumps it
  so the statistics pages notice the data changed and ask for a recompute.
- A page is stored with the version it was rendered under, and served only while that version is current;
  a page served from the cache is one cache round trip (the version and the page together): no database
  query, no session.
"""

from __future__ import annotations

import hashlib
import re
import threading
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import patch_vary_headers

VERSION_KEY = "pnetp:data-version"
# Public pages: the home page exactly, and these prefixes.
PUBLIC_PATHS = re.compile(
    r"^/(?:$|plano/|busca/|alinhamento/|transparencia/|territorio/|mapear/|sisetp/estatisticas/|api/v1/)"
)
# Changes that never show on a public page, or come in bulk without changing one (records are counted
# only through a stored release).
# (the job queue's rows too: django-tasks' database backend, whichever label the installed version uses).
IGNORED_APPS = {
    "sessions", "axes", "admin", "authtoken", "contenttypes", "django_tasks_database", "otp_totp", "otp_static",
    "notifications",
}  # fmt: skip
IGNORED_MODELS = {
    "disclosure.releaselock",
    "sisetp.case",
    "sisetp.caseperson",
    "sisetp.event",
    "sisetp.personidentity",
    "sisetp.identityaccesslog",
    "sisetp.identityaccessgrant",
    "sisetp.importjob",
    "linkage.linkagerun",
    "linkage.reviewpair",
}
MAX_PATH = 1000
_thread = threading.local()  # read: this thread holds a page key made from the current version


def data_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY) or "none"
    _thread.read = True
    return version


def bump_data_version() -> None:
    """Every page cached so far becomes stale: never served again (replaced or expired)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    _thread.read = False


def _bump_on_commit(**_ignored) -> None:
    if connection.in_atomic_block:
        if getattr(_thread, "read", False):
            bump_data_version()
        if any(func is bump_data_version for _sids, func, _robust in connection.run_on_commit):
            return  # bumped again when this transaction commits
    transaction.on_commit(bump_data_version)


def _changed(sender, **kwargs) -> None:
    meta = sender._meta
    if meta.app_label in IGNORED_APPS or meta.label_lower in IGNORED_MODELS:
        return
    if meta.model_name.startswith("historical"):
        return  # a history row comes with a save of its model, which bumps (a sign-in's last_login: none)
    if meta.label_lower == "accounts.user" and kwargs.get("update_fields") == frozenset({"last_login"}):
        return  # a sign-in
    _bump_on_commit()


def connect_signals() -> None:
    post_save.connect(_changed, dispatch_uid="pnetp.page_cache.save")
    post_delete.connect(_changed, dispatch_uid="pnetp.page_cache.delete")
    m2m_changed.connect(_changed, dispatch_uid="pnetp.page_cache.m2m")


def is_cacheable_request(request) -> bool:
    return (
        settings.PNETP_PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and len(request.get_full_path()) <= MAX_PATH
        and PUBLIC_PATHS.match(request.path_info) is not None
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def is_shareable_response(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def page_key(request) -> str:
    """The page's cache key: its path and query and what it accepts (the data version is stored with it)."""
    accept = request.META.get("HTTP_ACCEPT", "")[:200]
    digest = hashlib.sha256(f"{request.get_full_path()}\n{accept}".encode()).hexdigest()
    return f"pnetp:page:{digest}"


def cached_page(key: str):
    """``(version, response)``: the current data version, and the page stored under it or None.

    One cache round trip (``get_many``) for both: a stored page carries the version it was rendered under,
    and only a page of the current version is served.
    """
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        return data_version(), None
    _thread.read = True
    entry = found.get(key)
    if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == version:
        return version, entry[1]
    return version, None


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        try:
            key = page_key(request)
            version, response = cached_page(key)
            if response is not None:
                patch_vary_headers(response, ("Cookie",))  # as the render it comes from (the session was read)
                response["X-Page-Cache"] = "hit"
                response.page_cache_version = version  # shareable under this version (page_front stores it)
                return response
            response = self.get_response(request)
            # A page that used the CSRF token gets the cookie from CsrfViewMiddleware, outside this one: not shared.
            if is_shareable_response(response) and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
                # Shared only with requests without a session cookie: the answer varies with the cookies.
                patch_vary_headers(response, ("Cookie",))
                cache.set(key, (version, response), settings.PNETP_PAGE_CACHE_SECONDS)
                response.page_cache_version = version
            return response
        finally:
            _thread.read = False  # the key is no longer used: a later write of this thread bumps at commit only

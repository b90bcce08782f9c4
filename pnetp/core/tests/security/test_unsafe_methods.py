"""Every URL pattern of the site (read from the resolver), for what changes data:

- CSRF: signed in as the coordination, a POST without the token is refused (403) by every view, and the API
  (session authentication) refuses PUT, PATCH and DELETE without it too;
- upload bombs: every upload form (found on the pages, ``type="file"`` in a multipart form) refuses a 2 MB
  XLSX that inflates to about 2 GB with a Portuguese message: the cap it broke for those that read XLSX. The caps
  themselves are tested with each importer (pnetp/core/tests/test_limits.py and the apps' *_limits tests).
"""

from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from pnetp.core import jobs as queue
from pnetp.core.testing.bombs import xlsx_bomb
from pnetp.core.tests.shared_data import shared

from .crawl import candidates, client_for, known_kwargs
from .routes import all_routes, fill
from .world import build_world

# Views that may take an unsafe request without a CSRF token, each with its reason.
CSRF_EXEMPT: dict[str, str] = {}
# Upload forms whose files are stored as they are and never opened by the platform.
NOT_PARSED = {
    "monitoring_web:evidence_add": "evidence is stored and served as uploaded, never read as a spreadsheet",
}
API_UNSAFE = ("post", "put", "patch", "delete")


def _build(folder):
    with override_settings(MEDIA_ROOT=folder / "media", PNETP_SECOND_FACTOR_REQUIRED=False):
        world = build_world(folder)
        superuser = client_for(world.users["superuser"])
        routes, _ = all_routes()
        fill(
            routes,
            known=known_kwargs(world),
            candidates=candidates(world),
            probe=lambda url: superuser.get(url).status_code,
        )
    return SimpleNamespace(world=world, routes=routes)


shared_routes = shared(_build)


@pytest.fixture
def site(shared_routes, db):
    return shared_routes


@pytest.fixture(autouse=True)
def inline_jobs(monkeypatch, settings, tmp_path):
    monkeypatch.setattr(queue, "ENQUEUE_AT_ONCE", True)  # the test's transaction never commits
    settings.MEDIA_ROOT = tmp_path / "media"


def test_unsafe_requests_need_the_csrf_token(site):
    coordination = site.world.users["coordination"]
    client = client_for(coordination, enforce_csrf_checks=True)
    problems = []
    for route in site.routes:
        if route.name in CSRF_EXEMPT or not route.urls:
            continue
        url = route.urls[0]
        for method in API_UNSAFE if url.startswith("/api/") else ("post",):
            client.force_login(coordination)
            response = getattr(client, method)(url, {"confirm": "1"})
            if response.status_code != 403:
                problems.append(f"{method.upper()} {url} ({route.name}) sem token CSRF: {response.status_code}")
    assert not problems, f"{len(problems)} problema(s):\n" + "\n".join(problems)


class _Forms(HTMLParser):
    """The multipart forms of a page: their action, and a value for each field (the first option of a select)."""

    def __init__(self):
        super().__init__()
        self.forms, self._select = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "action": attrs.get("action"),
                    "multipart": "multipart" in (attrs.get("enctype") or ""),
                    "files": [],
                    "data": {},
                }
            )
        elif not self.forms:
            return
        elif tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind == "file":
                self.forms[-1]["files"].append(attrs["name"])
            elif kind not in ("checkbox", "radio") or "checked" in attrs or attrs["name"] not in self.forms[-1]["data"]:
                self.forms[-1]["data"][attrs["name"]] = attrs.get("value") or ("1" if kind == "number" else "")
        elif tag == "select" and attrs.get("name"):
            self._select = attrs["name"]
        elif tag == "option" and self._select and attrs.get("value"):
            self.forms[-1]["data"].setdefault(self._select, attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def upload_forms(client, routes):
    for route in routes:
        if route.name in NOT_PARSED or not route.urls:
            continue
        response = client.get(route.urls[0])
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _Forms()
        parser.feed(response.content.decode())
        for form in parser.forms:
            if form["multipart"] and form["files"]:
                yield route, route.urls[0], form


def test_every_upload_refuses_a_bomb(site):
    """A form that reads spreadsheets names the file and the cap it broke; a CSV-only form refuses the file
    with its gov.br error message. Either way, no server error and nothing inflated (the run would not end)."""
    client = client_for(site.world.users["coordination"])
    bomb = xlsx_bomb(2_000_000)
    found, capped, problems = [], [], []
    for route, url, form in upload_forms(client, site.routes):
        found.append(route.name)
        files = {name: SimpleUploadedFile("bomba.xlsx", bomb) for name in form["files"]}
        response = client.post(form["action"] or url, {**form["data"], **files}, follow=True)
        text = response.content.decode()
        if "bomba.xlsx" in text and "limite" in text:
            capped.append(route.name)
        elif response.status_code >= 500 or "danger" not in text:
            problems.append(f"{route.name} {url}: {response.status_code}, sem recusa gov.br em português")
    print("Formulários de envio achados:", found, "recusados pelo limite:", capped)
    assert {"sisetp:import", "institutions:import", "mapear:import"} <= set(found)
    assert "sisetp:import" in capped  # it reads XLSX: the cap, not a later parse error, refused it
    assert not problems, f"{len(problems)} problema(s):\n" + "\n".join(problems)

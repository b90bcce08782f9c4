"""Every GET-able URL of the site (read from the resolver) × every role, once per module:

- no answer is a server error;
- an anonymous visitor gets a non-public page only as a redirect to the sign-in (or 403/404/405), never 200,
  and no public page shows the world's private values;
- a refusal (403) of a page is the gov.br error page in Portuguese (once the styled 403 page exists);
- no page, file or API answer, for any role without a grant, holds any of the victim's identity values;
- with a grant and a strong sign-in, identities appear only on the pair page when asked for, each read logged.

Each test gathers every failure before asserting, so one run shows every hole.
"""

from fnmatch import fnmatch
from types import SimpleNamespace

import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.test import override_settings

from pnetp.accounts.testing import login_verified
from pnetp.core.tests.shared_data import shared
from pnetp.sisetp.models import IdentityAccessLog

from .crawl import BASE_LAYOUT_MARKER, client_for, crawl_site, login_url, request
from .world import PLAINTEXTS, build_world

# Pages anyone may read (by namespace, or by URL name; * matches any end). A new public page is added here on purpose, with its reason.
PUBLIC_NAMESPACES = {
    "plans": "the plan, its search and the local plans' alignment are public",
    "portal": "the transparency portal and its open data",
    "territory": "IBGE territories",
    "api": "the API reads are public (writes need a session or a token)",
}
PUBLIC_NAMES = {
    "core:accessibility": "the accessibility statement",
    "accounts:login": "the sign-in",
    "accounts:password-reset": "asking for a password reset",
    "accounts:password-reset-done": "its confirmation",
    "accounts:password-reset-confirm": "the link sent by e-mail",
    "accounts:password-reset-complete": "its confirmation",
    "admin:login": "the admin's sign-in",
    "dashboards:index": "the public dashboard of the plan",
    "institutions:list": "the public registry of institutions (changing it needs the coordination)",
    "institutions:detail": "one institution of the registry",
    "mapear:overview": "the published Mapear survey of federal highways",
    "mapear:points": "its points",
    "mapear:point": "one point",
    "statistics:statistics*": "published statistics, small counts suppressed (pnetp.disclosure)",
    "statistics:vulnerability*": "the published vulnerability index and its method",
    "*:oidc_authentication_*": "the gov.br sign-in (sends the visitor to gov.br, and back)",
    "admin:logout": "signing out of the admin (sends to its index, which asks for the sign-in)",
    "sisetp:dictionary": "the SISETP data dictionary (no data)",
    "sisetp:datapackage": "the dictionary as a data package (no data)",
    "core:health": "the health check (database, cache, disk, queue: no data)",
    "network:directory": "the public directory of the network (restricted fields never shown)",
    "network:unit": "one unit of the directory (restricted fields never shown)",
    "network:units_csv": "the directory as CSV (public fields only)",
    "network:units_json": "the directory as JSON (public fields only)",
    "network:freshness": "share of units verified in the last 12 months",
    "network:report_channels": "Onde denunciar: public report channels",
    "network:committees": "committees, their composition and parity",
    "network:committee": "one committee",
    "network:committee_feed": "a committee's public meeting calendar (iCal)",
    "network:meetings": "a committee's meetings, expected and held",
    "network:meeting_ics": "one meeting as an iCal event",
    "network:meeting": "one meeting (public documents only)",
    "network:coverage": "committee, NETP, PAAHM and aligned plan per UF",
    "network:selections": "a committee's civil-society selection processes (editais) and results, no contacts",
    "network:selection": "one selection process: organisations registered and their status, no contacts",
    "network:trainings": "the training registry",
    "network:specialists": "specialists who consented to a public profile",
    "network:materials": "informative materials and their gaps",
    "network:agreements": "international agreements",
    "network:events": "forums and events",
    "network:events_feed": "the year's forums and events as a public iCal feed",
    "network:training": "one training offering; participants only in aggregate, small counts suppressed",
    "network:certificate_verify": "checks a certificate by its code: course, dates, workload, never the name",
    "referrals:flows": "the assistance flows as public diagrams",
    "referrals:flow": "one flow, with the directory units per UF",
}
# Strings of the world that only signed-in people may read.
PRIVATE_MARKERS = ["Comentário de teste.", "focal.point@exemplo.gov.br", "coord.autorizada", "Atendimento da vítima"]


def _build(folder):
    with override_settings(MEDIA_ROOT=folder / "media", PNETP_SECOND_FACTOR_REQUIRED=False):
        world = build_world(folder)
        routes, unnamed, hits = crawl_site(world)
    return SimpleNamespace(world=world, routes=routes, unnamed=unnamed, hits=hits)


shared_site = shared(_build)


@pytest.fixture
def site(shared_site, db):
    return shared_site


def is_public(name: str) -> bool:
    return any(fnmatch(name, pattern) for pattern in PUBLIC_NAMES) or (
        ":" in name and name.split(":")[0] in PUBLIC_NAMESPACES
    )


def styled_refusal_page_exists() -> bool:
    try:
        get_template("403.html")
    except TemplateDoesNotExist:
        return False
    return True


def refusal_problem(hit) -> str | None:
    """What is wrong with a 403 page, or None. Only the status is checked until a ``403.html`` template
    (the gov.br refusal page) exists; from then on the page must carry the base layout and no bare text."""
    if hit.status != 403 or hit.url.startswith("/api/") or not styled_refusal_page_exists():
        return None
    if BASE_LAYOUT_MARKER not in hit.text or "403 Forbidden" in hit.text:
        return "403 sem a página gov.br de recusa"
    return None


def _report(problems: list[str]) -> str:
    return f"{len(problems)} problema(s):\n" + "\n".join(sorted(problems))


def test_every_pattern_was_requested(site):
    """The resolver gave routes from every app, and the suite reached most of them with real objects."""
    names = {route.name.split(":")[0] for route in site.routes}
    assert {"accounts", "sisetp", "monitoring_web", "plans", "portal", "api", "admin"} <= names
    unresolved = [f"{route.name} ({route.pattern})" for route in site.routes if route.unresolved]
    print("Padrões sem parâmetros achados (pedidos com 404 esperado):", *unresolved, sep="\n  ")
    print("Padrões sem nome (não podem ser invertidos):", *site.unnamed, sep="\n  ")
    unreachable = [route.name for route in site.routes if not route.urls]
    assert not unreachable, _report(unreachable)
    assert len(unresolved) < len(site.routes) / 4, _report(unresolved)


def test_no_server_error(site):
    problems = [f"{hit.status} {hit.role} {hit.url} {hit.error}" for hit in site.hits if hit.status >= 500]
    assert not problems, _report(problems)


def test_anonymous_is_sent_to_sign_in(site):
    problems = []
    for hit in site.hits:
        if hit.role != "anonymous":
            continue
        if is_public(hit.name):
            leaked = [marker for marker in PRIVATE_MARKERS if marker in hit.text]
            if leaked:
                problems.append(f"{hit.url}: página pública mostra {leaked}")
        elif hit.status == 200:
            problems.append(f"{hit.url} ({hit.name}): 200 para visitante anônimo")
        elif hit.status in (301, 302):
            if not (hit.location.startswith(login_url()) or hit.location.startswith("/admin/login/")):
                problems.append(f"{hit.url}: redireciona o visitante para {hit.location}, não para a entrada")
        elif hit.status not in (403, 404, 405):
            problems.append(f"{hit.url}: {hit.status} para visitante anônimo")
    assert not problems, _report(problems)


def test_refusals_are_the_gov_br_page(site):
    problems = [f"{hit.role} {hit.url}: {problem}" for hit in site.hits if (problem := refusal_problem(hit))]
    assert not problems, _report(problems)


def test_no_identity_value_without_a_grant(site):
    problems = [
        f"{hit.role} {hit.url} ({hit.status}): {[value for value in PLAINTEXTS if value in hit.text]}"
        for hit in site.hits
        if any(value in hit.text for value in PLAINTEXTS)
    ]
    assert not problems, _report(problems)


def test_with_a_grant_only_the_asked_reveal_shows_identities(site):
    world = site.world
    client = login_verified(client_for(), world.grantee)
    problems = []
    for route in site.routes:
        for url in route.urls:
            hit = request(client, "get", url, "grantee", route.name)
            if leaked := [value for value in PLAINTEXTS if value in hit.text]:
                problems.append(f"{url} ({hit.status}): {leaked}")
        client = login_verified(client, world.grantee)
    assert not problems, _report(problems)

    logged = IdentityAccessLog.objects.filter(user=world.grantee).count()
    url = f"/sisetp/pessoas/revisao/{world.pair.pk}/"
    revealed = request(client, "post", url, "grantee", "linkage:pair", data={"action": "identidades"})
    assert revealed.status == 200
    assert "Zuleica Quimerina Bortolazzo" in revealed.text and "39053344705" in revealed.text
    entries = IdentityAccessLog.objects.filter(user=world.grantee).order_by("-pk")
    assert entries.count() > logged
    assert entries.filter(person=world.victim, granted=True).exists()


@pytest.mark.parametrize("role", ["coordination", "analyst", "network_professional", "superuser"])
def test_a_reveal_without_a_grant_is_refused_and_logged(site, role):
    world = site.world
    client = login_verified(client_for(), world.users[role])
    before = IdentityAccessLog.objects.filter(user=world.users[role]).count()
    hit = request(
        client,
        "post",
        f"/sisetp/pessoas/revisao/{world.pair.pk}/",
        role,
        "linkage:pair",
        data={"action": "identidades"},
    )
    assert hit.status in (200, 403)
    assert not [value for value in PLAINTEXTS if value in hit.text]
    if hit.status == 200:  # the page itself is the reviewer's: the refused read is in the log
        assert IdentityAccessLog.objects.filter(user=world.users[role], granted=False).count() > before

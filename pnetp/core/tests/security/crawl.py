"""Request every filled URL as every role once, and keep what the checks need of each answer.

A response body is read as text the way a person could read it: HTML entities and JSON escapes undone, the
members of a zip (XLSX, ODS, the open-data archive) inflated, a PDF's text extracted with pypdf.
"""

import html
import io
import json
import zipfile
from dataclasses import dataclass

from django.test import Client
from django.urls import reverse

from .routes import all_routes, fill
from .world import ROLES

ROLE_NAMES = ["anonymous", *ROLES]
BASE_LAYOUT_MARKER = 'id="main-content"'  # pnetp/core/templates/core/base.html
_MEMBER_CAP = 20 * 1024 * 1024


@dataclass(frozen=True)
class Hit:
    name: str
    url: str
    role: str
    status: int
    location: str
    content_type: str
    text: str  # the readable body (see module docstring); empty for redirects
    error: str  # the exception a 5xx came from


def _zip_text(raw: bytes) -> list[str]:
    parts = []
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for info in archive.infolist():
            if info.file_size <= _MEMBER_CAP:
                parts.append(archive.read(info).decode("utf-8", "replace"))
    return parts


def _pdf_text(raw: bytes) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return [page.extract_text() or "" for page in PdfReader(io.BytesIO(raw)).pages]
    except PdfReadError:  # not a PDF the platform wrote (an uploaded evidence file): its bytes were read as text
        return []


def readable(response) -> str:
    # The test client closes the response itself; closing it again here would send request_finished outside
    # the client's window, and Django then closes a connection it finds inside a transaction (PostgreSQL).
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    parts = [raw.decode("utf-8", "replace")]
    if raw[:2] == b"PK":
        parts += _zip_text(raw)
    elif raw[:5] == b"%PDF-":
        parts += _pdf_text(raw)
    elif "json" in response.get("Content-Type", ""):
        try:
            parts.append(json.dumps(json.loads(raw), ensure_ascii=False))
        except ValueError:
            pass
    return html.unescape("\n".join(parts))


def client_for(user=None, **options) -> Client:
    client = Client(raise_request_exception=False, **options)
    if user is not None:
        client.force_login(user)
    return client


def request(client, method, url, role, name, **data) -> Hit:
    response = getattr(client, method)(url, **data)
    exc_info = getattr(response, "exc_info", None)
    return Hit(
        name=name,
        url=url,
        role=role,
        status=response.status_code,
        location=response.get("Location", ""),
        content_type=response.get("Content-Type", ""),
        text="" if 300 <= response.status_code < 400 else readable(response),
        error=repr(exc_info[1]) if exc_info else "",
    )


def known_kwargs(world) -> dict[str, list[dict]]:
    """Views whose parameters name one object of the world exactly; the rest are probed (routes.fill)."""
    from pnetp.monitoring.reports import FORMATS as REPORT_FORMATS
    from pnetp.portal.services.opendata import FORMATS as OPEN_FORMATS
    from pnetp.portal.services.opendata import RESOURCES
    from pnetp.statistics.flow_report import CONTENT_TYPES as FLOW_FORMATS

    activity = {"plan": world.plan.slug, "code": world.activity.code}
    net = world.committee
    committee = {"slug": net.committee.slug}
    meeting = {**committee, "pk": net.meeting.pk}
    selection = {**committee, "pk": net.process.pk}
    return {
        **{
            f"network:{name}": [committee]
            for name in (
                "committee",
                "committee_edit",
                "seat_new",
                "meetings",
                "committee_feed",
                "meeting_new",
                "selections",
                "selection_new",
            )
        },
        **{f"network:{name}": [{**committee, "pk": net.seat.pk}] for name in ("seat_end", "seat_edit")},
        **{
            f"network:{name}": [meeting]
            for name in (
                "meeting",
                "meeting_ics",
                "meeting_convoke",
                "meeting_attendance",
                "meeting_minutes",
                "decision_new",
                "agenda",
            )
        },
        **{
            f"network:{name}": [{**meeting, "item": net.item.pk}]
            for name in ("agenda_item_edit", "agenda_item_move", "agenda_item_remove")
        },
        "network:decision_status": [{**meeting, "decision": net.decision.pk}],
        **{
            f"network:{name}": [selection]
            for name in ("selection", "selection_edit", "selection_close", "candidate_new")
        },
        "network:candidate_edit": [{**selection, "candidate": net.candidate.pk}],
        "linkage:pair": [{"pk": world.pair.pk}],
        "linkage:decide": [{"pk": world.pair.pk}],
        "linkage:run": [{"pk": world.run.pk}],
        "sisetp:grant": [{"pk": world.grant.pk}],
        "sisetp:grant-decide": [{"pk": world.grant.pk}],
        "sisetp:import-rollback": [{"pk": world.batch.pk}],
        "statistics:statistics-flows-report": [{"year": 2024, "fmt": fmt} for fmt in FLOW_FORMATS],
        **{
            f"sisetp:{name}": [{"pk": world.job.pk}]
            for name in (
                "import-job",
                "import-job-status",
                "import-job-confirm",
                "import-job-cancel",
                "import-job-retry",
            )
        },
        **{
            f"monitoring_web:{name}": [{"pk": world.report.pk}]
            for name in ("report", "report_submit", "report_return", "report_approve", "report_comment", "evidence_add")
        },
        **{f"monitoring_web:{name}": [{"pk": world.evidence.pk}] for name in ("evidence_file", "evidence_remove")},
        **{f"monitoring_web:{name}": [{"pk": world.cycle.pk}] for name in ("cycle", "cycle_close", "cycle_reopen")},
        "monitoring_web:cycle_report": [{"cycle_id": world.cycle.pk, "fmt": fmt} for fmt in REPORT_FORMATS],
        "monitoring_web:report_form": [{**activity, "cycle_id": world.cycle.pk}],
        "monitoring_web:indicator_edit": [{**activity, "pk": world.indicator.pk}],
        "monitoring_web:status_edit": [{"pk": world.status_option.pk}],
        "accounts:user": [{"pk": world.users["focal_point"].pk}],
        "accounts:user-set-active": [{"pk": world.users["focal_point"].pk}],
        "mapear:point": [{"pk": world.point.pk}],
        "portal:download": [{"name": r.name, "fmt": fmt} for r in RESOURCES for fmt in OPEN_FORMATS],
    }


def candidates(world) -> dict[str, list]:
    """Values tried per parameter name for the views ``known_kwargs`` does not name (new apps among them)."""
    from django.apps import apps
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = world.users["focal_point"]
    pks = list(dict.fromkeys(obj.pk for obj in world.objects))
    return {
        "pk": pks,
        "id": pks,
        "object_id": pks,
        "cycle_id": [world.cycle.pk],
        "plan": [world.plan.slug],
        "slug": [world.plan.slug, world.source.slug],
        "code": [world.activity.code, "1.1", "1", "vitimas"],
        "fmt": ["csv", "json", "xlsx", "pdf", "ods", "html", "md"],
        "format": ["json", "api"],
        "uf": ["DF"],
        "abbreviation": ["DF"],
        "ibge_code": [world.places.brasilia.ibge_code],
        "year": [2024],
        "app_label": [config.label for config in apps.get_app_configs()],
        "uidb64": [urlsafe_base64_encode(force_bytes(user.pk))],
        "token": [default_token_generator.make_token(user)],
    }


def crawl_site(world):
    """(routes with their URLs, unnamed patterns, one Hit per URL and role)."""
    clients = {"anonymous": client_for()}
    clients.update({role: client_for(world.users[role]) for role in ROLES})
    superuser = clients["superuser"]
    routes, unnamed = all_routes()
    fill(
        routes,
        known=known_kwargs(world),
        candidates=candidates(world),
        probe=lambda url: superuser.get(url).status_code,
    )
    hits = []
    for route in routes:
        for role, client in clients.items():
            if role != "anonymous":
                client.force_login(world.users[role])  # a sign-out page requested before must not change the role
            hits += [request(client, "get", url, role, route.name) for url in route.urls]
    return routes, unnamed, hits


def login_url() -> str:
    return reverse("accounts:login")

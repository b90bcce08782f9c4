"""Every role × every API endpoint and method → the expected status code, as one table.

Columns follow ROLES: anonymous, coordination, focal point of the responsible institution (MJSP),
focal point of another institution (MTE), committee member, analyst. Each cell runs on a fresh
database, so a write in one cell cannot change another. ``test_table_covers_every_operation``
fails when an endpoint appears in the schema without a row here.
"""

import pytest
from django.urls import reverse

from pnetp.core.tests.shared_data import fresh, shared
from pnetp.monitoring.tests.conftest import build_world

from .conftest import ROLES, build_api_world

# Built once for the ~200 cells; each cell still runs in its own rolled-back transaction ("fresh database").
shared_api_world = shared(lambda folder: build_api_world(build_world()))


@pytest.fixture
def api_world(shared_api_world, db):
    return fresh(shared_api_world)


A, C, F, O, M, N = range(6)  # noqa: E741 — column indexes, same order as ROLES

START = {"plan": "teste", "cycle": "2025.2", "activity": "1.1.1", "institution": "MJSP"}
EVIDENCE = {"title": "Lista de presença", "url": "https://exemplo.gov.br/lista.pdf"}

# (method, schema path, path arguments, body, expected status per role)
TABLE = [
    ("get", "/api/v1/plans/", {}, None, (200, 200, 200, 200, 200, 200)),
    ("post", "/api/v1/plans/", {}, {}, (405, 405, 405, 405, 405, 405)),
    ("get", "/api/v1/plans/{slug}/", {"slug": "teste"}, None, (200, 200, 200, 200, 200, 200)),
    ("get", "/api/v1/plans/{slug}/", {"slug": "rascunho"}, None, (404, 200, 404, 404, 404, 404)),
    ("get", "/api/v1/plans/{slug}/", {"slug": "inexistente"}, None, (404, 404, 404, 404, 404, 404)),
    ("get", "/api/v1/plans/{slug}/progress/", {"slug": "teste"}, None, (200, 200, 200, 200, 200, 200)),
    ("get", "/api/v1/plans/{slug}/progress/", {"slug": "rascunho"}, None, (404, 200, 404, 404, 404, 404)),
    ("get", "/api/v1/plans/{slug}/overdue/", {"slug": "teste"}, None, (200, 200, 200, 200, 200, 200)),
    ("get", "/api/v1/plans/{slug}/overdue/", {"slug": "rascunho"}, None, (404, 200, 404, 404, 404, 404)),
    ("get", "/api/v1/plans/{slug}/activities/", {"slug": "teste"}, None, (200, 200, 200, 200, 200, 200)),
    ("get", "/api/v1/plans/{slug}/activities/", {"slug": "rascunho"}, None, (404, 200, 404, 404, 404, 404)),
    ("get", "/api/v1/plans/{slug}/activities/{code}/", {"slug": "teste", "code": "1.1.1"}, None,
     (200, 200, 200, 200, 200, 200)),
    ("get", "/api/v1/plans/{slug}/activities/{code}/", {"slug": "rascunho", "code": "1.1.1"}, None,
     (404, 200, 404, 404, 404, 404)),
    ("get", "/api/v1/statuses/", {}, None, (200, 200, 200, 200, 200, 200)),
    ("get", "/api/v1/reports/", {}, None, (200, 200, 200, 200, 200, 200)),
    ("post", "/api/v1/reports/", {}, START, (401, 403, 201, 403, 403, 403)),
    ("get", "/api/v1/reports/{id}/", {"id": "approved"}, None, (200, 200, 200, 200, 200, 200)),
    ("get", "/api/v1/reports/{id}/", {"id": "draft"}, None, (404, 200, 200, 404, 404, 404)),
    ("get", "/api/v1/reports/{id}/", {"id": "submitted"}, None, (404, 200, 200, 404, 404, 404)),
    ("get", "/api/v1/reports/{id}/", {"id": "in_draft_plan"}, None, (404, 200, 200, 404, 404, 404)),
    ("patch", "/api/v1/reports/{id}/", {"id": "draft"}, {"narrative": "Novo relato."},
     (401, 403, 200, 404, 404, 404)),
    ("patch", "/api/v1/reports/{id}/", {"id": "approved"}, {"narrative": "Novo relato."},
     (401, 403, 400, 403, 403, 403)),
    ("put", "/api/v1/reports/{id}/", {"id": "draft"}, {}, (401, 405, 405, 405, 405, 405)),
    ("delete", "/api/v1/reports/{id}/", {"id": "draft"}, None, (401, 405, 405, 405, 405, 405)),
    ("post", "/api/v1/reports/{id}/submit/", {"id": "draft"}, {}, (401, 403, 200, 404, 404, 404)),
    ("post", "/api/v1/reports/{id}/submit/", {"id": "approved"}, {}, (401, 403, 400, 403, 403, 403)),
    ("post", "/api/v1/reports/{id}/return/", {"id": "submitted"}, {"reason": "Faltou o número de turmas."},
     (401, 200, 403, 404, 404, 404)),
    ("post", "/api/v1/reports/{id}/return/", {"id": "approved"}, {"reason": "Rever."},
     (401, 400, 403, 403, 403, 403)),
    ("post", "/api/v1/reports/{id}/approve/", {"id": "submitted"}, {}, (401, 200, 403, 404, 404, 404)),
    ("post", "/api/v1/reports/{id}/approve/", {"id": "draft"}, {}, (401, 400, 403, 404, 404, 404)),
    ("post", "/api/v1/reports/{id}/indicator-values/", {"id": "draft"}, {"indicator": "INDICATOR", "value": "10"},
     (401, 403, 201, 404, 404, 404)),
    ("post", "/api/v1/reports/{id}/evidence/", {"id": "draft"}, EVIDENCE, (401, 403, 201, 404, 404, 404)),
    ("post", "/api/v1/reports/{id}/evidence/", {"id": "approved"}, EVIDENCE, (401, 403, 400, 403, 403, 403)),
    ("get", "/api/v1/statistics/", {}, None, (200, 200, 200, 200, 200, 200)),
    ("get", "/api/v1/statistics/{code}/", {"code": "vitimas-identificadas"}, None, (200, 200, 200, 200, 200, 200)),
    ("get", "/api/v1/statistics/{code}/", {"code": "inexistente"}, None, (404, 404, 404, 404, 404, 404)),
    ("post", "/api/v1/statistics/", {}, {}, (405, 405, 405, 405, 405, 405)),
    ("get", "/api/v1/network/units/", {}, None, (200, 200, 200, 200, 200, 200)),
    ("get", "/api/v1/network/units/{code}/", {"code": "inexistente"}, None, (404, 404, 404, 404, 404, 404)),
    ("post", "/api/v1/network/units/", {}, {}, (405, 405, 405, 405, 405, 405)),
    ("get", "/api/v1/network/channels/", {}, None, (200, 200, 200, 200, 200, 200)),
    # Referrals: units' systems only (network professionals; their own matrix is in pnetp/referrals/tests).
    ("get", "/api/v1/referrals/", {}, None, (401, 403, 403, 403, 403, 403)),
    ("post", "/api/v1/referrals/", {}, {}, (401, 403, 403, 403, 403, 403)),
    ("get", "/api/v1/referrals/{referral}/", {"referral": 1}, None, (401, 403, 403, 403, 403, 403)),
    ("post", "/api/v1/referrals/{referral}/transition/", {"referral": 1}, {"to": "recebido"},
     (401, 403, 403, 403, 403, 403)),
    ("get", "/api/schema/", {}, None, (200, 200, 200, 200, 200, 200)),
    ("get", "/api/docs/", {}, None, (200, 200, 200, 200, 200, 200)),
]  # fmt: skip

CELLS = [
    pytest.param(method, path, args, body, role, expected[column], id=f"{method} {path} {args} {role}")
    for method, path, args, body, expected in TABLE
    for column, role in enumerate(ROLES)
]


def _url(world, path, args):
    values = dict(args)
    if "id" in values:
        values["id"] = getattr(world.reports, values["id"]).pk
    return path.format(**values)


def _body(world, body):
    if body is None:
        return None
    return {key: world.indicator.pk if value == "INDICATOR" else value for key, value in body.items()}


@pytest.mark.parametrize(("method", "path", "args", "body", "role", "expected"), CELLS)
def test_permission_matrix(api_world, client_as, method, path, args, body, role, expected):
    client = client_as(role)
    response = getattr(client, method)(_url(api_world, path, args), _body(api_world, body), format="json")
    assert response.status_code == expected, response.content[:300]
    if expected in (400, 403) and response["Content-Type"].startswith("application/json"):
        assert response.json(), "errors carry a message"


def test_table_has_one_column_per_role():
    assert all(len(expected) == len(ROLES) for *_, expected in TABLE)


def test_table_covers_every_operation(client):
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()
    operations = {(method, path) for path, item in schema["paths"].items() for method in item}
    covered = {(method, path) for method, path, *_ in TABLE}
    assert operations - covered == set()

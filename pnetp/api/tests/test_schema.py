"""The OpenAPI schema served by the app is valid, complete and in Portuguese; the docs page is tests/test_docs.py."""

import pytest
from django.core.management import call_command
from openapi_spec_validator import validate

EXPECTED_OPERATIONS = {
    ("get", "/api/v1/plans/"),
    ("get", "/api/v1/plans/{slug}/"),
    ("get", "/api/v1/plans/{slug}/progress/"),
    ("get", "/api/v1/plans/{slug}/overdue/"),
    ("get", "/api/v1/plans/{slug}/activities/"),
    ("get", "/api/v1/plans/{slug}/activities/{code}/"),
    ("get", "/api/v1/statuses/"),
    ("get", "/api/v1/reports/"),
    ("post", "/api/v1/reports/"),
    ("get", "/api/v1/reports/{id}/"),
    ("patch", "/api/v1/reports/{id}/"),
    ("post", "/api/v1/reports/{id}/submit/"),
    ("post", "/api/v1/reports/{id}/return/"),
    ("post", "/api/v1/reports/{id}/approve/"),
    ("post", "/api/v1/reports/{id}/indicator-values/"),
    ("post", "/api/v1/reports/{id}/evidence/"),
    ("get", "/api/v1/statistics/"),
    ("get", "/api/v1/statistics/{code}/"),
    ("get", "/api/v1/network/units/"),
    ("get", "/api/v1/network/units/{code}/"),
    ("get", "/api/v1/network/channels/"),
    ("get", "/api/v1/referrals/"),
    ("post", "/api/v1/referrals/"),
    ("get", "/api/v1/referrals/{referral}/"),
    ("post", "/api/v1/referrals/{referral}/transition/"),
}


@pytest.fixture
def schema(client, db):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_schema_validates_as_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_schema_lists_every_endpoint(schema):
    operations = {(method, path) for path, item in schema["paths"].items() for method in item}
    assert operations == EXPECTED_OPERATIONS


def test_schema_is_in_portuguese_and_documents_both_authentications(schema):
    assert schema["info"]["title"] == "API do PNETP"
    assert "Tráfico de Pessoas" in schema["info"]["description"]
    assert schema["paths"]["/api/v1/reports/{id}/return/"]["post"]["summary"] == (
        "Devolver relatório com motivo (coordenação)"
    )
    assert set(schema["components"]["securitySchemes"]) == {"cookieAuth", "tokenAuth"}


def test_schema_generation_has_no_warnings(tmp_path):
    # --fail-on-warn turns drf-spectacular's guesses (untyped fields, unknown parameters) into failures.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))

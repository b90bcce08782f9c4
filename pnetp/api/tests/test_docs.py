"""/api/docs/: the API documented on a page of the site, read from the schema drf-spectacular generates."""

import html
import re

import pytest
from drf_spectacular.generators import SchemaGenerator

from pnetp.api.docs import read_schema

pytestmark = pytest.mark.django_db


def generated_operations() -> dict[tuple[str, str], bool]:
    """Every (METHOD, path) of the schema → whether anonymous may call it, from drf-spectacular's generator
    itself (as /api/schema/ serves it: public)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {
        (method.upper(), path): {} in operation.get("security", [{}])
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    }


def listed_operations(page: str) -> dict[tuple[str, str], bool]:
    endpoints = re.findall(
        r'<span class="pnetp-api-method">(\w+)</span> <code>([^<]+)</code>\s*<span class="pnetp-api-access( public)?">',
        page,
    )
    return {(method, html.unescape(path)): bool(public) for method, path, public in endpoints}


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user("leitora", password="x-senha-longa-1")


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed in"])
def test_docs_page_lists_every_operation_of_the_schema(client, member, signed_in):
    if signed_in:
        client.force_login(member)
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    operations = generated_operations()
    assert len(operations) > 20 and any(operations.values()) and not all(operations.values())
    # every operation of the schema, once, with who may call it; the same page for everyone (the schema is public)
    assert listed_operations(page) == operations
    assert page.count('class="pnetp-api-method"') == len(operations)
    assert 'id="main-content"' in page and '<html lang="pt-BR">' in page  # the site's layout
    assert page.count("<h1>") == 1 and "API de dados</h1>" in page


def test_docs_page_documents_parameters_bodies_responses_and_curl(client):
    page = html.unescape(client.get("/api/docs/").content.decode())
    assert "Baixar o esquema em JSON" in page and 'href="/api/schema/?format=yaml"' in page
    assert "Authorization: Token &lt;chave&gt;" in html.escape(page) and "drf_create_token" in page
    # a query parameter with its enum, a required body field, a response code with its type, curl examples
    assert "<code>approved</code>" in page
    assert re.search(r"<code>activity</code></th><td>texto</td>\s*<td>sim</td>", page)
    assert "<code>201</code> — Criado: objeto Report (application/json)" in page
    # response fields: a paginated list shows its results' fields
    assert "campos da resposta" in page and "<code>results[].id</code>" in page
    assert 'curl "http://testserver/api/v1/plans/"' in page
    assert '-F "file=@file.pdf"' in page
    assert "swagger" not in page.lower()


def test_docs_page_opens_with_a_wrong_token(client):
    response = client.get("/api/docs/", HTTP_AUTHORIZATION="Token nao-existe")
    assert response.status_code == 200
    assert listed_operations(response.content.decode()) == generated_operations()


def test_docs_page_needs_no_inline_style_exception(client):
    policy = client.get("/api/docs/")["Content-Security-Policy"]
    assert "unsafe-inline" not in policy.split("style-src-elem", 1)[1].split(";", 1)[0]


def test_read_schema_groups_by_tag_and_reads_types():
    schema = {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1", "description": "Use `Token`."},
        "paths": {
            "/a/{id}/": {
                "post": {
                    "operationId": "a_post",
                    "tags": ["Uma"],
                    "parameters": [{"in": "path", "name": "id", "schema": {"type": "integer"}, "required": True}],
                    "requestBody": {
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/In"}}},
                        "required": True,
                    },
                    "security": [{"tokenAuth": []}],
                    "responses": {"201": {"description": ""}},
                },
                "get": {
                    "operationId": "a_get",
                    "security": [{"tokenAuth": []}, {}],
                    "responses": {
                        "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}}
                    },
                },
            }
        },
        "components": {
            "schemas": {
                "In": {
                    "type": "object",
                    "properties": {
                        "kind": {"$ref": "#/components/schemas/KindEnum"},
                        "url": {"oneOf": [{"type": "string", "format": "uri"}, {"type": "string", "maxLength": 0}]},
                        "when": {"type": "string", "format": "date", "nullable": True},
                        "id": {"type": "integer", "readOnly": True},
                    },
                    "required": ["kind"],
                },
                "KindEnum": {"enum": ["x", "y"], "type": "string"},
                "Page": {
                    "type": "object",
                    "required": ["count", "results"],
                    "properties": {
                        "count": {"type": "integer"},
                        "results": {"type": "array", "items": {"$ref": "#/components/schemas/In"}},
                    },
                },
            }
        },
    }
    doc = read_schema(schema, "https://exemplo.gov.br/")
    assert [tag.name for tag in doc.tags] == ["Outros", "Uma"]
    assert str(doc.description) == "Use <code>Token</code>."
    get, post = doc.tags[0].operations[0], doc.tags[1].operations[0]
    assert get.public and not post.public
    assert [(f.name, f.type, f.required, f.values) for f in post.body] == [
        ("kind", "texto", True, ["x", "y"]),
        ("url", "texto (URL) ou texto vazio", False, []),
        ("when", "texto (data), pode ser nulo", False, []),
    ]
    assert [(p.name, p.location, p.type, p.required) for p in post.parameters] == [("id", "caminho", "inteiro", True)]
    assert [(r.code, r.description, r.fields) for r in post.responses] == [("201", "Criado", [])]
    # what a client reads back: a page's fields and its results' fields, read-only ones included
    assert [(f.name, f.type, f.required) for f in get.responses[0].fields] == [
        ("count", "inteiro", True),
        ("results", "lista de objeto In", True),
        ("results[].kind", "texto", True),
        ("results[].url", "texto (URL) ou texto vazio", False),
        ("results[].when", "texto (data), pode ser nulo", False),
        ("results[].id", "inteiro", False),
    ]
    assert post.curl.splitlines() == [
        'curl -X POST "https://exemplo.gov.br/a/<id>/" \\',
        '  -H "Authorization: Token <chave>" \\',
        '  -H "Content-Type: application/json" \\',
        '  -d \'{"kind": "x"}\'',
    ]
    assert get.curl == 'curl "https://exemplo.gov.br/a/<id>/"'

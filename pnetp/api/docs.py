"""The API documentation page (/api/docs/): the OpenAPI schema that /api/schema/ serves, read into what the page
shows, in Portuguese.

``generate_schema`` asks drf-spectacular's generator exactly as ``SpectacularAPIView`` does (same ``public``
setting), so the page documents for every visitor what the schema shows them: today everything, the schema
being public. ``read_schema`` turns that dict into tags → operations → parameters, body fields, responses and
a ``curl`` example; nothing here lists endpoints by hand.
"""

import json
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.settings import spectacular_settings
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.settings import api_settings

METHODS = ("get", "post", "put", "patch", "delete")
_CODE = re.compile(r"``?([^`]+)``?")


def generate_schema(request) -> dict:
    """The schema /api/schema/ answers ``request``'s visitor with, as a dict (SpectacularAPIView's own call, on
    the DRF request that view would see: same authentication, hence the same user)."""
    authenticators = spectacular_settings.SERVE_AUTHENTICATION or api_settings.DEFAULT_AUTHENTICATION_CLASSES
    drf_request = Request(request, authenticators=[authenticator() for authenticator in authenticators])
    try:
        drf_request.user  # noqa: B018 (authenticates now)
    except APIException:  # a wrong token: the page still opens, as for anonymous visitors
        drf_request = Request(request)
    return SchemaGenerator().get_schema(request=drf_request, public=spectacular_settings.SERVE_PUBLIC)


def inline_code(text: str) -> SafeString:
    """Escapes ``text`` and sets its `backticked` parts in <code> (the schema's descriptions are Markdown)."""
    return mark_safe(_CODE.sub(r"<code>\1</code>", escape(text or "")))  # noqa: S308 (escaped first)


@dataclass
class Field:
    name: str
    location: str  # parameters only: "caminho", "consulta", …
    type: str
    required: bool
    description: SafeString
    values: list[str] = field(default_factory=list)  # an enum's choices


@dataclass
class Response:
    code: str
    description: str
    content: str  # "objeto Report (application/json)", or ""
    fields: list[Field] = field(default_factory=list)  # the object's fields (a list's items; a page's results too)


@dataclass
class Operation:
    id: str
    method: str
    path: str
    summary: str
    description: SafeString
    public: bool  # anonymous may call it (an empty requirement among its security alternatives)
    parameters: list[Field]
    body: list[Field]
    body_types: list[str]
    body_required: bool
    responses: list[Response]
    curl: str


@dataclass
class Tag:
    name: str
    anchor: str
    operations: list[Operation]


@dataclass
class ApiDoc:
    title: str
    version: str
    openapi: str
    description: SafeString
    tags: list[Tag]

    @property
    def operations(self) -> list[Operation]:
        return [operation for tag in self.tags for operation in tag.operations]


class _Reader:
    def __init__(self, schema: dict, base_url: str):
        self.schema = schema
        self.components = schema.get("components", {}).get("schemas", {})
        self.base_url = base_url.rstrip("/")

    def resolve(self, node: dict) -> dict:
        while "$ref" in node:
            node = self.components[node["$ref"].rsplit("/", 1)[-1]]
        if "allOf" in node:
            merged: dict = {"properties": {}, "required": []}
            for part in map(self.resolve, node["allOf"]):
                merged["properties"].update(part.get("properties", {}))
                merged["required"] += part.get("required", [])
                merged.update({k: v for k, v in part.items() if k not in ("properties", "required")})
            node = {**merged, **{k: v for k, v in node.items() if k != "allOf"}}
        return node

    def type_label(self, node: dict) -> str:
        name = node["$ref"].rsplit("/", 1)[-1] if "$ref" in node else ""
        resolved = self.resolve(node)
        alternatives = resolved.get("oneOf") or resolved.get("anyOf")
        if alternatives:
            labels = list(dict.fromkeys(self.type_label(alternative) for alternative in alternatives))
            label = _(" ou ").join(labels)
        else:
            kind = resolved.get("type", "object" if "properties" in resolved else "")
            if kind == "array":
                label = _("lista de %(item)s") % {"item": self.type_label(resolved.get("items", {}))}
            elif kind == "object":
                label = _("objeto %(name)s") % {"name": name} if name and "enum" not in resolved else _("objeto")
            elif kind == "string" and resolved.get("maxLength") == 0:
                label = _("texto vazio")
            elif kind == "string" and resolved.get("format") == "binary":
                label = _("arquivo")
            else:
                label = str(TYPE_NAMES.get(kind, kind or _("qualquer")))
                fmt = resolved.get("format")
                if fmt:
                    label += f" ({FORMAT_NAMES.get(fmt, fmt)})"
        if resolved.get("nullable"):
            label += _(", pode ser nulo")
        return label

    def enum_values(self, node: dict) -> list[str]:
        resolved = self.resolve(node)
        values = list(resolved.get("enum", []))
        for alternative in resolved.get("oneOf") or resolved.get("anyOf") or []:
            values += [v for v in self.resolve(alternative).get("enum", []) if v not in values]
        return [str(value) for value in values if value not in ("", None)]

    def parameter(self, raw: dict) -> Field:
        node = raw.get("schema", {})
        return Field(
            name=raw["name"],
            location=str(LOCATIONS.get(raw["in"], raw["in"])),
            type=self.type_label(node),
            required=bool(raw.get("required")),
            description=inline_code(raw.get("description", "")),
            values=self.enum_values(node),
        )

    def body(self, operation: dict) -> tuple[list[Field], list[str], bool, dict]:
        request_body = operation.get("requestBody")
        if not request_body:
            return [], [], False, {}
        content = request_body.get("content", {})
        node = next(iter(content.values()), {}).get("schema", {})
        resolved = self.resolve(node)
        required = set(resolved.get("required", []))
        fields = [
            Field(
                name=name,
                location="",
                type=self.type_label(prop),
                required=name in required,
                description=inline_code(prop.get("description", "")),
                values=self.enum_values(prop),
            )
            for name, prop in resolved.get("properties", {}).items()
            if not prop.get("readOnly")
        ]
        return fields, list(content), bool(request_body.get("required")), resolved

    def responses(self, operation: dict) -> list[Response]:
        answers = []
        for code, raw in sorted(operation.get("responses", {}).items()):
            content = raw.get("content", {})
            kind = ""
            fields: list[Field] = []
            if content:
                media, body = next(iter(content.items()))
                kind = f"{self.type_label(body.get('schema', {}))} ({media})"
                fields = self.response_fields(body.get("schema", {}))
            description = raw.get("description") or str(STATUS_NAMES.get(code, ""))
            answers.append(Response(code, description, kind, fields))
        return answers

    def response_fields(self, node: dict, prefix: str = "") -> list[Field]:
        """What a client reads back: an object's fields, a list's item fields, and a page's ``results[].…``."""
        resolved = self.resolve(node)
        if resolved.get("type") == "array":
            return self.response_fields(resolved.get("items", {}), prefix + "[]." if prefix else "")
        required = set(resolved.get("required", []))
        fields = []
        for name, prop in resolved.get("properties", {}).items():
            if prop.get("writeOnly"):
                continue
            fields.append(
                Field(
                    name=prefix + name,
                    location="",
                    type=self.type_label(prop),
                    required=name in required,
                    description=inline_code(prop.get("description", "")),
                    values=self.enum_values(prop),
                )
            )
            item = self.resolve(prop)
            if not prefix and item.get("type") == "array" and self.resolve(item.get("items", {})).get("properties"):
                fields += self.response_fields(item, name)  # one level down: a page's results, a plan's axes
        return fields

    def curl(self, method: str, path: str, public: bool, body: dict, fields: list[Field]) -> str:
        url = self.base_url + re.sub(r"\{(\w+)\}", r"<\1>", path)
        lines = [f'curl -X {method.upper()} "{url}"' if method != "get" else f'curl "{url}"']
        if not public or method != "get":
            lines.append('-H "Authorization: Token <chave>"')
        properties = body.get("properties", {})
        chosen = [f for f in fields if f.required] or fields[:2]
        binary = [f for f in fields if self.resolve(properties[f.name]).get("format") == "binary"]
        if binary:
            for item in chosen + [f for f in binary if f not in chosen]:
                value = f"@{item.name}.pdf" if item in binary else self.example(item.name, properties[item.name])
                lines.append(f'-F "{item.name}={value}"')
        elif chosen:
            data = {f.name: self.example(f.name, properties[f.name], typed=True) for f in chosen}
            lines.append('-H "Content-Type: application/json"')
            lines.append(f"-d '{json.dumps(data, ensure_ascii=False)}'")
        return " \\\n  ".join(lines)

    def example(self, name: str, node: dict, typed: bool = False):
        resolved = self.resolve(node)
        values = self.enum_values(node)
        if values:
            return values[0]
        alternatives = resolved.get("oneOf") or resolved.get("anyOf")
        if alternatives:
            return self.example(name, alternatives[0], typed)
        kind = resolved.get("type")
        if typed and kind == "integer":
            return 1
        if typed and kind == "boolean":
            return bool(resolved.get("default", False))
        return f"<{name}>"

    def operation(self, method: str, path: str, raw: dict) -> Operation:
        public = any(not requirement for requirement in raw.get("security", [{}]))
        fields, types, required, body = self.body(raw)
        return Operation(
            id=raw.get("operationId") or slugify(f"{method}-{path}"),
            method=method.upper(),
            path=path,
            summary=raw.get("summary", ""),
            description=inline_code(raw.get("description", "")),
            public=public,
            parameters=[self.parameter(p) for p in raw.get("parameters", [])],
            body=fields,
            body_types=types,
            body_required=required,
            responses=self.responses(raw),
            curl=self.curl(method, path, public, body, fields),
        )

    def read(self) -> ApiDoc:
        tags: dict[str, list[Operation]] = {}
        for path, item in self.schema.get("paths", {}).items():
            for method in METHODS:
                if method in item:
                    tag = (item[method].get("tags") or [_("Outros")])[0]
                    tags.setdefault(tag, []).append(self.operation(method, path, item[method]))
        info = self.schema.get("info", {})
        return ApiDoc(
            title=info.get("title", ""),
            version=info.get("version", ""),
            openapi=self.schema.get("openapi", ""),
            description=inline_code(info.get("description", "")),
            tags=[Tag(name, "tag-" + slugify(name), operations) for name, operations in sorted(tags.items())],
        )


def read_schema(schema: dict, base_url: str) -> ApiDoc:
    """The page's content from an OpenAPI 3 dict; ``base_url`` (the site's address) starts the curl examples."""
    return _Reader(schema, base_url).read()


TYPE_NAMES = {"string": _lazy("texto"), "integer": _lazy("inteiro"), "number": _lazy("número"),
              "boolean": _lazy("verdadeiro ou falso"), "object": _lazy("objeto")}  # fmt: skip
FORMAT_NAMES = {"date": _lazy("data"), "date-time": _lazy("data e hora"), "uri": "URL", "binary": _lazy("arquivo"),
                "email": "e-mail", "uuid": "UUID", "decimal": "decimal", "double": "decimal"}  # fmt: skip
LOCATIONS = {"path": _lazy("caminho"), "query": _lazy("consulta"), "header": _lazy("cabeçalho"), "cookie": "cookie"}
STATUS_NAMES = {"200": _lazy("OK"), "201": _lazy("Criado"), "204": _lazy("Sem conteúdo")}

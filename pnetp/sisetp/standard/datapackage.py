"""The layout as a Frictionless Data Package descriptor (Table Schema per resource).

Coded columns carry their codes as ``enum`` (single) or as a ``pattern`` (lists); the vocabularies
themselves travel inline as the ``vocabularios`` resource, with their mappings written as SKOS
relations: ``exactMatch:X``, ``broadMatch:X`` (X is broader), ``narrowMatch:X`` (X is narrower).
"""

import re

from django.utils import translation

from . import STANDARD_VERSION, layout
from .schemes import SCHEMES
from .vocabularies import VOCABULARIES, get_vocabulary

SKOS = {"exact": "exactMatch", "broader": "broadMatch", "narrower": "narrowMatch"}


def mapping_cell(entry, scheme: str) -> str:
    return "; ".join(f"{SKOS[match.kind]}:{match.value}" for match in entry.matches(scheme))


def _field(col: layout.Column) -> dict:
    constraints = dict(col.constraints)
    if col.required:
        constraints["required"] = True
    if col.vocabulary:
        codes = get_vocabulary(col.vocabulary).codes()
        if col.multiple:
            one = "(?:" + "|".join(re.escape(code) for code in codes) + ")"
            constraints["pattern"] = f"^{one}(?:{re.escape(layout.LIST_SEPARATOR)}{one})*$"
        else:
            constraints["enum"] = codes
    descriptor = {"name": col.name, "type": col.type, "title": str(col.title), "description": str(col.description)}
    if constraints:
        descriptor["constraints"] = constraints
    # Custom properties (allowed by Table Schema) that importers and readers can rely on.
    if col.vocabulary:
        descriptor["vocabulary"] = col.vocabulary
    if col.multiple:
        descriptor["separator"] = layout.LIST_SEPARATOR
    if col.sensitive:
        descriptor["sensitive"] = True
    if col.identifying:
        descriptor["identifying"] = True
    descriptor["target"] = col.target
    return descriptor


def table_schema(resource: layout.Resource) -> dict:
    schema = {
        "fields": [_field(col) for col in resource.columns],
        "primaryKey": list(resource.primary_key),
        "missingValues": [""],
    }
    if resource.foreign_keys:
        schema["foreignKeys"] = [dict(fk) for fk in resource.foreign_keys]
    return schema


def _csv_resource(resource: layout.Resource) -> dict:
    return {
        "name": resource.name,
        "path": resource.path,
        "title": str(resource.title),
        "description": str(resource.description),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "header": True},
        "schema": table_schema(resource),
    }


def _vocabulary_resource() -> dict:
    rows = [
        {
            "vocabulario": vocabulary.slug,
            "codigo": item.code,
            "rotulo": str(item.label),
            **{scheme: mapping_cell(item, scheme) for scheme in SCHEMES},
        }
        for vocabulary in VOCABULARIES.values()
        for item in vocabulary.entries
    ]
    string = {"type": "string"}
    fields = [
        {"name": "vocabulario", "title": "Vocabulário", **string, "constraints": {"required": True}},
        {"name": "codigo", "title": "Código", **string, "constraints": {"required": True}},
        {"name": "rotulo", "title": "Rótulo", **string, "constraints": {"required": True}},
        *({"name": scheme, "title": str(info["title"]), **string} for scheme, info in SCHEMES.items()),
    ]
    return {
        "name": "vocabularios",
        "title": "Vocabulários e correspondências",
        "description": "Códigos de cada vocabulário, rótulo em português e correspondência com HTCDS 2.0, "
        "CTDC 2024, CTDC v6 e Disque 100 (relações SKOS exactMatch, broadMatch, narrowMatch).",
        "profile": "tabular-data-resource",
        "data": rows,
        "schema": {"fields": fields, "primaryKey": ["vocabulario", "codigo"], "missingValues": [""]},
    }


def datapackage() -> dict:
    """The descriptor, in pt-BR whatever the request language."""
    with translation.override("pt-br"):
        return {
            "profile": "tabular-data-package",
            "name": "sisetp-parametros-minimos",
            "title": "SISETP – parâmetros mínimos de dados sobre tráfico de pessoas",
            "description": (
                "Leiaute para envio de dados de casos de tráfico de pessoas ao SISETP (IV Plano Nacional de "
                "Enfrentamento ao Tráfico de Pessoas, atividade 2.1.2). Uma linha por pessoa de cada caso; "
                "a identificação direta vai num arquivo à parte. Célula vazia = desconhecido."
            ),
            "version": STANDARD_VERSION,
            "sources": [
                {
                    "title": "Human Trafficking Case Data Standard 2.0 (OIM, CC BY 4.0)",
                    "path": "https://github.com/UNMigration/HTCDS",
                },
                {
                    "title": "Counter Trafficking Data Collaborative – codebooks 2017 (v6) e 2024",
                    "path": "https://www.ctdatacollaborative.org/",
                },
                {"title": "Disque 100 – dicionário de dados e categorias de violação (MDHC)"},
                {"title": "Código Penal, art. 149-A (Lei nº 13.344/2016)"},
            ],
            "resources": [*(_csv_resource(resource) for resource in layout.RESOURCES), _vocabulary_resource()],
        }

"""The open statistics as data: each indicator's table and the multi-valued tables, from the stored release.

Shared by the CSV/JSON downloads, the data package and the public API, so they publish the same numbers.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from .catalogue import BY_CODE, INDICATORS
from .published import current_release, statistics

# Multi-valued tables stored with the release (file name → release attribute): a person counts once per value.
MULTIVALUED = {"nacionalidades": "citizenship", "formas-de-exploracao": "forms"}


def metadata(indicator, value) -> dict:
    return {
        "codigo": indicator.code,
        "nome": str(indicator.name),
        "definicao": str(indicator.definition),
        "numerador": str(indicator.numerator),
        "denominador": None if indicator.denominator is None else str(indicator.denominator),
        "fator": indicator.factor,
        "desagregacoes": list(indicator.disaggregations),
        "fonte": str(indicator.source),
        "periodicidade": str(indicator.periodicity),
        "valor": value,
    }


def table_for(code: str):
    """(protected table, indicator metadata or None) of ``code``, or None when nothing is published under it."""
    if code in MULTIVALUED:
        table = getattr(current_release(), MULTIVALUED[code])
        return None if table is None else (table, None)
    indicator = BY_CODE.get(code)
    if indicator is None:
        return None
    result = statistics()
    return result.tables[indicator.table], metadata(indicator, result.values[code])


def as_dict(table, indicator: dict | None) -> dict:
    """The JSON of a table: its records, k and the legend, after the indicator's metadata if it has one."""
    return {"indicador": indicator, **table.to_dict()} if indicator else table.to_dict()


def table_dict(code: str) -> dict | None:
    found = table_for(code)
    return None if found is None else as_dict(*found)


def catalogue() -> dict:
    """Every published indicator with its value, and the multi-valued tables that are published."""
    result = statistics()
    published = current_release()
    return {
        "k": result.k,
        "indicadores": [metadata(i, result.values[i.code]) for i in INDICATORS],
        "tabelas": [code for code, attribute in MULTIVALUED.items() if getattr(published, attribute) is not None],
    }


def published_codes() -> list[str]:
    """Codes of every table published now: the indicators', then the multi-valued ones."""
    return [i.code for i in INDICATORS] + catalogue()["tabelas"]


def datapackage() -> dict:
    """Frictionless (tabular) data package of the open statistics: each table's CSV, as downloaded, with its
    schema. A suppressed number is an empty ``valor`` with ``suprimido`` true."""
    k = statistics().k
    resources = []
    for code in published_codes():
        table, indicator = table_for(code)
        fields = [{"name": dim, "type": "string"} for dim in table.layout.dims] + [
            {"name": "valor", "type": "integer", "constraints": {"minimum": 0},
             "description": _("Número de pessoas únicas; vazio quando suprimido.")},
            {"name": "suprimido", "type": "boolean", "trueValues": ["true"], "falseValues": ["false"]},
            {"name": "faixa", "type": "string",
             "description": _("Faixa de uma contagem pequena suprimida (\"1 a %(max)s\") onde nenhum número "
                              "publicado a estreita; vazio nos demais.") % {"max": k - 1}},
        ]  # fmt: skip
        resources.append({
            "name": code,
            "path": f"{code}.csv",
            "profile": "tabular-data-resource",
            "title": indicator["nome"] if indicator else table.layout.name,
            "description": indicator["definicao"] if indicator else "",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {"fields": fields, "missingValues": [""]},
        })  # fmt: skip
    return {
        "profile": "tabular-data-package",
        "name": "pnetp-sisetp-estatisticas",
        "title": _("Estatísticas abertas do SISETP (tráfico de pessoas)"),
        "description": _(
            "Vítimas contadas como pessoas únicas, após o controle de divulgação: contagens de 1 a "
            "%(below)s, e as que permitiriam deduzi-las a partir dos totais, ficam vazias, com "
            "suprimido=true."
        )
        % {"below": k - 1},
        "created": timezone.now().replace(microsecond=0).isoformat(),
        "resources": resources,
    }

"""Public statistics page and downloads; every number comes from ``compute.release`` (the stored release)."""

import csv

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from pnetp.disclosure import legend

from . import compute
from .catalogue import BY_CODE, DISAGGREGATIONS, INDICATORS
from .release import current_release


def _indicator_rows(result):
    return [{"indicator": i, "value": result.values[i.code], "table": result.tables[i.table]} for i in INDICATORS]


@require_safe
def statistics_page(request):
    result = compute.release()
    context = {
        "indicators": _indicator_rows(result),
        "tables": [(name, table, table.display_grid()) for name, table in result.tables.items()],
        "legend": legend(result.k),
        "disaggregations": DISAGGREGATIONS,
        "release": result,
    }
    return render(request, "sisetp/statistics/index.html", context)


def _metadata(indicator, value) -> dict:
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


# Multi-valued tables stored with the release (file name → release attribute): a person counts once per value.
MULTIVALUED = {"nacionalidades": "citizenship", "formas-de-exploracao": "forms"}


@require_safe
def download(request, code, fmt):
    if fmt not in ("csv", "json"):
        raise Http404
    if code in MULTIVALUED:
        return _multivalued_download(code, fmt)
    indicator = BY_CODE.get(code)
    if indicator is None:
        raise Http404
    result = compute.release()
    table = result.tables[indicator.table]
    if fmt == "json":
        data = {"indicador": _metadata(indicator, result.values[code]), **table.to_dict()}
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    return _csv(code, table)


def _multivalued_download(code, fmt):
    table = getattr(current_release(), MULTIVALUED[code])
    if table is None:  # not published (its total is suppressed, or the joint protection failed)
        raise Http404
    if fmt == "json":
        return JsonResponse(table.to_dict(), json_dumps_params={"ensure_ascii": False, "indent": 2})
    return _csv(code, table)


def _csv(code, table) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{code}.csv"'
    # Booleans as the open-data files write them; a suppressed valor is an empty cell.
    writer = csv.writer(response, lineterminator="\n")
    for row in table.to_rows():
        writer.writerow(["" if v is None else str(v).lower() if isinstance(v, bool) else v for v in row])
    return response

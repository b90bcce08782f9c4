"""Public statistics page and downloads; every number comes from ``published.statistics`` (the stored release)."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from pnetp.core.spreadsheet_safety import csv_writer
from pnetp.disclosure import legend

from . import downloads, published
from .catalogue import DISAGGREGATIONS, INDICATORS


def _indicator_rows(result):
    return [{"indicator": i, "value": result.values[i.code], "table": result.tables[i.table]} for i in INDICATORS]


@require_safe
def statistics_page(request):
    result = published.statistics()
    context = {
        "indicators": _indicator_rows(result),
        "tables": [(name, table, table.display_grid()) for name, table in result.tables.items()],
        "legend": legend(result.k),
        "disaggregations": DISAGGREGATIONS,
        "release": result,
    }
    return render(request, "statistics/index.html", context)


@require_safe
def download(request, code, fmt):
    found = downloads.table_for(code) if fmt in ("csv", "json") else None
    if found is None:
        raise Http404
    if fmt == "json":
        return JsonResponse(downloads.as_dict(*found), json_dumps_params={"ensure_ascii": False, "indent": 2})
    return _csv(code, found[0])


def _csv(code, table) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{code}.csv"'
    # Booleans as the open-data files write them; a suppressed valor is an empty cell.
    writer = csv_writer(response, lineterminator="\n")
    for row in table.to_rows():
        writer.writerow(["" if v is None else str(v).lower() if isinstance(v, bool) else v for v in row])
    return response


@require_safe
def datapackage_json(request):
    return JsonResponse(downloads.datapackage(), json_dumps_params={"ensure_ascii": False, "indent": 2})

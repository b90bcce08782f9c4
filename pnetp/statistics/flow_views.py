"""Public flows page and its annual report; every number comes from ``published.flows`` (protected, audited)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from . import flow_report, published

FIRST_YEAR = 2000


def _year(value) -> int:
    """The requested year, or the last full year; nonsense is a 404, not a 500."""
    if value in (None, ""):
        return timezone.localdate().year - 1
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404
    return year


@require_safe
def flows_page(request):
    result = published.flows(_year(request.GET.get("ano")))
    return render(request, "statistics/flows.html", flow_report.context(result))


@require_safe
def flows_report(request, year, fmt):
    if fmt not in flow_report.CONTENT_TYPES:
        raise Http404
    body = flow_report.render(published.flows(_year(year)), fmt)
    response = HttpResponse(body, content_type=flow_report.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{flow_report.file_name(year, fmt)}"'
    return response

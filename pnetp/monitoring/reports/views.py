"""Download of a cycle's consolidated report. Not routed here: the lead wires it in urls.py, e.g.
``path("monitoramento/ciclos/<int:cycle_id>/relatorio.<str:fmt>", cycle_report_download)``.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from pnetp.accounts.models import Role
from pnetp.accounts.permissions import is_coordination
from pnetp.monitoring.models import MonitoringCycle

from . import FORMATS, build_cycle_report, file_name, render

# Who follows the plan as a whole; focal points see their own institution's reports elsewhere.
READERS = frozenset({Role.COORDINATION, Role.COMMITTEE_MEMBER, Role.ANALYST})


def can_download_cycle_report(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (is_coordination(user) or user.role in READERS))


def cycle_report_download(request: HttpRequest, cycle_id: int, fmt: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_download_cycle_report(request.user):
        raise PermissionDenied
    if fmt not in FORMATS:
        raise Http404
    cycle = get_object_or_404(MonitoringCycle.objects.select_related("plan"), pk=cycle_id)
    # Links to uploaded evidence point at this very site.
    report = build_cycle_report(cycle, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(render(report, fmt), content_type=FORMATS[fmt].content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name(cycle.name, fmt)}"'
    return response

"""The coordination dashboard. Figures come from ``data`` (the monitoring services); charts from ``figures``."""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from pnetp.accounts.models import Role
from pnetp.accounts.permissions import has_role

from . import data, figures

# The focal points' own page lives in pnetp.monitoring.web; the path is its documented address.
MY_ACTIVITIES_NAME = "monitoring_web:my_activities"
MY_ACTIVITIES_PATH = "/monitoramento/minhas-atividades/"


def _my_activities_url() -> str:
    try:
        return reverse(MY_ACTIVITIES_NAME)
    except NoReverseMatch:
        return MY_ACTIVITIES_PATH


def _forbidden(request):
    is_focal_point = has_role(request.user, Role.FOCAL_POINT)
    context = {"my_activities_url": _my_activities_url() if is_focal_point else ""}
    return render(request, "monitoring/dashboards/forbidden.html", context, status=403)


def dashboard(request):
    if not data.can_view_dashboard(request.user):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return _forbidden(request)
    selection = data.select(request.user, request.GET.get("plano", ""), request.GET.get("ciclo", ""))
    context = {"selection": selection}
    if selection.plan is not None:
        board = data.build_dashboard(selection.plan, selection.cycle, timezone.localdate())
        context.update(
            board=board,
            status_chart=figures.status_chart(board),
            axis_chart=figures.axis_progress_chart(board.tree),
            action_chart=figures.action_progress_chart(board.tree),
            timeline_charts=figures.timeline_charts(board),
        )
    return render(request, "monitoring/dashboards/dashboard.html", context)

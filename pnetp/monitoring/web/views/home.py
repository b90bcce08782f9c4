"""/monitoramento/: sends each role to its own starting page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from pnetp.monitoring.services.permissions import is_coordination

from ..access import can_follow_cycles, is_focal_point


@login_required
def monitoring_home(request):
    user = request.user
    if is_focal_point(user):
        return redirect("monitoring_web:my_activities")
    if is_coordination(user):
        return redirect("monitoring_web:review_queue")
    if can_follow_cycles(user):
        return redirect("monitoring_web:cycles")
    raise PermissionDenied

"""Minhas atividades: a focal point's work list for every open cycle."""

from django.utils import timezone

from pnetp.accounts.access import policy_required

from .. import queries
from ..access import is_focal_point
from ..rendering import render_page


@policy_required(is_focal_point)
def my_activities(request):
    institution_id = request.user.institution_id
    context = {
        "institution": request.user.institution,
        "sections": queries.my_activities(institution_id, timezone.localdate()),
        "closed_reports": queries.closed_cycle_reports(institution_id),
    }
    return render_page(request, "monitoring/web/my_activities.html", context)

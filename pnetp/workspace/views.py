"""The signed-in home page, /conta/painel/: the role's worklist, then quick links."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from pnetp.accounts.assurance import LEVEL_LABELS, govbr_level, has_second_factor

from .dashboard import build_worklist, dashboard_links


@login_required
@require_safe
def dashboard(request):
    user = request.user
    today = timezone.localdate()
    return render(
        request,
        "workspace/dashboard.html",
        {
            "role_label": user.get_role_display(),
            "institution": user.institution,
            "links": dashboard_links(user),
            "govbr_level": LEVEL_LABELS.get(govbr_level(user)),
            "second_factor": has_second_factor(user),
            "work": build_worklist(user, today),
            "today": today,
        },
    )

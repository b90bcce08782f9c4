"""Sign-in, sign-out and the personal dashboard.

Repeated failed sign-ins lock the user/address pair for a while (django-axes, see settings and
``lockout.py``); behind a reverse proxy, configure axes to read the client address it forwards.
"""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from .dashboard import build_worklist, dashboard_links


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
def dashboard(request):
    user = request.user
    today = timezone.localdate()
    return render(
        request,
        "accounts/dashboard.html",
        {
            "role_label": user.get_role_display(),
            "institution": user.institution,
            "links": dashboard_links(user),
            "work": build_worklist(user, today),
            "today": today,
        },
    )

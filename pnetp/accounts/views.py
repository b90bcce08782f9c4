"""Sign-in, sign-out and the personal dashboard.

Login has no rate limiting yet (no extra dependency for now); add django-axes or a reverse-proxy
limit before opening the platform to the internet.
"""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .dashboard import dashboard_links


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
def dashboard(request):
    user = request.user
    return render(
        request,
        "accounts/dashboard.html",
        {"role_label": user.get_role_display(), "institution": user.institution, "links": dashboard_links(user)},
    )

from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

app_name = "accounts"

urlpatterns = [
    path("entrar/", views.LoginView.as_view(), name="login"),
    # Django only signs out on POST, so a link or prefetch cannot end a session.
    path("sair/", auth_views.LogoutView.as_view(), name="logout"),
    path("painel/", views.dashboard, name="dashboard"),
    path("segundo-fator/", views.second_factor_page, name="second-factor"),
    # gov.br Login Único: authenticate/ (to gov.br), callback/ (back from it); names oidc_authentication_*.
    path("govbr/", include("mozilla_django_oidc.urls")),
    path("segundo-fator/verificar/", views.second_factor_verify, name="second-factor-verify"),
]

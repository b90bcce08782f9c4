from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from . import user_views, views

app_name = "accounts"

urlpatterns = [
    path("entrar/", views.LoginView.as_view(), name="login"),
    # Django only signs out on POST, so a link or prefetch cannot end a session.
    path("sair/", views.LogoutView.as_view(), name="logout"),
    path("segundo-fator/", views.second_factor_page, name="second-factor"),
    path("perfil/", views.profile, name="profile"),
    path("usuarios/", user_views.user_list, name="users"),
    path("usuarios/convidar/", user_views.user_invite, name="user-invite"),
    path("usuarios/<int:pk>/", user_views.user_page, name="user"),
    path("usuarios/<int:pk>/situacao/", user_views.user_set_active, name="user-set-active"),
    path("perfil/sair-de-todos/", views.sign_out_everywhere_view, name="sign-out-everywhere"),
    path(
        "senha/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html", success_url=reverse_lazy("accounts:password-change-done")
        ),
        name="password-change",
    ),
    path(
        "senha/alterada/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password-change-done",
    ),
    path(
        "senha/esqueci/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password-reset-done"),
        ),
        name="password-reset",
    ),
    path(
        "senha/esqueci/enviado/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password-reset-done",
    ),
    path(
        "senha/nova/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password-reset-complete"),
        ),
        name="password-reset-confirm",
    ),
    path(
        "senha/nova/pronto/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password-reset-complete",
    ),
    # gov.br Login Único: authenticate/ (to gov.br), callback/ (back from it); names oidc_authentication_*.
    path("govbr/", include("mozilla_django_oidc.urls")),
    path("segundo-fator/verificar/", views.second_factor_verify, name="second-factor-verify"),
]

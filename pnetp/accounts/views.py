"""Sign-in, sign-out, the second factor and the profile (the signed-in home page is ``pnetp.workspace``).

Repeated failed sign-ins lock the user/address pair for a while (django-axes, see settings and
``lockout.py``); behind a reverse proxy, configure axes to read the client address it forwards.
"""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from . import second_factor
from .assurance import LEVEL_LABELS, govbr_level, has_second_factor, needs_second_factor
from .forms import ProfileForm, TokenForm
from .govbr import govbr_enabled, logout_url, signed_in_with_govbr
from .services import sign_out_everywhere, update_profile


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "govbr_enabled": govbr_enabled()}


class LogoutView(auth_views.LogoutView):
    """Signs out here (POST only); a gov.br sign-in is also ended at gov.br (``govbr.logout_url``)."""

    def post(self, request, *args, **kwargs):
        at_govbr = signed_in_with_govbr(request) and govbr_enabled()
        target = logout_url(request)  # before the session is flushed
        response = super().post(request, *args, **kwargs)
        return redirect(target) if at_govbr else response


def _next_url(request, default="workspace:dashboard"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def second_factor_page(request):
    """Enrol an authenticator app (QR code or secret as text), confirm it with a first code, get recovery codes."""
    user = request.user
    confirmed = second_factor.has_confirmed_device(user)
    if confirmed and not has_second_factor(user):
        return redirect("accounts:second-factor-verify")  # changing it needs the current one first
    action = request.POST.get("action") if request.method == "POST" else None
    form = TokenForm(request.POST if action == "confirm" else None)
    codes = None
    if action == "recovery" and confirmed:
        codes = second_factor.new_recovery_codes(user)
    elif action == "confirm" and form.is_valid():
        codes = second_factor.confirm_enrolment(user, form.cleaned_data["token"])
        if codes is None:
            form.add_error("token", _("Código incorreto ou expirado. Confira a hora do aparelho e tente de novo."))
        else:
            otp_login(request, user.totpdevice_set.get(confirmed=True))
            confirmed = True
    replacing = action == "new" or (confirmed and codes is None and second_factor.has_pending_device(user))
    device = second_factor.pending_device(user) if not confirmed or replacing else None
    context = {
        "form": form,
        "device": device,
        "qr_svg": second_factor.qr_svg(device) if device else "",
        "secret": second_factor.secret_text(device) if device else "",
        "otpauth_uri": device.config_url if device else "",
        "confirmed": confirmed,
        "recovery_codes": codes,
        "remaining_codes": second_factor.remaining_recovery_codes(user),
        "required": needs_second_factor(user),
        "next": _next_url(request, ""),
    }
    return render(request, "accounts/second_factor.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def second_factor_verify(request):
    """Type the current code (or a recovery code) to confirm this session."""
    if not second_factor.has_confirmed_device(request.user):
        return redirect("accounts:second-factor")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.verify_session(request, form.cleaned_data["token"]):
            messages.success(request, _("Segundo fator confirmado para esta sessão."))
            return redirect(_next_url(request))
        form.add_error("token", _("Código incorreto ou expirado."))
    return render(request, "accounts/second_factor_verify.html", {"form": form, "next": _next_url(request, "")})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request):
    """Name and e-mail, how this session signed in, and links to password and second factor."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        update_profile(request.user, form)
        messages.success(request, _("Dados atualizados."))
        return redirect("accounts:profile")
    context = {
        "form": form,
        "govbr_level": LEVEL_LABELS.get(govbr_level(request.user)),
        "second_factor": has_second_factor(request.user),
    }
    return render(request, "accounts/profile.html", context)


@login_required
@require_POST
def sign_out_everywhere_view(request):
    sign_out_everywhere(request)
    messages.success(request, _("As sessões abertas em outros dispositivos foram encerradas."))
    return redirect("accounts:profile")

"""Authentication strength on every request (see ``assurance``).

``AssuranceMiddleware`` is django-otp's middleware (``request.user.is_verified()``) that also puts the
gov.br reliability level of this session on ``request.user.govbr_level``. ``SecondFactorMiddleware``
sends a user who needs a second factor (``assurance.needs_second_factor``) and has not confirmed one in
this session to enrolment (no device yet) or to the code page — the admin included. A gov.br sign-in at
prata or ouro counts as strong already.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.middleware import OTPMiddleware

from .assurance import GOVBR_LEVEL_SESSION_KEY, is_strongly_authenticated, needs_second_factor
from .second_factor import has_confirmed_device

# Pages a user may reach before confirming the second factor.
OPEN_URL_NAMES = ("accounts:second-factor", "accounts:second-factor-verify", "accounts:logout")


class AssuranceMiddleware(OTPMiddleware):
    def _verify_user_sync(self, request, user):
        user = super()._verify_user_sync(request, user)
        if user.is_authenticated:
            user.govbr_level = request.session.get(GOVBR_LEVEL_SESSION_KEY)
        return user


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(settings, "PNETP_SECOND_FACTOR_REQUIRED", True):
            response = self._redirect(request)
            if response is not None:
                return response
        return self.get_response(request)

    @staticmethod
    def _redirect(request):
        path = request.path_info
        if path.startswith(settings.STATIC_URL) or any(path == reverse(name) for name in OPEN_URL_NAMES):
            return None
        user = request.user
        if not user.is_authenticated or is_strongly_authenticated(user) or not needs_second_factor(user):
            return None
        target = "accounts:second-factor-verify" if has_confirmed_device(user) else "accounts:second-factor"
        if request.method != "GET":
            return redirect(target)
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")

"""gov.br Login Único (OpenID Connect) with mozilla-django-oidc: authorization code with PKCE S256, state
and nonce checked, the id token verified with the provider's RSA keys (JWKS at ``/jwk``), its issuer
and audience checked here (the library skips them).

gov.br's ``sub`` is the CPF: the account is the active local account with that CPF; nobody is created
by signing in (the coordination creates accounts and gives roles). The id token's
``reliability_info.level`` (bronze, silver, gold) is kept on the session as bronze, prata or ouro
(``assurance.GOVBR_LEVEL_SESSION_KEY``); prata and ouro count as strong authentication.

Signing out of a gov.br sign-in also ends the session at gov.br (``logout_url``, the
``OIDC_OP_LOGOUT_URL_METHOD``): gov.br's "Roteiro de integração" asks the browser to be sent to
``{issuer}/logout?post_logout_redirect_uri=<address registered with gov.br>``, from where it comes back.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from .assurance import GOVBR_LEVEL_SESSION_KEY, GOVBR_LEVELS
from .services import users_for_cpf


def govbr_enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def signed_in_with_govbr(request) -> bool:
    """The session began at gov.br (its reliability level is kept only for those)."""
    return bool(request.session.get(GOVBR_LEVEL_SESSION_KEY))


def logout_url(request) -> str:
    """Where the browser goes once signed out here: gov.br's end-session URL after a gov.br sign-in (it
    then sends the browser back to the home page, an address registered with gov.br), else the home page.
    Read before the session is flushed."""
    home = resolve_url(settings.LOGOUT_REDIRECT_URL)
    if not (govbr_enabled() and signed_in_with_govbr(request)):
        return home
    back = request.build_absolute_uri(home)
    return f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{urlencode({'post_logout_redirect_uri': back})}"


def reliability_level(claims: dict) -> str | None:
    info = claims.get("reliability_info") or {}
    level = info.get("level") if isinstance(info, dict) else None
    return GOVBR_LEVELS.get(str(level).lower()) if level else None


class GovBrBackend(OIDCAuthenticationBackend):
    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        if payload.get("iss", "").rstrip("/") != settings.PNETP_GOVBR_ISSUER.rstrip("/"):
            raise SuspiciousOperation("id token from an unexpected issuer")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("id token for another client")
        if "nonce" in kwargs:  # the id token (not a JWT userinfo): remember its reliability level
            self.govbr_level = reliability_level(payload)
        return payload

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims):
        return users_for_cpf(claims.get("sub", ""))

    def create_user(self, claims):
        return None  # never reached (OIDC_CREATE_USER = False): accounts come from the coordination

    def authenticate(self, request, **kwargs):
        self.govbr_level = None
        user = super().authenticate(request, **kwargs)
        if user is not None and request is not None:
            # Kept across auth.login (the session key is cycled, the data stays for a session without user).
            request.session[GOVBR_LEVEL_SESSION_KEY] = self.govbr_level or "bronze"
        return user


class GovBrCallbackView(OIDCAuthenticationCallbackView):
    @property
    def failure_url(self):
        return reverse("accounts:login")

    def login_failure(self):
        messages.error(
            self.request,
            _(
                "Não foi possível entrar com gov.br: não há conta ativa na plataforma para este CPF, ou a "
                "resposta do gov.br não pôde ser confirmada. Procure a coordenação."
            ),
        )
        return super().login_failure()

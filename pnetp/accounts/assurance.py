"""How strongly the person in front of the screen was authenticated, and who must be authenticated strongly.

Strong authentication is either gov.br Login Único at level prata or ouro (the level read from the id
token is kept on the session, ``GOVBR_LEVEL_SESSION_KEY``) or a local sign-in confirmed by a second
factor (django-otp: TOTP or a recovery code). Reading identities and granting access to them require
it (``pnetp.sisetp.permissions``); ``SecondFactorMiddleware`` sends the people who need it to enrol or
to confirm their code before anything else.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Role

GOVBR_LEVEL_SESSION_KEY = "pnetp_govbr_level"
# gov.br's reliability_info.level → the names people know (the "selos" of the gov.br account).
GOVBR_LEVELS = {"bronze": "bronze", "silver": "prata", "gold": "ouro"}
STRONG_GOVBR_LEVELS = {"prata", "ouro"}
LEVEL_LABELS = {"bronze": _("bronze"), "prata": _("prata"), "ouro": _("ouro")}


def govbr_level(user) -> str | None:
    """bronze, prata or ouro when this session signed in with gov.br; None for a local sign-in."""
    return getattr(user, "govbr_level", None)


def has_second_factor(user) -> bool:
    """This session confirmed a django-otp device (installed by the middleware as ``is_verified``)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(callable(is_verified) and is_verified())


def is_strongly_authenticated(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return govbr_level(user) in STRONG_GOVBR_LEVELS or has_second_factor(user)


def needs_second_factor(user) -> bool:
    """The coordination, and whoever holds an identity access grant in force (they read identities)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser or user.role == Role.COORDINATION:
        return True
    # Reverse relation of pnetp.sisetp's IdentityAccessGrant (no import: sisetp depends on accounts).
    grants = getattr(user, "identity_grants", None)
    if grants is None:
        return False
    return grants.filter(status="approved", revoked_at__isnull=True, valid_until__gte=timezone.localdate()).exists()


def strong_authentication_refusal() -> str:
    return str(_("Exige entrada com gov.br nível prata ou ouro, ou conta local confirmada com o segundo fator."))

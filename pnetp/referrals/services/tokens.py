"""The API token of a unit: the DRF token of the unit's system account, created or rotated by the coordination.

The system account is a ``network_professional`` user, member of that one unit, with no usable password (it
signs in only with its token). Rotating deletes the old key at once; the new key is returned once and never
shown again (DRF stores it, but no page reads it back).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from pnetp.accounts.models import Role
from pnetp.accounts.permissions import has_role
from pnetp.network.models import Unit, UnitMember


def can_manage_unit_tokens(user) -> bool:
    return has_role(user, Role.COORDINATION)


def system_username(unit: Unit) -> str:
    return f"sistema.unidade-{unit.pk}"


def rotate_unit_token(user, unit: Unit) -> str:
    """Create the unit's system account if needed and give it a new token; returns the key (shown once)."""
    if not can_manage_unit_tokens(user):
        raise PermissionDenied(_("Só a coordenação emite as chaves de API das unidades."))
    with transaction.atomic():
        account, created = get_user_model().objects.get_or_create(
            username=system_username(unit),
            defaults={"role": Role.NETWORK_PROFESSIONAL, "first_name": _("Sistema"), "last_name": unit.name[:150]},
        )
        if created:
            account.set_unusable_password()
            account.save(update_fields=["password"])
        UnitMember.objects.update_or_create(user=account, unit=unit, defaults={"active": True})
        Token.objects.filter(user=account).delete()
        return Token.objects.create(user=account).key


def has_unit_token(unit: Unit) -> bool:
    return Token.objects.filter(user__username=system_username(unit)).exists()

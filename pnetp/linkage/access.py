"""Who may work on the unique-persons linkage (the policy as functions, like ``sisetp.permissions``).

Reviewing pairs and exporting record → person id need pseudonymous case data only: the coordination
and the data analysts. Starting a run is the coordination's: it decrypts every identity (a logged
system processing) and rewrites the person ids the statistics count. Identities on the pair page
follow the general rule (``permissions.identity_access``): an active grant covering the source, never
for analysts, every read logged by ``services.identity.read_identity``.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from pnetp.accounts.models import Role
from pnetp.accounts.permissions import has_role, is_coordination


def can_review_linkage(user) -> bool:
    return has_role(user, Role.COORDINATION, Role.ANALYST)


def can_run_linkage(user) -> bool:
    return is_coordination(user)


def require_review_linkage(user) -> None:
    if not can_review_linkage(user):
        raise PermissionDenied(_("Só a coordenação e os analistas de dados revisam pares de registros."))


def require_run_linkage(user) -> None:
    if not can_run_linkage(user):
        raise PermissionDenied(_("Só a coordenação inicia uma ligação de registros."))

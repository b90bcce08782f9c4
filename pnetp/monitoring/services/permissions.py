"""Who may do what in monitoring.

Predicates (``can_*``) answer yes/no for interfaces; ``require_*`` raise ``PermissionDenied``
with a message in Portuguese. Roles come from ``accounts.Role``; a report belongs to one
institution, and only that institution's focal points write it, and only if the institution is
a lead or partner of the activity. The coordination reviews but never writes reports.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from pnetp.accounts.models import Role
from pnetp.accounts.permissions import is_coordination


def _is_active_user(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def is_focal_point_of(user, institution_id: int | None) -> bool:
    return (
        _is_active_user(user)
        and user.role == Role.FOCAL_POINT
        and institution_id is not None
        and user.institution_id == institution_id
    )


def institution_takes_part(activity, institution_id: int) -> bool:
    """Whether the institution is a lead or partner of the activity's responsibility."""
    responsibility = getattr(activity, "responsibility", None)
    if responsibility is None:
        return False
    return (
        responsibility.lead_institutions.filter(pk=institution_id).exists()
        or responsibility.partner_institutions.filter(pk=institution_id).exists()
    )


def can_write_report(user, activity, institution_id: int) -> bool:
    return is_focal_point_of(user, institution_id) and institution_takes_part(activity, institution_id)


def can_review(user) -> bool:
    return is_coordination(user)


def can_comment(user, report) -> bool:
    return is_coordination(user) or is_focal_point_of(user, report.institution_id)


def require_coordination(user, action: str) -> None:
    if not is_coordination(user):
        raise PermissionDenied(_("Somente a coordenação nacional pode %(action)s.") % {"action": action})


def require_report_writer(user, activity, institution_id: int) -> None:
    if not is_focal_point_of(user, institution_id):
        raise PermissionDenied(_("Somente os pontos focais da instituição podem preencher ou enviar o relatório dela."))
    if not institution_takes_part(activity, institution_id):
        raise PermissionDenied(
            _("A instituição não é responsável nem parceira da atividade %(code)s.") % {"code": activity.code}
        )


def require_commenter(user, report) -> None:
    if not can_comment(user, report):
        raise PermissionDenied(
            _("Somente a coordenação e os pontos focais da instituição podem comentar este relatório.")
        )

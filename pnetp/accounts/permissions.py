"""Who may do what: the platform's whole authorization policy, as plain functions.

Views, the admin and templates ask these functions; nothing else decides. Templates may use them
to hide links, but the server checks again (see ``pnetp.accounts.access``).

Roles:
- coordination: the national coordination; manages everything (admin, institutions, plans);
- focal point: belongs to one institution; will edit that institution's reports;
- committee member: follows the published plan and the monitoring dashboards;
- analyst: reads published data;
- anonymous public: reads published plans and the institution directory.

Every function accepts ``AnonymousUser`` as well as a ``User``.
"""

from .models import Role


def has_role(user, *roles: str) -> bool:
    """Active, authenticated and holding one of ``roles`` (a superuser counts as coordination)."""
    return bool(getattr(user, "is_authenticated", False)) and user.has_role(*roles)


def is_coordination(user) -> bool:
    return has_role(user, Role.COORDINATION)


def can_access_admin(user) -> bool:
    return is_coordination(user)


def can_manage_users(user) -> bool:
    """Invite people, give roles and institutions, deactivate accounts (never delete)."""
    return is_coordination(user)


def can_manage_institutions(user) -> bool:
    """Create institutions and import the institution directory."""
    return is_coordination(user)


def can_edit_institution(user, institution) -> bool:
    # Focal points report on behalf of their institution but do not edit its registration.
    return is_coordination(user)


def can_view_institution_history(user, institution) -> bool:
    return is_coordination(user)


def can_edit_institution_reports(user, institution) -> bool:
    """For the monitoring module: the coordination, or a focal point of that very institution."""
    if is_coordination(user):
        return True
    return has_role(user, Role.FOCAL_POINT) and institution is not None and user.institution_id == institution.pk


def can_view_draft_plans(user) -> bool:
    # A draft is the coordination's working copy (an import under review); everyone else, committee
    # members included, sees a plan once it is published — on the pages, in the API and in exports.
    return is_coordination(user)

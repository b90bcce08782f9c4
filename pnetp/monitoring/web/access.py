"""Who may open which monitoring page.

Page checks only: every change is checked again by the services, which have the last word.
Anonymous visitors go to the login page (``policy_required`` / ``login_required``); signed-in
users without permission get 403.
"""

from pnetp.accounts.models import Role
from pnetp.accounts.permissions import has_role
from pnetp.monitoring.models import ProgressReport
from pnetp.monitoring.services.permissions import can_write_report, is_focal_point_of
from pnetp.monitoring.services.visibility import sees_report_internals


def is_focal_point(user) -> bool:
    return is_focal_point_of(user, getattr(user, "institution_id", None))


def can_follow_cycles(user) -> bool:
    """Cycle pages are read by those who follow the plan as a whole (same readers as the cycle report)."""
    return has_role(user, Role.COORDINATION, Role.COMMITTEE_MEMBER, Role.ANALYST)


# Drafts, private evidence and return reasons stay between the coordination and the institution.
can_view_report = sees_report_internals


def can_edit_report(user, report: ProgressReport) -> bool:
    return (
        report.is_editable_state
        and report.cycle.is_open
        and can_write_report(user, report.activity, report.institution_id)
    )


def can_download_evidence(user, evidence) -> bool:
    """Public evidence is public only once its report is approved; until then it is as private as the rest."""
    report = evidence.report
    if evidence.is_public and report.state == ProgressReport.State.APPROVED:
        return True
    return can_view_report(user, report)

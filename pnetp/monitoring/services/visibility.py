"""Who reads which progress reports, for the pages and the API alike.

The public (and committee members and analysts, who have no more rights over reports) reads approved
reports of the plans it may see, with public evidence only. The coordination and the report's own
focal points also see drafts, private evidence and return reasons.
"""

from django.db.models import Q, QuerySet

from pnetp.monitoring.models import ProgressReport
from pnetp.plans.queries import visible_plans

from .permissions import is_coordination, is_focal_point_of


def sees_report_internals(user, report: ProgressReport) -> bool:
    """Drafts, private evidence and the return reason: the coordination and the institution's focal points."""
    return is_coordination(user) or is_focal_point_of(user, report.institution_id)


def visible_reports(user) -> QuerySet[ProgressReport]:
    reports = ProgressReport.objects.all()
    if is_coordination(user):
        return reports
    allowed = Q(state=ProgressReport.State.APPROVED, activity__plan__in=visible_plans(user))
    institution_id = getattr(user, "institution_id", None)
    if is_focal_point_of(user, institution_id):
        allowed |= Q(institution_id=institution_id)
    return reports.filter(allowed)

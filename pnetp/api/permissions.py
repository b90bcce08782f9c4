"""Who reads which reports through the API; every write is decided by the monitoring services.

The public (and committee members and analysts, who have no more rights over reports) reads
approved reports of the plans it may see, with public evidence only. Focal points also read every
report of their own institution; the coordination reads everything.
"""

from django.db.models import Q, QuerySet

from pnetp.monitoring.models import ProgressReport
from pnetp.monitoring.services.permissions import is_coordination, is_focal_point_of
from pnetp.plans.queries import visible_plans


def visible_reports(user) -> QuerySet[ProgressReport]:
    reports = ProgressReport.objects.all()
    if is_coordination(user):
        return reports
    allowed = Q(state=ProgressReport.State.APPROVED, activity__plan__in=visible_plans(user))
    institution_id = getattr(user, "institution_id", None)
    if is_focal_point_of(user, institution_id):
        allowed |= Q(institution_id=institution_id)
    return reports.filter(allowed)


def sees_internals(user, report: ProgressReport) -> bool:
    """Private evidence and the return reason: for the coordination and the report's own focal points."""
    return is_coordination(user) or is_focal_point_of(user, report.institution_id)

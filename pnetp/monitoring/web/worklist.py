"""What each role has to do in monitoring, for the home page after sign-in (``workspace.dashboard``).

Reads only. Focal points: reports their institution owes in open cycles (with deadlines), reports returned
with the reason, recent comments from the coordination. Coordination: reports waiting for review and cycles
whose deadline is near or past with reports still missing.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q

from pnetp.monitoring.models import MonitoringCycle, ProgressReport, ReportComment
from pnetp.monitoring.services.obligations import reporting_obligations

from .queries import my_activities, review_queue

State = ProgressReport.State
SOON = timedelta(days=14)  # a deadline this close is "expiring"
RECENT = timedelta(days=30)


@dataclass(frozen=True)
class DueReport:
    activity: object
    cycle: MonitoringCycle
    report: ProgressReport | None
    days_left: int  # negative: days overdue

    @property
    def deadline(self) -> date:
        return self.cycle.reporting_deadline

    @property
    def days_late(self) -> int:
        return max(0, -self.days_left)


@dataclass(frozen=True)
class CycleDeadline:
    cycle: MonitoringCycle
    pending: int  # reports owed and not yet submitted
    days_left: int


def reports_due(institution_id: int, today: date) -> list[DueReport]:
    """Reports the institution still has to write or fix in open cycles, nearest deadline first."""
    due = []
    for section in my_activities(institution_id, today):
        days_left = (section.cycle.reporting_deadline - today).days
        for row in section.rows:
            if row.report is not None and row.report.state in ProgressReport.REPORTED_STATES:
                continue
            if row.report is None and not row.is_lead:
                continue  # partners are not chased (see obligations)
            due.append(DueReport(row.activity, section.cycle, row.report, days_left))
    return due


def returned_reports(institution_id: int):
    return (
        ProgressReport.objects.filter(institution_id=institution_id, state=State.RETURNED)
        .select_related("activity__plan", "cycle")
        .order_by("-returned_at")
    )


def recent_comments(user, institution_id: int, today: date, limit: int = 5):
    """Latest comments on the institution's unapproved reports written by someone else."""
    since = today - RECENT
    return (
        ReportComment.objects.filter(report__institution_id=institution_id, created_at__date__gte=since)
        .exclude(author=user)
        .exclude(report__state=State.APPROVED)
        .select_related("report__activity", "report__cycle")
        .order_by("-created_at")[:limit]
    )


def waiting_review():
    return review_queue()


def cycle_deadlines(today: date) -> list[CycleDeadline]:
    """Open cycles whose reporting deadline is within ``SOON`` or past, with the reports still owed."""
    cycles = MonitoringCycle.objects.filter(
        Q(reporting_deadline__lte=today + SOON), state=MonitoringCycle.State.OPEN
    ).select_related("plan")
    rows = []
    for cycle in cycles.order_by("reporting_deadline"):
        pending = sum(1 for o in reporting_obligations(cycle) if not o.reported)
        rows.append(CycleDeadline(cycle, pending, (cycle.reporting_deadline - today).days))
    return rows

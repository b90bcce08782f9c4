"""Read-only data for the monitoring pages: what each page lists, in few queries."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from pnetp.monitoring.models import MonitoringCycle, ProgressReport, Responsibility
from pnetp.monitoring.services.accountability import days_overdue
from pnetp.plans.models import Activity, Plan, code_sort_key

State = ProgressReport.State


@dataclass(frozen=True)
class ActivityRow:
    activity: Activity
    is_lead: bool
    end_date: date | None  # the activity's own deadline (responsibility)
    report: ProgressReport | None
    overdue_days: int  # past the cycle's reporting deadline without a submitted report

    @property
    def action(self) -> str:
        """Which button the row offers: "write", "continue" or "view"."""
        if self.report is None:
            return "write"
        return "continue" if self.report.is_editable_state else "view"


@dataclass
class CycleSection:
    cycle: MonitoringCycle
    rows: list[ActivityRow] = field(default_factory=list)


def institution_activities(institution_id: int):
    """Activities the institution leads or partners, with plan and responsibility loaded."""
    takes_part = Q(responsibility__lead_institutions=institution_id) | Q(
        responsibility__partner_institutions=institution_id
    )
    return Activity.objects.filter(takes_part).distinct().select_related("plan", "responsibility")


def my_activities(institution_id: int, today: date) -> list[CycleSection]:
    """One section per open cycle of the plans the institution works on, activities in code order."""
    activities = sorted(institution_activities(institution_id), key=lambda a: code_sort_key(a.code))
    led = set(
        Responsibility.lead_institutions.through.objects.filter(institution_id=institution_id).values_list(
            "responsibility__activity_id", flat=True
        )
    )
    cycles = MonitoringCycle.objects.filter(
        state=MonitoringCycle.State.OPEN, plan_id__in={a.plan_id for a in activities}
    ).order_by("reporting_deadline", "name")
    reports = {
        (r.activity_id, r.cycle_id): r
        for r in ProgressReport.objects.filter(institution_id=institution_id, cycle__in=cycles).select_related("status")
    }
    sections = []
    for cycle in cycles:
        late = days_overdue(cycle, today)
        section = CycleSection(cycle)
        for activity in activities:
            if activity.plan_id != cycle.plan_id:
                continue
            report = reports.get((activity.pk, cycle.pk))
            reported = report is not None and report.state in ProgressReport.REPORTED_STATES
            section.rows.append(
                ActivityRow(
                    activity=activity,
                    is_lead=activity.pk in led,
                    end_date=activity.responsibility.end_date,
                    report=report,
                    overdue_days=0 if reported else late,
                )
            )
        sections.append(section)
    return sections


def closed_cycle_reports(institution_id: int):
    return (
        ProgressReport.objects.filter(institution_id=institution_id, cycle__state=MonitoringCycle.State.CLOSED)
        .select_related("activity", "cycle", "status")
        .order_by("-cycle__period_end", "activity__position")
    )


def review_queue():
    """Submitted reports, oldest submission first: the order in which they should be read."""
    return (
        ProgressReport.objects.filter(state=State.SUBMITTED)
        .select_related("activity__plan", "cycle", "institution", "status", "submitted_by")
        .order_by("submitted_at", "pk")
    )


def cycle_reports(cycle):
    reports = ProgressReport.objects.filter(cycle=cycle).select_related("activity", "institution", "status")
    return sorted(reports, key=lambda r: (code_sort_key(r.activity.code), r.institution.acronym))


def plan_activities(plan: Plan):
    """Every activity of the plan with its responsibility, institutions and indicator count."""
    activities = (
        Activity.objects.filter(plan=plan)
        .select_related("responsibility")
        .prefetch_related("responsibility__lead_institutions", "responsibility__partner_institutions", "indicators")
    )
    return sorted(activities, key=lambda a: code_sort_key(a.code))

"""What the coordination dashboard shows, taken from the monitoring services.

Progress comes from ``services.rollup`` and the table from ``services.accountability``, so the
dashboard agrees with the cycle report and the API; this module only groups the figures.
Status and progress follow the chosen cycle; deadlines (late activities, the timeline) are judged
today, with the latest approved reports, exactly as ``rollup.overdue_activities`` does.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from pnetp.accounts.models import Role
from pnetp.accounts.permissions import has_role
from pnetp.institutions.models import Institution
from pnetp.monitoring.models import MonitoringCycle, ProgressReport, StatusOption
from pnetp.monitoring.reports.assembly import activity_status, no_report_label
from pnetp.monitoring.services.accountability import InstitutionAccountability, accountability_table, overdue_reports
from pnetp.monitoring.services.rollup import (
    ProgressNode,
    activity_progress,
    overdue_activities,
    overdue_cutoff,
    plan_progress,
)
from pnetp.plans.models import Activity, Plan, code_sort_key
from pnetp.plans.queries import visible_plans

# Who follows the plan as a whole; focal points work on their own institution's reports instead.
READERS = (Role.COORDINATION, Role.COMMITTEE_MEMBER, Role.ANALYST)


def can_view_dashboard(user) -> bool:
    return has_role(user, *READERS)


# ------------------------------------------------------------------ choosing plan and cycle


@dataclass(frozen=True)
class Selection:
    plans: tuple[Plan, ...]
    plan: Plan | None
    cycles: tuple[MonitoringCycle, ...]
    cycle: MonitoringCycle | None  # None when the plan has no cycle yet


def _default_plan(plans: list[Plan]) -> Plan | None:
    national = [p for p in plans if p.kind == Plan.Kind.NATIONAL and p.status == Plan.Status.PUBLISHED]
    return (national or plans or [None])[0]


def select(user, plan_slug: str = "", cycle_id: str = "") -> Selection:
    """The plan and cycle asked for, or the defaults (the national plan, its latest cycle) when
    nothing, or something unknown, was asked for."""
    plans = list(visible_plans(user).order_by("-start_year", "title", "pk"))
    plan = next((p for p in plans if p.slug == plan_slug), None) or _default_plan(plans)
    cycles = list(plan.cycles.order_by("-period_end", "-pk")) if plan else []
    cycle = next((c for c in cycles if str(c.pk) == str(cycle_id)), None) or (cycles[0] if cycles else None)
    return Selection(tuple(plans), plan, tuple(cycles), cycle)


# ------------------------------------------------------------------ figures


@dataclass(frozen=True)
class ActivityInfo:
    code: str
    text: str
    leads: tuple[str, ...]
    start: date | None
    end: date | None


@dataclass(frozen=True)
class AxisStatus:
    code: str
    title: str
    counts: tuple[int, ...]  # aligned with Dashboard.statuses

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class LateActivity:
    code: str
    text: str
    institutions: tuple[str, ...]
    end_date: date
    days_late: int
    statuses: tuple[str, ...]


@dataclass(frozen=True)
class LateReport:
    activity_code: str
    activity_text: str
    institution: str
    state: str
    days_overdue: int


@dataclass(frozen=True)
class TimelineRow:
    code: str
    text: str
    start: date | None
    end: date | None
    kind: str  # "done", "late", "open" or "undated"


@dataclass(frozen=True)
class AxisTimeline:
    code: str
    title: str
    rows: tuple[TimelineRow, ...]


@dataclass(frozen=True)
class Dashboard:
    plan: Plan
    cycle: MonitoringCycle | None
    today: date
    late_on: date  # the day "atividades com prazo vencido" is judged on (rollup.overdue_cutoff)
    tree: ProgressNode
    statuses: tuple[str, ...]  # columns of the status distribution, "Sem relatório aprovado" last
    axis_statuses: tuple[AxisStatus, ...]
    late_activities: tuple[LateActivity, ...]
    late_reports: tuple[LateReport, ...]
    accountability: tuple[InstitutionAccountability, ...]
    timeline: tuple[AxisTimeline, ...]

    @property
    def status_totals(self) -> tuple[int, ...]:
        return tuple(sum(column) for column in zip(*(a.counts for a in self.axis_statuses), strict=True))

    @property
    def reports_assigned(self) -> int:
        return sum(row.assigned for row in self.accountability)

    @property
    def reports_approved(self) -> int:
        return sum(row.approved for row in self.accountability)


def activity_infos(plan) -> dict[int, ActivityInfo]:
    """{activity id: code, text, lead acronyms and dates} (three queries)."""
    activities = Activity.objects.filter(plan=plan).select_related("responsibility")
    activities = activities.prefetch_related("responsibility__lead_institutions")
    infos = {}
    for activity in activities:
        responsibility = getattr(activity, "responsibility", None)
        leads = sorted(i.acronym or i.name for i in responsibility.lead_institutions.all()) if responsibility else []
        infos[activity.pk] = ActivityInfo(
            activity.code,
            activity.description,
            tuple(leads),
            responsibility.start_date if responsibility else None,
            responsibility.end_date if responsibility else None,
        )
    return infos


def status_columns(used: set[str]) -> tuple[str, ...]:
    """Active options always (a zero is informative), retired ones only while in use, then "none"."""
    options = StatusOption.objects.order_by("order", "label").values_list("label", "active")
    columns = [label for label, active in options if active or label in used]
    columns += sorted(used - set(columns) - {no_report_label()})
    return (*columns, no_report_label())


def _axis_statuses(tree: ProgressNode) -> tuple[tuple[str, ...], tuple[AxisStatus, ...]]:
    order = dict(StatusOption.objects.values_list("label", "order"))
    per_axis = [
        (axis, Counter(activity_status(leaf, order) for action in axis.children for leaf in action.children))
        for axis in tree.children
    ]
    columns = status_columns({label for _axis, counts in per_axis for label in counts})
    rows = tuple(AxisStatus(axis.code, axis.title, tuple(counts[c] for c in columns)) for axis, counts in per_axis)
    return columns, rows


def _late_reports(cycle, today: date, infos: dict[int, ActivityInfo]) -> tuple[LateReport, ...]:
    late = overdue_reports(cycle, today)
    names = {i.pk: i.acronym or i.name for i in Institution.objects.filter(pk__in={r.institution_id for r in late})}
    states = dict(ProgressReport.State.choices)
    rows = [
        LateReport(
            r.activity_code,
            infos[r.activity_id].text,
            names.get(r.institution_id, ""),
            str(states[r.state]) if r.state else _("Não iniciado"),
            r.days_overdue,
        )
        for r in late
    ]
    return tuple(sorted(rows, key=lambda r: (r.institution.casefold(), code_sort_key(r.activity_code))))


def _timeline(plan, tree: ProgressNode, infos, late_ids: set[int]) -> tuple[AxisTimeline, ...]:
    current = activity_progress(plan)  # deadlines are judged with the latest figures, like overdue_activities

    def kind(activity_id: int) -> str:
        info = infos[activity_id]
        if info.start is None and info.end is None:
            return "undated"
        if activity_id in late_ids:
            return "late"
        return "done" if current[activity_id].done else "open"

    return tuple(
        AxisTimeline(
            axis.code,
            axis.title,
            tuple(
                TimelineRow(
                    leaf.code,
                    infos[leaf.activity_id].text,
                    infos[leaf.activity_id].start,
                    infos[leaf.activity_id].end,
                    kind(leaf.activity_id),
                )  # fmt: skip
                for action in axis.children
                for leaf in action.children
            ),
        )
        for axis in tree.children
    )


def build_dashboard(plan, cycle, today: date) -> Dashboard:
    tree = plan_progress(plan, cycle)
    infos = activity_infos(plan)
    statuses, axis_statuses = _axis_statuses(tree)
    late = overdue_activities(plan, today, cycle)  # the cycle report counts the same (rollup.overdue_cutoff)
    late_activities = tuple(
        LateActivity(
            a.code, infos[a.activity_id].text, infos[a.activity_id].leads, a.end_date, a.days_late, a.status_labels
        )  # fmt: skip
        for a in sorted(late, key=lambda a: (-a.days_late, code_sort_key(a.code)))  # most late first
    )
    return Dashboard(
        plan=plan,
        cycle=cycle,
        today=today,
        late_on=overdue_cutoff(today, cycle),
        tree=tree,
        statuses=statuses,
        axis_statuses=axis_statuses,
        late_activities=late_activities,
        late_reports=_late_reports(cycle, today, infos) if cycle else (),
        accountability=tuple(accountability_table(cycle, today)) if cycle else (),
        timeline=_timeline(plan, tree, infos, {a.activity_id for a in late}),
    )

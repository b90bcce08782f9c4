"""Progress of activities rolled up to priority actions, axes and the plan.

Rules (documented for users as well):
- Only *approved* reports count. For each (activity, institution) the latest approved report up to
  the chosen cycle is used, so a value carries forward until a newer one is approved.
- A report's progress is its percent complete, or its status's default percent when it gave none.
- An activity's progress is the plain average over the institutions that reported it.
- Reports whose status does not count toward progress (cancelada) are dropped; an activity left
  with no counted report is excluded from the roll-up entirely (it weighs nothing above it).
- An activity with no approved report counts as 0%: silence is not progress.
- Action, axis and plan progress are the weighted average of all counted activities below them,
  using Responsibility.weight (1 when the activity has no responsibility yet). A parent's own
  weight is the sum of its counted activities' weights, so every level agrees with the one below.

Everything is computed in Python from four queries, whatever the plan's size.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from pnetp.monitoring.models import ProgressReport
from pnetp.plans.models import Activity, Axis, PriorityAction

DEFAULT_WEIGHT = Decimal("1")
CENT = Decimal("0.01")


def to_percent(value: Fraction | None) -> Decimal | None:
    if value is None:
        return None
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ReportFigure:
    """The part of an approved report that the roll-up needs."""

    report_id: int
    activity_id: int
    institution_id: int
    cycle_id: int
    percent: int
    counts: bool
    done: bool
    status_label: str


@dataclass(frozen=True)
class ActivityProgress:
    activity_id: int
    code: str
    action_id: int
    weight: Decimal
    progress: Decimal | None  # None when excluded
    excluded: bool
    done: bool
    reports: tuple[ReportFigure, ...] = ()

    @property
    def reported(self) -> bool:
        return bool(self.reports)


@dataclass(frozen=True)
class ProgressNode:
    level: str  # "plan", "axis" or "action"
    id: int
    code: str
    title: str
    progress: Decimal | None  # None when every activity below is excluded
    weight: Decimal
    counted: int
    excluded: int
    children: tuple = field(default=())


def latest_approved_reports(plan, cycle=None) -> dict[int, list[ReportFigure]]:
    """Latest approved report per (activity, institution), up to ``cycle`` (all cycles when None)."""
    reports = ProgressReport.objects.filter(state=ProgressReport.State.APPROVED, cycle__plan=plan)
    if cycle is not None:
        reports = reports.filter(cycle__period_end__lte=cycle.period_end)
    rows = reports.order_by("cycle__period_end", "cycle_id").values_list(
        "id", "activity_id", "institution_id", "cycle_id", "percent_complete",
        "status__default_percent", "status__counts_toward_progress", "status__is_done", "status__label",
    )  # fmt: skip
    latest: dict[tuple[int, int], ReportFigure] = {}
    for report_id, activity_id, institution_id, cycle_id, percent, default, counts, done, label in rows:
        # Ordered by period, so later cycles overwrite earlier ones.
        latest[activity_id, institution_id] = ReportFigure(
            report_id=report_id,
            activity_id=activity_id,
            institution_id=institution_id,
            cycle_id=cycle_id,
            percent=percent if percent is not None else (default or 0),
            counts=counts is not False,
            done=bool(done),
            status_label=label or "",
        )
    by_activity: dict[int, list[ReportFigure]] = defaultdict(list)
    for figure in latest.values():
        by_activity[figure.activity_id].append(figure)
    return by_activity


def _combine(figures: list[ReportFigure]) -> tuple[Fraction | None, bool, bool]:
    """(progress, excluded, done) of one activity from its institutions' latest approved reports."""
    if not figures:
        return Fraction(0), False, False
    counted = [f for f in figures if f.counts]
    if not counted:
        return None, True, False
    progress = Fraction(sum(f.percent for f in counted), len(counted))
    return progress, False, all(f.done for f in counted)


def _activity_rows(plan):
    return (
        Activity.objects.filter(plan=plan)
        .order_by("position", "id")
        .values_list("id", "code", "action_id", "responsibility__weight")
    )


def _evaluate(row, figures) -> tuple[ActivityProgress, Fraction | None]:
    """An activity's public result and its exact progress (kept unrounded for the roll-up)."""
    activity_id, code, action_id, weight = row
    activity_figures = figures.get(activity_id, [])
    progress, excluded, done = _combine(activity_figures)
    result = ActivityProgress(
        activity_id=activity_id,
        code=code,
        action_id=action_id,
        weight=weight if weight is not None else DEFAULT_WEIGHT,
        progress=to_percent(progress),
        excluded=excluded,
        done=done,
        reports=tuple(activity_figures),
    )
    return result, progress


def activity_progress(plan, cycle=None) -> dict[int, ActivityProgress]:
    """Progress of every activity of the plan, keyed by activity id, in plan order."""
    figures = latest_approved_reports(plan, cycle)
    return {row[0]: _evaluate(row, figures)[0] for row in _activity_rows(plan)}


class _Sum:
    """Running weighted sum of exact activity progress."""

    def __init__(self):
        self.weighted = Fraction(0)
        self.weight = Fraction(0)
        self.counted = 0
        self.excluded = 0

    def add(self, weight: Decimal, progress: Fraction | None) -> None:
        if progress is None:
            self.excluded += 1
            return
        self.counted += 1
        self.weight += Fraction(weight)
        self.weighted += Fraction(weight) * progress

    def node(self, level, id, code, title, children) -> ProgressNode:
        progress = self.weighted / self.weight if self.weight else None
        return ProgressNode(
            level=level,
            id=id,
            code=code,
            title=title,
            progress=to_percent(progress),
            weight=Decimal(self.weight.numerator) / Decimal(self.weight.denominator),
            counted=self.counted,
            excluded=self.excluded,
            children=tuple(children),
        )


def plan_progress(plan, cycle=None) -> ProgressNode:
    """The plan's progress tree: plan → axes → actions → ActivityProgress leaves."""
    figures = latest_approved_reports(plan, cycle)
    plan_sum = _Sum()
    axis_sums: dict[int, _Sum] = defaultdict(_Sum)
    action_sums: dict[int, _Sum] = defaultdict(_Sum)
    leaves: dict[int, list[ActivityProgress]] = defaultdict(list)
    actions = PriorityAction.objects.filter(plan=plan).order_by("position", "id")
    actions = list(actions.values_list("id", "code", "title", "axis_id"))
    axis_of = {action_id: axis_id for action_id, _, _, axis_id in actions}
    for row in _activity_rows(plan):
        activity, progress = _evaluate(row, figures)
        for running in (action_sums[activity.action_id], axis_sums[axis_of[activity.action_id]], plan_sum):
            running.add(activity.weight, progress)
        leaves[activity.action_id].append(activity)
    action_nodes: dict[int, list[ProgressNode]] = defaultdict(list)
    for action_id, code, title, axis_id in actions:
        action_nodes[axis_id].append(action_sums[action_id].node("action", action_id, code, title, leaves[action_id]))
    axes = Axis.objects.filter(plan=plan).order_by("position", "id").values_list("id", "code", "title")
    axis_nodes = [
        axis_sums[axis_id].node("axis", axis_id, code, title, action_nodes[axis_id]) for axis_id, code, title in axes
    ]
    return plan_sum.node("plan", plan.pk, plan.slug, str(plan), axis_nodes)


@dataclass(frozen=True)
class OverdueActivity:
    activity_id: int
    code: str
    end_date: date
    days_late: int
    status_labels: tuple[str, ...]  # of the latest approved reports; empty when none


def overdue_cutoff(today: date, cycle=None) -> date:
    """The day deadlines are judged on: today, or for a cycle the day after its period when that is earlier.

    So a cycle's figure is the same whenever it is asked for (the dashboard, the cycle report, later on).
    """
    return today if cycle is None else min(today, cycle.period_end + timedelta(days=1))


def overdue_activities(plan, today: date, cycle=None) -> list[OverdueActivity]:
    """Activities whose deadline passed and that are neither done (concluída, contínua) nor excluded.

    The one rule for "atividades com prazo vencido": with ``cycle``, deadlines are judged on
    ``overdue_cutoff(today, cycle)`` with the figures approved up to that cycle; without, today with the latest.
    """
    figures = latest_approved_reports(plan, cycle)
    today = overdue_cutoff(today, cycle)
    late = (
        Activity.objects.filter(plan=plan, responsibility__end_date__lt=today)
        .order_by("position", "id")
        .values_list("id", "code", "responsibility__end_date")
    )
    result = []
    for activity_id, code, end_date in late:
        activity_figures = figures.get(activity_id, [])
        _, excluded, done = _combine(activity_figures)
        if excluded or done:
            continue
        labels = tuple(f.status_label for f in activity_figures)
        result.append(OverdueActivity(activity_id, code, end_date, (today - end_date).days, labels))
    return result

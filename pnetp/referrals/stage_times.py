"""Time spent in each flow stage, per month: median and 90th percentile of the completed stays.

A stay is read from the atendimentos' history (``Atendimento.history``): it begins when the atendimento
enters a stage (``stage_since``) and ends when it enters the next one, or when the atendimento is closed.
Stays still under way are not counted (their length is not known yet). A stay belongs to the month
(America/Sao_Paulo) in which it ended: the month its length became known.

For the coordination the figures are exact; for the public (``public_stage_times``) a stage-month with
1 to k−1 stays shows neither the count nor the durations (``pnetp.disclosure.public_count``): a median of
a handful of people describes those people. The public gets only the count of stays per stage-month,
never totals of them nor the part over the deadline, so each count stands alone.
"""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime
from statistics import median, quantiles

from django.utils import timezone

from pnetp.disclosure import public_count

from .models import Atendimento, FlowStage


@dataclass(frozen=True)
class Stay:
    atendimento_id: int
    stage_id: int
    entered: datetime
    left: datetime

    @property
    def days(self) -> float:
        return (self.left - self.entered).total_seconds() / 86400


@dataclass(frozen=True)
class StageMonth:
    flow: str
    stage_order: int
    stage_name: str
    deadline_days: int | None
    month: date  # the first day of the month in which the stays ended
    stays: int | None  # None: suppressed in a public table
    median_days: float | None
    p90_days: float | None
    over_deadline: int | None  # stays longer than the stage's deadline


def completed_stays(*, uf: str | None = None) -> list[Stay]:
    """Every finished stay of every atendimento (of owner units in ``uf``, if given)."""
    history = Atendimento.history.order_by("id", "history_date", "history_id")
    if uf:
        ids = Atendimento.objects.filter(owner_unit__municipality__uf__abbreviation=uf).values("pk")
        history = history.filter(id__in=ids)
    visits, closed = defaultdict(list), {}
    for pk, stage_id, since, closed_at in history.values_list("id", "stage_id", "stage_since", "closed_at"):
        if stage_id and since and (not visits[pk] or visits[pk][-1] != (stage_id, since)):
            visits[pk].append((stage_id, since))
        closed[pk] = closed_at  # the latest record says whether it is closed now
    stays = []
    for pk, entries in visits.items():
        ends = [since for _stage, since in entries[1:]] + [closed.get(pk)]
        stays += [Stay(pk, stage, since, end) for (stage, since), end in zip(entries, ends) if end and end >= since]
    return stays


def _p90(days: list[float]) -> float:
    return days[0] if len(days) == 1 else quantiles(days, n=10, method="inclusive")[8]


def stage_times(*, uf: str | None = None) -> list[StageMonth]:
    """Per stage and month: how many stays ended, their median and 90th percentile in days (one decimal)."""
    groups = defaultdict(list)
    for stay in completed_stays(uf=uf):
        month = timezone.localtime(stay.left).date().replace(day=1)
        groups[(stay.stage_id, month)].append(stay.days)
    stages = FlowStage.objects.select_related("flow").in_bulk({stage for stage, _month in groups})
    rows = []
    for (stage_id, month), days in groups.items():
        stage = stages[stage_id]
        rows.append(StageMonth(
            flow=stage.flow.title, stage_order=stage.order, stage_name=stage.name, deadline_days=stage.deadline_days,
            month=month, stays=len(days), median_days=round(median(days), 1), p90_days=round(_p90(days), 1),
            over_deadline=sum(1 for d in days if stage.deadline_days and d > stage.deadline_days),
        ))  # fmt: skip
    return sorted(rows, key=lambda r: (r.flow, r.stage_order, r.month))


def public_stage_times(*, flow_title: str | None = None, k: int | None = None) -> list[StageMonth]:
    """``stage_times`` for the public: a stage-month with 1 to k−1 stays shows no number at all, and the
    count over the deadline (a part of the stays, whose rest could be small) is never public."""
    rows = [row for row in stage_times() if flow_title is None or row.flow == flow_title]
    protected = []
    for row in rows:
        row = replace(row, over_deadline=None)
        if public_count(row.stays, k) is None:
            row = replace(row, stays=None, median_days=None, p90_days=None)
        protected.append(row)
    return protected

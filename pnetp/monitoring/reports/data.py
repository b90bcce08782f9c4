"""The consolidated monitoring report of a cycle as plain data, shared by every output format.

Built by ``assembly.build_cycle_report``. It may be published, so it holds only public content.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from pnetp.monitoring.dashboards.charts import percent_text as page_percent_text
from pnetp.monitoring.services.accountability import InstitutionAccountability


def percent_text(value: Decimal | None) -> str:
    """The pages' figure: "66,7%" (one decimal at most, decimal comma, whatever the active locale);
    "—" when excluded from the roll-up."""
    return page_percent_text(value)


class _Progress:
    """Display helper shared by every level that has a roll-up figure."""

    progress: Decimal | None

    @property
    def progress_text(self) -> str:
        return percent_text(self.progress)


@dataclass(frozen=True)
class EvidenceLink:
    title: str
    link: str


@dataclass(frozen=True)
class InstitutionNarrative:
    """The public part of one approved report counted in the roll-up."""

    institution: str
    cycle: str  # may be an earlier cycle: the latest approved report carries forward
    status: str
    percent: int  # as counted: the report's percent or its status's default
    narrative: str
    evidence: tuple[EvidenceLink, ...]


@dataclass(frozen=True)
class ActivityRow(_Progress):
    code: str
    text: str
    axis_code: str
    action_code: str
    leads: tuple[str, ...]
    partners: tuple[str, ...]
    end_date: date | None
    weight: Decimal
    status: str
    progress: Decimal | None  # None when excluded from the roll-up (cancelled)
    excluded: bool
    reports: tuple[InstitutionNarrative, ...]


@dataclass(frozen=True)
class ActionRow(_Progress):
    code: str
    title: str
    progress: Decimal | None
    weight: Decimal
    counted: int
    excluded: int
    activities: tuple[ActivityRow, ...]


@dataclass(frozen=True)
class AxisSection(_Progress):
    code: str
    title: str
    progress: Decimal | None
    weight: Decimal
    counted: int
    excluded: int
    actions: tuple[ActionRow, ...]
    status_counts: tuple[int, ...]  # aligned with CycleReport.statuses

    @property
    def activities(self) -> list[ActivityRow]:
        return [activity for action in self.actions for activity in action.activities]


@dataclass(frozen=True)
class OverdueActivityRow:
    code: str
    text: str
    leads: tuple[str, ...]
    end_date: date
    days_late: int
    status: str


@dataclass(frozen=True)
class OverdueReportRow:
    activity_code: str
    institution: str
    state: str  # "Rascunho", "Devolvido para ajustes" or "Não iniciado"
    days_overdue: int


@dataclass(frozen=True)
class CycleReport(_Progress):
    plan_title: str
    plan_period: str
    cycle_name: str
    cycle_state: str
    period_start: date
    period_end: date
    reporting_deadline: date
    generated_on: date
    overdue_cutoff: date  # activities whose deadline is before this day and are not done are late
    progress: Decimal | None
    weight: Decimal
    counted: int
    excluded: int
    statuses: tuple[str, ...]  # columns of the status distribution, "sem relatório aprovado" last
    axes: tuple[AxisSection, ...]
    institutions: tuple[InstitutionAccountability, ...]
    overdue_activities: tuple[OverdueActivityRow, ...]
    overdue_reports: tuple[OverdueReportRow, ...]

    @property
    def title(self) -> str:
        return _("Relatório consolidado de monitoramento — Ciclo %(cycle)s") % {"cycle": self.cycle_name}

    @property
    def actions(self) -> list[ActionRow]:
        return [action for axis in self.axes for action in axis.actions]

    @property
    def activities(self) -> list[ActivityRow]:
        return [activity for axis in self.axes for activity in axis.activities]

    @property
    def status_totals(self) -> tuple[int, ...]:
        totals = [0] * len(self.statuses)
        for axis in self.axes:
            for index, count in enumerate(axis.status_counts):
                totals[index] += count
        return tuple(totals)

    @property
    def status_distribution(self) -> list[tuple[str, int]]:
        return list(zip(self.statuses, self.status_totals))

    @property
    def reported_activities(self) -> int:
        """Activities with at least one approved report counted in the roll-up."""
        return sum(1 for activity in self.activities if activity.reports)

    @property
    def accountability_totals(self) -> dict[str, int]:
        fields = ("assigned", "reported", "approved", "pending", "overdue")
        return {field: sum(getattr(row, field) for row in self.institutions) for field in fields}

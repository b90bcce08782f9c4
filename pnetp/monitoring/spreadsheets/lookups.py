"""What an import compares against: the plan's activities, institutions, statuses and stored records.

Loaded once, in a handful of queries, before any row is read.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from pnetp.core.text import fold
from pnetp.institutions.models import Institution
from pnetp.monitoring.models import Indicator, MonitoringCycle, ProgressReport, Responsibility, StatusOption
from pnetp.plans.models import Activity, Plan

from .vocabulary import status_lookup


@dataclass
class Lookups:
    plan: Plan
    cycle: MonitoringCycle | None
    activities: dict[str, Activity]  # by code
    institutions: dict[str, Institution]  # by folded acronym
    statuses: dict[str, StatusOption]  # by folded label and slug
    responsibilities: dict[int, Responsibility]  # by activity id
    indicators: dict[tuple[int, str], list[Indicator]] = field(default_factory=dict)  # by (activity id, folded name)
    reports: dict[tuple[int, int], ProgressReport] = field(default_factory=dict)  # by (activity id, institution id)

    @classmethod
    def load(cls, plan: Plan, cycle: MonitoringCycle | None) -> "Lookups":
        responsibilities = Responsibility.objects.filter(activity__plan=plan).prefetch_related(
            "lead_institutions", "partner_institutions"
        )
        indicators = defaultdict(list)
        for indicator in Indicator.objects.filter(activity__plan=plan).order_by("id"):
            indicators[indicator.activity_id, fold(indicator.name)].append(indicator)
        reports = (
            ProgressReport.objects.filter(cycle=cycle).select_related("status")
            if cycle
            else ProgressReport.objects.none()
        )
        return cls(
            plan=plan,
            cycle=cycle,
            activities={a.code: a for a in Activity.objects.filter(plan=plan)},
            institutions={fold(i.acronym): i for i in Institution.objects.all()},
            statuses=status_lookup(),
            responsibilities={r.activity_id: r for r in responsibilities},
            indicators=dict(indicators),
            reports={(r.activity_id, r.institution_id): r for r in reports},
        )

    def active_status_labels(self) -> list[str]:
        options = {option.pk: option for option in self.statuses.values() if option.active}
        return [option.label for option in sorted(options.values(), key=lambda o: o.order)]

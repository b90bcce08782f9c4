"""Which institution owes which report in a cycle.

An institution owes a report for every activity it *leads* whose responsibility has started by the
end of the cycle's period. Partners may report but are not chased, except that a partner which
started a report owes its submission. Both rules live only here; accountability, overdue
detection and reminders all read them from ``reporting_obligations``.
"""

from dataclasses import dataclass

from django.db.models import Q

from pnetp.monitoring.models import ProgressReport, Responsibility
from pnetp.plans.models import code_sort_key


@dataclass(frozen=True)
class Obligation:
    activity_id: int
    activity_code: str
    institution_id: int
    report_id: int | None = None
    state: str | None = None  # the report's state; None when no report was started

    @property
    def reported(self) -> bool:
        return self.state in ProgressReport.REPORTED_STATES

    @property
    def approved(self) -> bool:
        return self.state == ProgressReport.State.APPROVED


def reporting_obligations(cycle) -> list[Obligation]:
    """Every report owed in the cycle, sorted by institution and activity code (two queries)."""
    started = Q(responsibility__start_date__isnull=True) | Q(responsibility__start_date__lte=cycle.period_end)
    leads = Responsibility.lead_institutions.through.objects.filter(
        started, responsibility__activity__plan_id=cycle.plan_id
    ).values_list("responsibility__activity_id", "responsibility__activity__code", "institution_id")
    owed = {(activity, institution): Obligation(activity, code, institution) for activity, code, institution in leads}
    reports = ProgressReport.objects.filter(cycle=cycle).values_list(
        "id", "activity_id", "activity__code", "institution_id", "state"
    )
    for report_id, activity_id, code, institution_id, state in reports:
        owed[activity_id, institution_id] = Obligation(activity_id, code, institution_id, report_id, state)
    return sorted(owed.values(), key=lambda o: (o.institution_id, code_sort_key(o.activity_code), o.activity_code))

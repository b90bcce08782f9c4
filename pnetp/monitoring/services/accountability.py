"""Accountability by institution and overdue reports, for one monitoring cycle."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from pnetp.institutions.models import Institution

from .obligations import Obligation, reporting_obligations


def days_overdue(cycle, today: date) -> int:
    """Days past the cycle's reporting deadline; 0 up to and including the deadline day."""
    return max((today - cycle.reporting_deadline).days, 0)


@dataclass(frozen=True)
class OverdueReport:
    activity_id: int
    activity_code: str
    institution_id: int
    report_id: int | None  # None when the institution never started it
    state: str | None
    days_overdue: int


def overdue_from(obligations: list[Obligation], cycle, today: date) -> list[OverdueReport]:
    late = days_overdue(cycle, today)
    if not late:
        return []
    return [
        OverdueReport(o.activity_id, o.activity_code, o.institution_id, o.report_id, o.state, late)
        for o in obligations
        if not o.reported
    ]


def overdue_reports(cycle, today: date) -> list[OverdueReport]:
    """Owed reports neither submitted nor approved once the reporting deadline has passed."""
    return overdue_from(reporting_obligations(cycle), cycle, today)


@dataclass(frozen=True)
class InstitutionAccountability:
    institution_id: int
    acronym: str
    name: str
    assigned: int  # reports owed (see obligations.py)
    reported: int  # submitted or approved
    approved: int
    overdue: int

    @property
    def pending(self) -> int:
        return self.assigned - self.reported


def accountability_table(cycle, today: date | None = None) -> list[InstitutionAccountability]:
    """One row per institution owing reports in the cycle, by acronym (three queries)."""
    today = today or timezone.localdate()
    obligations = reporting_obligations(cycle)
    overdue = overdue_from(obligations, cycle, today)
    assigned, reported, approved = Counter(), Counter(), Counter()
    for o in obligations:
        assigned[o.institution_id] += 1
        reported[o.institution_id] += o.reported
        approved[o.institution_id] += o.approved
    late = Counter(r.institution_id for r in overdue)
    rows = [
        InstitutionAccountability(
            institution_id=pk,
            acronym=institution.acronym,
            name=institution.name,
            assigned=assigned[pk],
            reported=reported[pk],
            approved=approved[pk],
            overdue=late[pk],
        )
        for pk, institution in Institution.objects.in_bulk(list(assigned)).items()
    ]
    return sorted(rows, key=lambda row: (row.acronym.casefold(), row.name.casefold()))

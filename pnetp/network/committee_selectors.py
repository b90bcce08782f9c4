"""Reads about committees: the list, one committee's public page data, and the coverage of the network by UF
(activities 1.1.3–1.1.5: committee, NETP, PAAHM and an aligned plan in each UF)."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet

from pnetp.institutions.models import UF_CHOICES
from pnetp.plans import alignment
from pnetp.plans.models import Plan
from pnetp.plans.queries import can_see_drafts, featured_plan

from pnetp.accounts.permissions import is_coordination

from .models import OPEN_DECISION_STATUSES, Committee, CommitteeKind, Decision, Seat, Segment, Unit, UnitKind
from .permissions import can_see_committee_alerts
from .services.committees import ParityCheck, active_seats, parity


def public_committees() -> QuerySet[Committee]:
    return Committee.objects.filter(active=True).select_related("uf", "municipality", "secretariat")


@dataclass
class CommitteePage:
    committee: Committee
    parity: ParityCheck
    segments: list[tuple[str, list[Seat]]]
    alerts: list[str]  # empty unless the user is the secretariat or the coordination
    ended: list[Seat] = field(default_factory=list)  # seats left (with the reason), for the same people only


def committee_page(user, committee: Committee) -> CommitteePage:
    seats = active_seats(committee)
    segments = [(label, [s for s in seats if s.segment == code]) for code, label in Segment.choices]
    check = parity(committee)
    managing = can_see_committee_alerts(user, committee)
    alerts = check.alerts if managing else []
    ended = []
    if managing:
        left = committee.seats.filter(end_date__isnull=False).select_related("institution").order_by("-end_date", "pk")
        ended = list(left[:50])
    return CommitteePage(committee, check, [(label, rows) for label, rows in segments if rows], alerts, ended)


@dataclass
class UFNetwork:
    uf: str
    name: str
    state_committees: list[Committee] = field(default_factory=list)
    municipal_committees: int = 0
    netp: int = 0
    paahm: int = 0
    state_plan: Plan | None = None
    local_plans: int = 0


def coverage_by_uf(user) -> list[UFNetwork]:
    rows = {uf: UFNetwork(uf, name) for uf, name in UF_CHOICES}
    for committee in public_committees().exclude(kind=CommitteeKind.NATIONAL):
        uf = committee.uf.abbreviation if committee.uf_id else committee.municipality.uf.abbreviation
        if committee.kind == CommitteeKind.MUNICIPAL:
            rows[uf].municipal_committees += 1
        else:
            rows[uf].state_committees.append(committee)
    units = Unit.objects.filter(active=True, kind__in=[UnitKind.NETP, UnitKind.PAAHM], municipality__isnull=False)
    for (uf, kind), count in Counter(units.values_list("municipality__uf__abbreviation", "kind")).items():
        setattr(rows[uf], kind, count)
    national = featured_plan(user)
    if national is not None:
        for plan_row in alignment.coverage_by_uf(national, can_see_drafts(user)).rows:
            rows[plan_row.uf].state_plan = plan_row.state_plan
            rows[plan_row.uf].local_plans = len(plan_row.plans)
    return list(rows.values())


def followed_decisions(user) -> list[Decision]:
    """Open decisions the user follows: those of their institution, or every open one for the coordination."""
    decisions = Decision.objects.filter(status__in=OPEN_DECISION_STATUSES)
    if not is_coordination(user):
        decisions = decisions.filter(responsible_id=user.institution_id) if user.institution_id else decisions.none()
    decisions = decisions.select_related("meeting__committee", "responsible").prefetch_related("activities__plan")
    return list(decisions.order_by("deadline", "meeting__starts_at", "pk"))
